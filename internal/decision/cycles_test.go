package decision_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// TestCyclesReportedOnce links cycles of supersessions of several lengths:
// each cycle is one warning of one line, however long the cycle.
func TestCyclesReportedOnce(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{2, "(ADR-0001 → ADR-0002 → ADR-0001)"},
		{10, "(ADR-0001 → ADR-0010 → ADR-0009 → ADR-0008 → ADR-0007 → ADR-0006 → ADR-0005 → ADR-0004 → ADR-0003 → ADR-0002 → ADR-0001)"},
		{1000, "(ADR-0001 → ADR-1000 → ADR-0999 → ADR-0998 → … 994 more … → ADR-0003 → ADR-0002 → ADR-0001)"},
	} {
		t.Run(fmt.Sprint(c.n), func(t *testing.T) {
			records := make([]*decision.Record, c.n)
			for i := range c.n {
				// each record supersedes the one before it; the first the last
				prev := i
				if i == 0 {
					prev = c.n
				}
				records[i] = rec(t, "", fmt.Sprintf("%04d-r.md", i+1), fmt.Sprintf("status: accepted\nsupersedes: %d\n", prev))
			}
			_, problems := decision.Link(records)
			var cycles []string
			for _, p := range problems {
				if strings.Contains(p.Message, "cycle") {
					cycles = append(cycles, p.Error())
				}
			}
			if len(cycles) != 1 {
				t.Fatalf("%d cycle warnings, want 1: %.300q", len(cycles), cycles)
			}
			if !strings.Contains(cycles[0], c.want) || !strings.HasPrefix(cycles[0], "decisions/0001-r.md:3: warning: ADR-0001 supersedes itself through a cycle;") {
				t.Errorf("warning = %q, want it to name %s", cycles[0], c.want)
			}
		})
	}
}

// TestCycleGroups reports two separate cycles once each, and a group of
// records on several cycles once.
func TestCycleGroups(t *testing.T) {
	records := []*decision.Record{
		rec(t, "", "0001-a.md", "supersedes: 2\n"),
		rec(t, "", "0002-b.md", "supersedes: [1, 3]\n"),
		rec(t, "", "0003-c.md", "supersedes: 2\n"),
		rec(t, "", "0004-d.md", "supersedes: 5\n"),
		rec(t, "", "0005-e.md", "supersedes: 4\n"),
	}
	_, problems := decision.Link(records)
	var got []string
	for _, p := range problems {
		if strings.Contains(p.Message, "cycle") {
			got = append(got, p.Error())
		}
	}
	want := []string{
		"decisions/0001-a.md:2: warning: ADR-0001 supersedes itself through a cycle (one of the cycles among 3 records); remove one of the supersedes links (ADR-0001 → ADR-0002 → ADR-0001)",
		"decisions/0004-d.md:2: warning: ADR-0004 supersedes itself through a cycle; remove one of the supersedes links (ADR-0004 → ADR-0005 → ADR-0004)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
