package decision_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
)

// readLog parses every record under testdata/log, in directory order.
func readLog(t *testing.T) []*decision.Record {
	t.Helper()
	entries, err := os.ReadDir("testdata/log")
	if err != nil {
		t.Fatal(err)
	}
	var records []*decision.Record
	for _, e := range entries {
		if _, _, ok := decision.ParseFileName(e.Name()); !ok {
			continue
		}
		records = append(records, readFixture(t, e.Name()))
	}
	return records
}

func TestLinkFixtures(t *testing.T) {
	records := readLog(t)
	if got, want := len(records), 7; got != want {
		t.Fatalf("%d records, want %d (README.md and adr-template.md are not records)", got, want)
	}
	// Link orders records itself; hand them over backwards.
	slices.Reverse(records)
	log, problems := decision.Link(records)
	for _, p := range problems {
		if !strings.Contains(p.Error(), "1 of the folder's records state no status (0006-unfilled-template.md)") {
			t.Errorf("unexpected problem: %v", p)
		}
	}
	tests := []struct {
		number       int
		status       string
		supersedes   []int
		supersededBy []int
		amends       []int
		amendedBy    []int
		related      []int
	}{
		{number: 1, status: "accepted", amendedBy: []int{3}},
		{number: 2, status: "superseded", supersededBy: []int{5}, related: []int{3}}, // "related" holds both ways
		{number: 3, status: "accepted", amends: []int{1}, related: []int{2, 4}},
		{number: 4, status: "superseded", supersededBy: []int{7}, related: []int{3}},
		{number: 5, status: "accepted", supersedes: []int{2}},
		{number: 6, status: "not stated"},
		{number: 7, status: "accepted", supersedes: []int{4}},
	}
	if got, want := len(log.Records), len(tests); got != want {
		t.Fatalf("%d linked records, want %d", got, want)
	}
	for i, tt := range tests {
		r := log.Records[i]
		if got, want := r.Number, tt.number; got != want {
			t.Errorf("record %d: Number = %d, want %d", i, got, want)
		}
		if log.Get("", tt.number) != r {
			t.Errorf("Get(%d) is not the record %d", tt.number, i)
		}
		if got, want := r.Status, tt.status; got != want {
			t.Errorf("%s: Status = %q, want %q", r.Label(), got, want)
		}
		for _, rel := range []struct {
			name      string
			got, want []int
		}{
			{"Supersedes", r.Supersedes, tt.supersedes},
			{"SupersededBy", r.SupersededBy, tt.supersededBy},
			{"Amends", r.Amends, tt.amends},
			{"AmendedBy", r.AmendedBy, tt.amendedBy},
			{"Related", r.Related, tt.related},
		} {
			if len(rel.got) != 0 || len(rel.want) != 0 {
				if !slices.Equal(rel.got, rel.want) {
					t.Errorf("%s: %s = %v, want %v", r.Label(), rel.name, rel.got, rel.want)
				}
			}
		}
	}
	if log.Get("", 8) != nil || log.Get("other", 1) != nil {
		t.Error("Get found a record that does not exist")
	}
}

// rec parses one record of a log built in a test.
func rec(t *testing.T, folder, name, frontMatter string) *decision.Record {
	t.Helper()
	src := "# " + name + "\n"
	if frontMatter != "" {
		src = "---\n" + frontMatter + "---\n" + src
	}
	source := "decisions/" + name
	if folder != "" {
		source = "decisions/" + folder + "/" + name
	}
	r, err := decision.Parse(source, folder, []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

// problemsWith returns the problems whose message contains text.
func problemsWith(ps []*diag.Problem, text string) []*diag.Problem {
	var out []*diag.Problem
	for _, p := range ps {
		if strings.Contains(p.Message, text) {
			out = append(out, p)
		}
	}
	return out
}

func TestLinkReverseRelations(t *testing.T) {
	log, problems := decision.Link([]*decision.Record{
		rec(t, "", "0001-old.md", "status: accepted\n"),
		rec(t, "", "0002-middle.md", "status: accepted\n"),
		rec(t, "", "0003-new.md", "status: accepted\nsupersedes: 1\namends: [2]\n"),
		// The other way round: the old record names its successor only.
		rec(t, "", "0004-legacy.md", "status: superseded by ADR-0005\n"),
		rec(t, "", "0005-current.md", "status: accepted\n"),
		// Both ways at once: derived relations are not doubled.
		rec(t, "", "0006-both.md", "status: superseded by ADR-0007\n"),
		rec(t, "", "0007-both.md", "status: accepted\nsupersedes: [6, ADR-0006]\n"),
	})
	for _, p := range problems {
		t.Errorf("unexpected problem: %v", p)
	}
	tests := []struct {
		number       int
		status       string
		supersedes   []int
		supersededBy []int
		amendedBy    []int
	}{
		{1, "superseded", nil, []int{3}, nil},
		{2, "accepted", nil, nil, []int{3}},
		{3, "accepted", []int{1}, nil, nil},
		{4, "superseded", nil, []int{5}, nil},
		{5, "accepted", []int{4}, nil, nil},
		{6, "superseded", nil, []int{7}, nil},
		{7, "accepted", []int{6}, nil, nil},
	}
	for _, tt := range tests {
		r := log.Get("", tt.number)
		if got, want := r.Status, tt.status; got != want {
			t.Errorf("%s: Status = %q, want %q", r.Label(), got, want)
		}
		if got, want := r.Supersedes, tt.supersedes; !slices.Equal(got, want) {
			t.Errorf("%s: Supersedes = %v, want %v", r.Label(), got, want)
		}
		if got, want := r.SupersededBy, tt.supersededBy; !slices.Equal(got, want) {
			t.Errorf("%s: SupersededBy = %v, want %v", r.Label(), got, want)
		}
		if got, want := r.AmendedBy, tt.amendedBy; !slices.Equal(got, want) {
			t.Errorf("%s: AmendedBy = %v, want %v", r.Label(), got, want)
		}
	}
}

func TestLinkDerivedStatus(t *testing.T) {
	tests := []struct {
		status string // of the superseded record
		want   string
	}{
		{"accepted", "superseded"},
		{"proposed", "superseded"},
		{"", "superseded"}, // proposed by default
		{"deprecated", "deprecated"},
		{"rejected", "rejected"},
		{"superseded", "superseded"},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			fm := ""
			if tt.status != "" {
				fm = "status: " + tt.status + "\n"
			}
			log, _ := decision.Link([]*decision.Record{
				rec(t, "", "0001-old.md", fm),
				rec(t, "", "0002-new.md", "status: accepted\nsupersedes: 1\n"),
			})
			if got, want := log.Get("", 1).Status, tt.want; got != want {
				t.Errorf("Status = %q, want %q", got, want)
			}
		})
	}
}

func TestLinkFolders(t *testing.T) {
	log, problems := decision.Link([]*decision.Record{
		rec(t, "frontend", "0001-react.md", "status: accepted\n"),
		rec(t, "", "0002-top.md", "status: accepted\n"),
		rec(t, "backend", "0001-go.md", "status: accepted\n"),
		rec(t, "", "0001-top.md", "status: accepted\n"),
		rec(t, "backend", "0002-rust.md", "status: accepted\nsupersedes: 1\n"),
	})
	for _, p := range problems {
		t.Errorf("unexpected problem: %v", p)
	}
	var order []string
	for _, r := range log.Records {
		order = append(order, r.Source)
	}
	if got, want := strings.Join(order, " "), "decisions/0001-top.md decisions/0002-top.md decisions/backend/0001-go.md decisions/backend/0002-rust.md decisions/frontend/0001-react.md"; got != want {
		t.Errorf("order = %s\nwant    %s", got, want)
	}
	// Relations stay inside their folder.
	if got, want := log.Get("backend", 1).SupersededBy, []int{2}; !slices.Equal(got, want) {
		t.Errorf("backend ADR-0001 SupersededBy = %v, want %v", got, want)
	}
	for _, r := range []*decision.Record{log.Get("", 1), log.Get("frontend", 1)} {
		if len(r.SupersededBy) != 0 || r.Status != "accepted" {
			t.Errorf("%s: superseded from another folder: %v, %q", r.Source, r.SupersededBy, r.Status)
		}
	}
}

func TestLinkProblems(t *testing.T) {
	tests := []struct {
		name     string
		records  func(t *testing.T) []*decision.Record
		severity diag.Severity
		file     string
		line     int
		text     string // in Error()
		count    int    // problems containing text; 0 means 1
	}{
		{
			name: "dangling supersedes",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "status: accepted\n\nsupersedes: 9\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 4,
			text: "decisions/0001-a.md:4: warning: supersedes refers to ADR-0009, which does not exist; point it at an existing record or remove it",
		},
		{
			name: "dangling amends",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "amends: [ADR-0003]\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 2,
			text: "amends refers to ADR-0003, which does not exist",
		},
		{
			name: "dangling related",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "title: A\nstatus: accepted\nrelated: 0002-b.md\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 4,
			text: "related refers to ADR-0002, which does not exist",
		},
		{
			name: "dangling successor in the status",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "title: A\nstatus: superseded by [ADR-0005](0005-x.md)\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 3,
			text: "status refers to ADR-0005, which does not exist",
		},
		{
			name: "reference into another folder dangles",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "a", "0001-x.md", "status: accepted\n"),
					rec(t, "b", "0002-y.md", "status: accepted\nsupersedes: 1\n"),
				}
			},
			severity: diag.Warning, file: "decisions/b/0002-y.md", line: 3,
			text: "supersedes refers to ADR-0001, which does not exist",
		},
		{
			name: "duplicate numbers",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0003-use-b.md", "status: accepted\n"),
					rec(t, "", "0003-use-a.md", "status: accepted\n"),
				}
			},
			severity: diag.Error, file: "decisions/0003-use-b.md", line: 1,
			text: "decisions/0003-use-b.md:1: number 3 is also used by decisions/0003-use-a.md; renumber one of them",
		},
		{
			name: "duplicate numbers, three times",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0003-c.md", ""),
					rec(t, "", "0003-a.md", ""),
					rec(t, "", "0003-b.md", ""),
				}
			},
			severity: diag.Error, file: "", line: 1,
			text: "is also used by decisions/0003-a.md", count: 2,
		},
		{
			name: "supersession cycle",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0001-a.md", "status: accepted\nsupersedes: 2\n"),
					rec(t, "", "0002-b.md", "status: accepted\nsupersedes: 1\n"),
				}
			},
			severity: diag.Warning, file: "", line: 3,
			text: "supersedes itself through a cycle; remove one of the supersedes links", count: 1,
		},
		{
			name: "longer supersession cycle",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0001-a.md", "supersedes: 3\n"),
					rec(t, "", "0002-b.md", "supersedes: 1\n"),
					rec(t, "", "0003-c.md", "supersedes: 2\n"),
					rec(t, "", "0004-d.md", "supersedes: 3\n"),
				}
			},
			severity: diag.Warning, file: "", line: 2,
			text: "supersedes itself through a cycle", count: 1,
		},
		{
			name: "cycle through the status",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0001-a.md", "status: superseded by ADR-0002\nsupersedes: 2\n"),
					rec(t, "", "0002-b.md", "status: accepted\n"),
				}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 3,
			text: "ADR-0001 supersedes itself through a cycle",
		},
		{
			name: "record superseding itself",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "status: accepted\nsupersedes: 1\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 3,
			text: "ADR-0001 supersedes itself through a cycle",
		},
		{
			name: "marked superseded, successor not accepted",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0001-a.md", "title: A\nstatus: superseded by ADR-0002\n"),
					rec(t, "", "0002-b.md", "status: proposed\nsupersedes: 1\n"),
				}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 3,
			text: `decisions/0001-a.md:3: warning: superseded by ADR-0002, whose status is "proposed", not accepted; accept the successor or restore this record's status`,
		},
		{
			name: "successor rejected, named in the status",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{
					rec(t, "", "0001-a.md", "status: superseded by ADR-0002\n"),
					rec(t, "", "0002-b.md", "status: rejected\n"),
				}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 2,
			text: `superseded by ADR-0002, whose status is "rejected", not accepted`,
		},
		{
			name: "custom status",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "title: A\n\nstatus: On Hold\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 4,
			text: `decisions/0001-a.md:4: warning: custom status "on hold"; use proposed, accepted, rejected, deprecated or superseded`,
		},
		{
			name: "superseded by something that is not a reference",
			records: func(t *testing.T) []*decision.Record {
				return []*decision.Record{rec(t, "", "0001-a.md", "status: superseded by the new one\n")}
			},
			severity: diag.Warning, file: "decisions/0001-a.md", line: 2,
			text: `superseded by the new one, which names no record`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := decision.Link(tt.records(t))
			var matching []*diag.Problem
			for _, p := range problems {
				if strings.Contains(p.Error(), tt.text) {
					matching = append(matching, p)
				}
			}
			if got, want := len(matching), max(1, tt.count); got != want {
				t.Fatalf("%d problems contain %q, want %d; all: %v", got, tt.text, want, problems)
			}
			for _, p := range matching {
				if got, want := p.Severity, tt.severity; got != want {
					t.Errorf("Severity = %v, want %v", got, want)
				}
				if tt.file != "" {
					if got, want := p.File, tt.file; got != want {
						t.Errorf("File = %q, want %q", got, want)
					}
				}
				if got, want := p.Line, tt.line; got != want {
					t.Errorf("Line = %d, want %d (%v)", got, want, p)
				}
			}
		})
	}
}

func TestLinkSupersessionChain(t *testing.T) {
	// Each record is superseded by the next; whether the statuses are
	// written out or derived, only the newest is in force and nothing is
	// worth a warning.
	tests := []struct {
		name    string
		records func(t *testing.T) []*decision.Record
	}{
		{"supersedes keys", func(t *testing.T) []*decision.Record {
			return []*decision.Record{
				rec(t, "", "0001-a.md", "status: accepted\n"),
				rec(t, "", "0002-b.md", "status: accepted\nsupersedes: 1\n"),
				rec(t, "", "0003-c.md", "status: accepted\nsupersedes: 2\n"),
			}
		}},
		{"statuses", func(t *testing.T) []*decision.Record {
			return []*decision.Record{
				rec(t, "", "0001-a.md", "status: superseded by ADR-0002\n"),
				rec(t, "", "0002-b.md", "status: superseded by ADR-0003\n"),
				rec(t, "", "0003-c.md", "status: accepted\n"),
			}
		}},
		{"statuses written plainly", func(t *testing.T) []*decision.Record {
			return []*decision.Record{
				rec(t, "", "0001-a.md", "status: superseded\n"),
				rec(t, "", "0002-b.md", "status: superseded\nsupersedes: 1\n"),
				rec(t, "", "0003-c.md", "status: accepted\nsupersedes: 2\n"),
			}
		}},
		{"newest first", func(t *testing.T) []*decision.Record {
			return []*decision.Record{
				rec(t, "", "0001-c.md", "status: accepted\nsupersedes: 2\n"),
				rec(t, "", "0002-b.md", "status: accepted\nsupersedes: 3\n"),
				rec(t, "", "0003-a.md", "status: accepted\n"),
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, problems := decision.Link(tt.records(t))
			for _, p := range problems {
				t.Errorf("unexpected problem: %v", p)
			}
			var statuses []string
			for _, r := range log.Records {
				statuses = append(statuses, r.Status)
			}
			if got, want := strings.Count(strings.Join(statuses, " "), "superseded"), 2; got != want {
				t.Errorf("statuses %v, want two superseded", statuses)
			}
		})
	}
}

func TestLinkDuplicateKeepsFirst(t *testing.T) {
	a := rec(t, "", "0003-a.md", "status: accepted\n")
	b := rec(t, "", "0003-b.md", "status: accepted\n")
	log, problems := decision.Link([]*decision.Record{b, a})
	if got, want := len(problemsWith(problems, "is also used by")), 1; got != want {
		t.Fatalf("%d duplicate problems, want %d", got, want)
	}
	if got, want := log.Get("", 3), a; got != want {
		t.Errorf("Get(3) = %s, want %s", got.Source, want.Source)
	}
	if got, want := len(log.Records), 2; got != want {
		t.Errorf("%d records kept, want %d", got, want)
	}
}
