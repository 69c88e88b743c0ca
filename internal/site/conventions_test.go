package site

import (
	"bufio"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestConventionSites loads a small site per naming and metadata
// convention (testdata/conventions/*.txtar) and checks every record it
// should find, with its label, status and title, as the archive's
// comment lists them ("want: SOURCE LABEL STATUS "TITLE""), and the files
// published beside them ("want asset: SOURCE URL").
func TestConventionSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/conventions/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Load(Options{Site: sitetest.Txtar(t, file)})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			got := map[string]string{}
			for _, r := range s.Decisions.Records {
				got[r.Source] = fmt.Sprintf("%s %s %q", r.Label(), r.Status, r.Title)
			}
			count := 0
			sc := bufio.NewScanner(strings.NewReader(string(ar.Comment)))
			for sc.Scan() {
				line := sc.Text()
				switch {
				case strings.HasPrefix(line, "want asset: "):
					f := strings.Fields(strings.TrimPrefix(line, "want asset: "))
					if u := s.Assets[f[0]]; u != f[1] {
						t.Errorf("asset %s published at %q, want %q", f[0], u, f[1])
					}
				case strings.HasSuffix(line, " records"):
					count, _ = strconv.Atoi(strings.Fields(line)[1])
				case strings.HasPrefix(line, "want: "):
					source, rest, _ := strings.Cut(strings.TrimPrefix(line, "want: "), " ")
					if got[source] != rest {
						t.Errorf("%s: got %q, want %q", source, got[source], rest)
					}
				}
			}
			if len(s.Decisions.Records) != count {
				t.Errorf("%d records, want %d: %v", len(s.Decisions.Records), count, got)
			}
		})
	}
}

// TestNeverSilentlyEmpty: a folder that would give an empty site is an
// error that says why, never a success with nothing.
func TestNeverSilentlyEmpty(t *testing.T) {
	for _, tt := range []struct {
		name      string
		site      fstest.MapFS
		decisions string
		want      []string
	}{{
		name: "markdown but no record",
		site: fstest.MapFS{
			"waymark.yaml":          file("title: T\n"),
			"decisions/README.md":   file("# Decisions\n"),
			"decisions/template.md": file("# Title\n"),
			"decisions/0000-adr.md": file("# 0. Template\n"),
			"decisions/guide.png":   file("png"),
		},
		want: []string{"decisions: no decision record among the 3 markdown files of the decisions folder",
			"README.md: a folder's README or index page, not a record", "template.md: a template, not a record", "0000-adr.md: a template, a draft"},
	}, {
		name:      "the decisions folder given does not exist",
		site:      fstest.MapFS{"waymark.yaml": file("title: T\n"), "decisions/0001-a.md": file("# A\n")},
		decisions: "docs/adrs",
		want:      []string{`--decisions: decisions folder "docs/adrs" does not exist in the site`},
	}, {
		name: "not a site",
		site: fstest.MapFS{"notes.txt": file("hello\n")},
		want: []string{"not a waymark site", "waymark init"},
	}, {
		name: "the site folder does not exist",
		site: nil,
		want: []string{"the site folder does not exist"},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Site: tt.site, Decisions: tt.decisions}
			if tt.site == nil {
				opts.Site = missingFS{}
			}
			s, err := Load(opts)
			if err == nil {
				t.Fatal("loaded without an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not say %q:\n%v", w, err)
				}
			}
			if s.Decisions != nil && len(s.Decisions.Records) > 0 {
				t.Errorf("%d records from a folder that should have none", len(s.Decisions.Records))
			}
		})
	}
}

// missingFS is a site folder that does not exist.
type missingFS struct{}

func (missingFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
