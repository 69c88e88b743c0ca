package decision

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
)

// FuzzRecordFormats feeds any bytes to the record parser in every format: it must
// not panic, every error must name the file, and a record it reads must
// link, and marking it superseded must change no more than its status.
func FuzzRecordFormats(f *testing.F) {
	_ = fs.WalkDir(os.DirFS("testdata/formats"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if src, err := os.ReadFile("testdata/formats/" + p); err == nil {
				f.Add(string(src), strings.HasPrefix(p, "log4brains/"))
			}
		}
		return nil
	})
	f.Add("---\nstatus: [\n---\n", false)
	f.Add("---\nsupersedes: {a: b}\n---\n# A\n", false)
	f.Add("# 1. A\n\n## Status\n\nSuperseded by [](.md)\n", false)
	f.Fuzz(func(t *testing.T, src string, dated bool) {
		const name = "decisions/0001-fuzz.md"
		path := name
		if dated {
			path = "decisions/20200101-fuzz.md"
		}
		r, err := Parse(path, "", []byte(src))
		if err != nil {
			var p *diag.Problem
			for _, e := range unwrapAll(err) {
				if !errors.As(e, &p) || p.File != path {
					t.Fatalf("error does not name the file: %v", e)
				}
			}
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		other := &Record{Number: 2, ID: "0002-other", Source: "decisions/0002-other.md", Status: Accepted}
		_, problems := Link([]*Record{r, other})
		for _, p := range problems {
			if p.File != path && p.File != other.Source {
				t.Fatalf("problem about an unknown file: %v", p)
			}
		}
		if out, err := MarkSuperseded(r, []byte(src), other); err == nil {
			limit := 3
			if !strings.HasSuffix(src, "\n") {
				limit += 2 // the last line gains a line ending
			}
			// A byte-order mark stays first, before any front matter added.
			trim := func(s string) string { return strings.TrimPrefix(s, "\ufeff") }
			if _, added := lineDiff(trim(src), trim(string(out))); len(added) > limit {
				t.Fatalf("marking superseded changed more than the status: added %q", added)
			}
		}
	})
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unwrapAll(e)...)
		}
		return out
	}
	return []error{err}
}
