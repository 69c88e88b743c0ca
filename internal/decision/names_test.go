package decision_test

import (
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// TestReadName reads every record file naming convention teams use.
func TestReadName(t *testing.T) {
	tests := []struct {
		name   string
		kind   decision.NameKind
		number int
		date   string
	}{
		{"0005-use-kafka.md", decision.Numbered, 5, ""},
		{"ADR-12.md", decision.Numbered, 12, ""},
		{"ADR-0012-use-kafka.md", decision.Numbered, 12, ""},
		{"adr-012-config.md", decision.Numbered, 12, ""},
		{"adr_7_config.md", decision.Numbered, 7, ""},
		{"ODH-ADR-0001-pick-a-queue.md", decision.Numbered, 1, ""},
		{"team-x-adr-003-cache.md", decision.Numbered, 3, ""},
		{"RFC-0042-api-versions.md", decision.Numbered, 42, ""},
		{"DR-7-logging.md", decision.Numbered, 7, ""},
		{"2023-06-29-ci-cd-task-runner.md", decision.DatedFile, 0, "2023-06-29"},
		{"20200115-use-log4brains.md", decision.DatedFile, 0, "2020-01-15"},
		{"choosing-a-database.md", decision.Plain, 0, ""},
		{"use-2-databases.md", decision.Plain, 0, ""}, // a lower-case word before a number is no prefix
		{"0007-templates-for-emails.md", decision.Numbered, 7, ""},
		{"0012-choose-a-template-engine.md", decision.Numbered, 12, ""},
		{"template.md", decision.NotRecord, 0, ""},
		{"adr-template.md", decision.NotRecord, 0, ""},
		{"adr-template-lite.md", decision.NotRecord, 0, ""},
		{"0000-template.md", decision.NotRecord, 0, ""},
		{"0000-TEMPLATE.md", decision.NotRecord, 0, ""},
		{"0001-madr-template.md", decision.NotRecord, 0, ""},
		{"README.md", decision.NotRecord, 0, ""},
		{"index.md", decision.NotRecord, 0, ""},
		{"diagram.png", decision.NotRecord, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := decision.ReadName("docs/adr/" + tt.name)
			if got, want := n.Kind, tt.kind; got != want {
				t.Fatalf("kind = %d, want %d (%s)", got, want, n.Why)
			}
			if got, want := n.Number, tt.number; got != want {
				t.Errorf("number = %d, want %d", got, want)
			}
			if got, want := n.Date.String(), tt.date; got != want {
				t.Errorf("date = %q, want %q", got, want)
			}
			if n.Kind == decision.NotRecord && n.Why == "" {
				t.Error("no reason given for a file that is not a record")
			}
		})
	}
}

// FuzzReadName reads any file name without panicking; a record's id is
// its base name without .md.
func FuzzReadName(f *testing.F) {
	for _, s := range []string{"ADR-12.md", "ODH-ADR-0001-x.md", "2023-06-29-x.md", "x/index.md", "0000-TEMPLATE.md", "a.md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		n := decision.ReadName(name)
		if n.Kind != decision.NotRecord && n.ID == "" {
			t.Fatalf("%q: a record with no id", name)
		}
	})
}
