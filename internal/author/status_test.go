package author

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// TestSupersedeOnceAccepted: a proposed record that supersedes another
// leaves it as it is; accepting it with SetStatus marks the other
// superseded, and changes nothing else in either file.
func TestSupersedeOnceAccepted(t *testing.T) {
	dir := site(t, map[string]string{
		"decisions/0001-a.md": "# 1. A\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n",
	})
	f, err := Open(dir, "decisions", "")
	if err != nil {
		t.Fatal(err)
	}
	old, err := f.Find("1")
	if err != nil {
		t.Fatal(err)
	}
	d := &decision.Draft{Title: "Use NATS", Date: day, Format: "nygard", Supersedes: old}
	written, marked, err := f.Add(d)
	if err != nil || len(marked) != 0 {
		t.Fatalf("Add: %v, marked %v", err, marked)
	}
	before := read(t, dir)
	if !strings.Contains(before["decisions/0001-a.md"], "\nAccepted\n") {
		t.Fatalf("a proposed successor marked the record:\n%s", before["decisions/0001-a.md"])
	}

	f, err = Open(dir, "decisions", "")
	if err != nil {
		t.Fatal(err)
	}
	nu, err := f.Find(written)
	if err != nil {
		t.Fatal(err)
	}
	marked, err = f.SetStatus(nu[0], decision.Accepted)
	if err != nil {
		t.Fatal(err)
	}
	if len(marked) != 1 || marked[0].Number != 1 {
		t.Errorf("marked %v, want ADR-0001", marked)
	}
	after := read(t, dir)
	for name, want := range map[string][2]string{
		"decisions/0001-a.md":        {"Accepted", "Superseded by [2. Use NATS](0002-use-nats.md)"},
		"decisions/0002-use-nats.md": {"Proposed", "Accepted"},
	} {
		removed, added := lineDiff(before[name], after[name])
		if !slices.Equal(removed, []string{want[0]}) || !slices.Equal(added, []string{want[1]}) {
			t.Errorf("%s: %q → %q, want %q → %q", name, removed, added, want[0], want[1])
		}
	}
	// Accepting it again marks nothing twice.
	f, _ = Open(dir, "decisions", "")
	nu, _ = f.Find("2")
	if marked, err := f.SetStatus(nu[0], decision.Accepted); err != nil || len(marked) != 0 {
		t.Errorf("again: %v, marked %v", err, marked)
	}
	if !mapsEqual(read(t, dir), after) {
		t.Error("accepting an accepted record changed files")
	}
}
