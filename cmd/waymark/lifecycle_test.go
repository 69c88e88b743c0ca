package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLifecycle: with decisions.review and decisions.proposedDays set,
// check warns of an overdue review and of a record left proposed, and
// the built site shows the review on the home page, the record page and
// the decisions index.
func TestLifecycle(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	writeFile(t, filepath.Join(site, "waymark.yaml"), "title: Our Architecture\ndecisions:\n  review: 12\n  proposedDays: 10\n")
	writeFile(t, filepath.Join(site, "decisions", "0002-use-kafka.md"), "---\nstatus: accepted\ndate: "+day(now.AddDate(-2, 0, 0))+"\n---\n# Use Kafka\n\nBecause.\n")
	writeFile(t, filepath.Join(site, "decisions", "0003-use-nats.md"), "---\nstatus: proposed\ndate: "+day(now.AddDate(0, 0, -20))+"\nsupersedes: 2\n---\n# Use NATS\n\nMaybe.\n")
	stdout, _, err := waymark(t, "check", "--site", site)
	if err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	for _, want := range []string{
		"decisions/0002-use-kafka.md:3: warning: review was due on " + day(now.AddDate(-1, 0, 0)),
		"decisions/0003-use-nats.md:2: warning: proposed for 20 days, since " + day(now.AddDate(0, 0, -20)) + " (decisions.proposedDays is 10); decide it (waymark status 3 accepted, or rejected)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check lacks %q:\n%s", want, stdout)
		}
	}
	if _, _, err := waymark(t, "build", "--site", site); err != nil {
		t.Fatal(err)
	}
	for file, wants := range map[string][]string{
		"index.html":                          {"Due for review", "Use Kafka"},
		"decisions/0002-use-kafka/index.html": {"Review due.", "To be superseded.", "ADR-0003: Use NATS</a> (proposed)"},
		"decisions/index.html":                {`data-review="due"`, `name="review"`},
		"decisions/0003-use-nats/index.html":  {"Use NATS"},
	} {
		data, err := os.ReadFile(filepath.Join(site, "public", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(data), want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
	}
}
