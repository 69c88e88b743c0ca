package page

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestAssembleAfterUsage edits, adds and removes usage files of the
// default site and checks that assembling after each change from the
// previous pages gives what assembling afresh gives, taking the
// editions' data from the previous pages.
func TestAssembleAfterUsage(t *testing.T) {
	dir := sitetest.CopyDefaultSite(t, "../..")
	day := meta.Date{Year: 2026, Month: 12, Day: 1}
	loadAt := func() *site.Site {
		s, err := site.Load(site.Options{Site: os.DirFS(dir), Today: day})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	sboms, _ := filepath.Glob(filepath.Join(dir, "usage", "*", "*.cdx.json"))
	if len(sboms) < 2 {
		t.Fatalf("the default site has %d CycloneDX SBOMs, want at least 2", len(sboms))
	}
	edits := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"a version edited", func(t *testing.T) {
			data, err := os.ReadFile(sboms[0])
			if err != nil {
				t.Fatal(err)
			}
			edited := strings.Replace(string(data), `"version": "`, `"version": "9.`, 1)
			if edited == string(data) {
				t.Fatalf("%s has no version to edit", sboms[0])
			}
			if err := os.WriteFile(sboms[0], []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"an SBOM for a new team", func(t *testing.T) {
			data, err := os.ReadFile(sboms[1])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "usage", "newcomers"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "usage", "newcomers", "first.cdx.json"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"every usage file removed", func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(dir, "usage")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	prev := Assemble(loadAt())
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			e.edit(t)
			s := loadAt()
			got, want := AssembleAfterUsage(s, prev), Assemble(s)
			if len(got) != len(want) {
				t.Fatalf("%d pages, want %d", len(got), len(want))
			}
			editions := 0
			for i := range want {
				g, w := got[i], want[i]
				if g.Path != w.Path || g.Kind != w.Kind || !reflect.DeepEqual(g.View, w.View) {
					t.Errorf("page %s (%s) differs from a fresh assembly's", g.Path, g.Kind)
				}
				if g.Kind == "edition" || g.Kind == "editions" {
					editions++
					if !sameDataIn(prev, g) {
						t.Errorf("%s: the data was made again, not taken", g.Path)
					}
				}
			}
			if editions < 3 {
				t.Errorf("%d edition pages: the default site should have at least two editions and their list", editions)
			}
			prev = got
		})
	}
}

// sameDataIn reports whether prev has a page at p's path with
// the very same data.
func sameDataIn(prev []Page, p Page) bool {
	for _, q := range prev {
		if q.Path == p.Path {
			return q.View.Data == p.View.Data
		}
	}
	return false
}
