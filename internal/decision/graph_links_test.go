package decision

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
)

// link parses sources (path → text) and links them.
func link(t *testing.T, files map[string]string) (*Log, []*diag.Problem) {
	t.Helper()
	var records []*Record
	for _, p := range slices.Sorted(mapKeys(files)) {
		folder := ""
		if i := strings.LastIndex(p, "/"); i > len("decisions") {
			folder = p[len("decisions/"):i]
		}
		r, err := Parse(p, folder, []byte(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		records = append(records, r)
	}
	return Link(records)
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestLinkProblems checks that every broken case is reported at the file
// and line where it is written.
func TestLinkProblems(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string // "file:line: severity: message part"
	}{{
		name: "missing target in front matter",
		files: map[string]string{
			"decisions/0001-a.md": "---\nstatus: accepted\nsupersedes: [9]\n---\n# A\n",
		},
		want: []string{"decisions/0001-a.md:3: warning: supersedes refers to ADR-0009, which does not exist"},
	}, {
		name: "missing target in an adr-tools status section",
		files: map[string]string{
			"decisions/0001-a.md": "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nAmended by [7. Gone](0007-gone.md)\n",
		},
		want: []string{`decisions/0001-a.md:9: warning: "Amended by" refers to ADR-0007, which does not exist`},
	}, {
		name: "missing target in a MADR 2 status",
		files: map[string]string{
			"decisions/0002-b.md": "# B\n\n* Status: superseded by [ADR-0005](0005-example.md)\n",
		},
		want: []string{"decisions/0002-b.md:3: warning: status refers to ADR-0005, which does not exist"},
	}, {
		name: "supersession cycle",
		files: map[string]string{
			"decisions/0001-a.md": "---\nstatus: accepted\nsupersedes: [2]\n---\n# A\n",
			"decisions/0002-b.md": "# 2. B\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n",
		},
		want: []string{
			"decisions/0001-a.md:3: warning: ADR-0001 supersedes itself through a cycle; remove one of the supersedes links (ADR-0001 → ADR-0002 → ADR-0001)",
		},
	}, {
		name: "duplicate numbers",
		files: map[string]string{
			"decisions/0003-a.md": "---\nstatus: accepted\n---\n# A\n",
			"decisions/0003-b.md": "---\nstatus: accepted\n---\n# B\n",
		},
		want: []string{"decisions/0003-b.md:1: number 3 is also used by decisions/0003-a.md"},
	}, {
		name: "same numbers in two categories are fine",
		files: map[string]string{
			"decisions/api/0001-a.md": "---\nstatus: accepted\n---\n# A\n",
			"decisions/ops/0001-b.md": "---\nstatus: accepted\n---\n# B\n",
		},
	}, {
		name: "superseded by a proposed record",
		files: map[string]string{
			"decisions/0001-a.md": "---\nstatus: superseded by ADR-0002\n---\n# A\n",
			"decisions/0002-b.md": "---\nstatus: proposed\n---\n# B\n",
		},
		want: []string{`decisions/0001-a.md:2: warning: superseded by ADR-0002, whose status is "proposed", not accepted`},
	}, {
		// A rejected record supersedes nothing: the older one stays accepted.
		name: "superseded, written only on the successor's side, by a rejected record",
		files: map[string]string{
			"decisions/0001-a.md": "# 1. A\n\n## Status\n\nAccepted\n",
			"decisions/0002-b.md": "# 2. B\n\n## Status\n\nRejected\n\nSupersedes [1. A](0001-a.md)\n",
		},
	}, {
		name: "chains of supersession are fine",
		files: map[string]string{
			"decisions/0001-a.md": "---\nstatus: accepted\n---\n# A\n",
			"decisions/0002-b.md": "---\nstatus: accepted\nsupersedes: 1\n---\n# B\n",
			"decisions/0003-c.md": "---\nstatus: accepted\nsupersedes: 2\n---\n# C\n",
		},
	}, {
		name: "custom status",
		files: map[string]string{
			"decisions/0001-a.md": "# 1. A\n\n## Status\n\nOn ice\n",
		},
		want: []string{`decisions/0001-a.md:5: warning: custom status "on ice"`},
	}, {
		name: "a relation to itself",
		files: map[string]string{
			"decisions/0001-a.md": "---\nstatus: accepted\nrelated: [1]\n---\n# A\n",
		},
		want: []string{"decisions/0001-a.md:3: warning: related refers to the record itself"},
	}, {
		name: "a record superseding itself",
		files: map[string]string{
			"decisions/0001-a.md": "---\nstatus: accepted\nsupersedes: 1\n---\n# A\n",
		},
		want: []string{"decisions/0001-a.md:3: warning: ADR-0001 supersedes itself through a cycle of one"},
	}, {
		name: "superseded by something that names no record",
		files: map[string]string{
			"decisions/0001-a.md": "# 1. A\n\n## Status\n\nSuperseded by the new broker decision\n",
		},
		want: []string{`decisions/0001-a.md:5: warning: superseded by the new broker decision, which names no record`},
	}, {
		name: "a date nobody can read",
		files: map[string]string{
			"decisions/0001-a.md": "# 1. A\n\nDate: last Tuesday\n\n## Status\n\nAccepted\n",
		},
		want: []string{`decisions/0001-a.md:3: warning: date "last Tuesday" is not a date waymark can read`},
	}, {
		name: "a relation into a folder outside the decisions",
		files: map[string]string{
			"decisions/0001-a.md": "# 1. A\n\n## Status\n\nAccepted\n\nRelates to [2. B](../other/0002-b.md)\n",
		},
		want: []string{`decisions/0001-a.md:7: warning: "Related" refers to ../other/0002-b.md, which does not exist`},
	}, {
		name: "records that state no status, once per folder",
		files: map[string]string{
			"decisions/0001-a.md":     "# A\n",
			"decisions/0002-b.md":     "# B\n",
			"decisions/0003-c.md":     "# C\n",
			"decisions/0004-d.md":     "# D\n",
			"decisions/api/0001-e.md": "# E\n",
		},
		want: []string{
			`decisions/0001-a.md:1: warning: 4 of the folder's records state no status (0001-a.md, 0002-b.md, 0003-c.md, …); they show as "not stated"`,
			`decisions/api/0001-e.md:1: warning: 1 of the folder's records state no status (0001-e.md)`,
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, problems := link(t, c.files)
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			slices.Sort(got)
			if len(got) != len(c.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], w)
				}
			}
		})
	}
}

// TestLinkAcrossFolders follows a relation that names a file in another
// category folder.
func TestLinkAcrossFolders(t *testing.T) {
	log, problems := link(t, map[string]string{
		"decisions/api/0001-a.md": "# 1. A\n\n## Status\n\nAccepted\n\nAmends [1. B](../ops/0001-b.md)\n",
		"decisions/ops/0001-b.md": "---\nstatus: accepted\n---\n# B\n",
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	b := log.Get("ops", 1)
	if got, want := relations(b), []string{"amended by api/1"}; !slices.Equal(got, want) {
		t.Errorf("ops/1 relations = %q, want %q", got, want)
	}
	if len(b.AmendedBy) != 0 {
		t.Errorf("AmendedBy = %v; it holds relations within the folder only", b.AmendedBy)
	}
}

// TestLinkRecordsBuiltInCode keeps the kind fields working for records
// that were not parsed.
func TestLinkRecordsBuiltInCode(t *testing.T) {
	log, problems := Link([]*Record{
		{Number: 1, ID: "0001-a", Source: "a", Status: Accepted},
		{Number: 2, ID: "0002-b", Source: "b", Status: Accepted, Supersedes: []int{1}},
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	a := log.Get("", 1)
	if a.Status != Superseded || !slices.Equal(a.SupersededBy, []int{2}) {
		t.Errorf("ADR-0001: status %q, superseded by %v", a.Status, a.SupersededBy)
	}
}

// TestVerbs checks verb normalisation and inverses.
func TestVerbs(t *testing.T) {
	for _, c := range []struct{ in, normal, inv string }{
		{"Superceded by", "superseded by", "supersedes"},
		{"Supercedes", "supersedes", "superseded by"},
		{"Amended by", "amended by", "amends"},
		{"Related to", "relates to", "relates to"},
		{"Clarifies", "clarifies", "clarified by"},
		{"Extended by", "extended by", "extends"},
		{"Implemented by", "implemented by", "implements"},
		{"Motivates", "motivates", "motivated by"},
		{"Motivated by", "motivated by", "motivates"},
		{"Complements", "complements", "complemented by"},
		{"Updated by", "updated by", "updates"},
		{"Conflicts with", "conflicts with", "conflicts with"},
		{"Depends on", "depends on", "depended on by"},
	} {
		n := NormalVerb(c.in)
		if n != c.normal {
			t.Errorf("NormalVerb(%q) = %q, want %q", c.in, n, c.normal)
		}
		if got := inverse(n, nil); got != c.inv {
			t.Errorf("inverse(%q) = %q, want %q", n, got, c.inv)
		}
	}
	// A pair the site writes on both sides wins over grammar.
	if got := inverse("rules", map[string]string{"rules": "ruled out by"}); got != "ruled out by" {
		t.Errorf("learned inverse = %q", got)
	}
}
