package decision_test

import (
	"os"
	"path"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

func FuzzParse(f *testing.F) {
	entries, err := os.ReadDir("testdata/log")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		src, err := os.ReadFile(path.Join("testdata/log", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add("decisions/"+e.Name(), src)
	}
	for _, s := range []string{
		"---\nstatus: superseded by [ADR-0005](0005-x.md)\nsupersedes: [1, ADR-0002, 0003-x.md]\n---\n# T\n",
		"---\nrelated: {a: 1}\n---\n",
		"---\namends:\n  - [1]\n---\n",
		"---\ndate: 2024-02-30\n---\n",
		"---\ndate: {YYYY-MM-DD}\ndeciders: {list}\n---\n",
		"```\n# fenced\n```\n# Title #\n",
		"# 2. T.\n\n## Status\n\n[Accepted](https://example.com/pull/1) by [x](y)\n",
		"---\ntitle: x\n",
		"\ufeff\n\n---\nstatus: no\n---\n",
	} {
		f.Add("decisions/0001-x.md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		r, err := decision.Parse(name, "", src)
		if err != nil {
			for _, p := range problems(t, err) {
				if p.File != name {
					t.Fatalf("problem %q names file %q, want %q", p, p.File, name)
				}
				if p.Line < 1 {
					t.Fatalf("problem %q has line %d", p, p.Line)
				}
			}
			return
		}
		if r.Source != name || r.Status == "" || r.BodyLine < 1 {
			t.Fatalf("record %+v", r)
		}
		// Linking a record with itself and a copy must not panic either;
		// a numbered record and its copy share a number. (Records named
		// without a number are numbered by Link, each its own.)
		twin := *r
		twin.ID += "-twin"
		if _, problems := decision.Link([]*decision.Record{r, &twin}); len(problems) == 0 && !r.Dated {
			t.Fatal("two records with one number linked without a problem")
		}
	})
}
