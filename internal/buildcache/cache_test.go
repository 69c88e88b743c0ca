package buildcache

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// built is one build of a site folder: its files, its problems, and how
// many pages came from the cache.
type built struct {
	files    map[string][]byte
	problems []string
	hits     int
	misses   int
}

// build builds the site folder dir, through the cache c when it is set.
func build(t testing.TB, dir string, c *Cache) built {
	t.Helper()
	s, err := site.Load(site.Options{Site: os.DirFS(dir), Dir: dir, Theme: themes.Default()})
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	th, err := render.LoadTheme(s)
	if err != nil {
		t.Fatal(err)
	}
	m := render.NewMemory()
	var b built
	if c == nil {
		err = render.Build(m, s, th, nil)
	} else {
		reuse, ferr := c.For(s, th)
		if ferr != nil {
			t.Fatal(ferr)
		}
		err = render.Build(m, s, th, reuse)
		b.hits, b.misses = reuse.Stats()
		if cerr := c.Close(); cerr != nil {
			t.Fatal(cerr)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	b.files = m.Files
	for _, p := range s.Problems.Sorted() {
		b.problems = append(b.problems, p.Error())
	}
	return b
}

// open opens a cache in a new folder (or dir), collecting its warnings.
func open(t testing.TB, dir string, version string) (*Cache, *[]string) {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	var mu sync.Mutex
	var warnings []string
	c, err := Open(Options{Dir: dir, Version: []byte(version), Warn: func(msg string) {
		mu.Lock()
		warnings = append(warnings, msg)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c, &warnings
}

// same fails the test unless got is the same build as want, file for
// file and problem for problem.
func same(t *testing.T, step string, got, want built) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want.files)) {
		if g, ok := got.files[name]; !ok {
			t.Errorf("%s: %s missing", step, name)
		} else if !bytes.Equal(g, want.files[name]) {
			t.Errorf("%s: %s differs from a build without the cache", step, name)
		}
	}
	for name := range got.files {
		if _, ok := want.files[name]; !ok {
			t.Errorf("%s: %s should not be there", step, name)
		}
	}
	if !slices.Equal(got.problems, want.problems) {
		t.Errorf("%s: problems\n%s\nwant\n%s", step, strings.Join(got.problems, "\n"), strings.Join(want.problems, "\n"))
	}
}

// edit rewrites the file name of the site folder dir with f.
func edit(t testing.TB, dir, name string, f func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(f(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace replaces the first old in s, failing when there is none: an
// edit that changes nothing would test nothing.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("the edit cannot be made: no %q in\n%s", old, s)
	}
	return strings.Replace(s, old, new, 1)
}

// step is an edit of a site folder.
type step struct {
	name   string
	change func(dir string)
}

// fixtureEdits are the kinds of edit the incremental tests make, on the
// fixture site of package incremental.
func fixtureEdits(t *testing.T) []step {
	const rec = "decisions/0002-prototype-first.md"
	const sbom = "usage/payments/checkout.cdx.json"
	theme := func(name string, f func(string) string) func(string) {
		return func(dir string) {
			data, err := os.ReadFile("../../themes/default/" + name)
			if err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "themes/default/"+name, func(string) string { return f(string(data)) })
		}
	}
	return []step{
		{"record body", func(dir string) {
			edit(t, dir, rec, func(s string) string { return s + "\nA new closing paragraph.\n" })
		}},
		{"record body, first paragraph", func(dir string) {
			edit(t, dir, rec, func(s string) string {
				return replace(t, s, "# Prototype first\n", "# Prototype first\n\nAn opening sentence, added first.\n")
			})
		}},
		{"record body with a broken link", func(dir string) {
			edit(t, dir, rec, func(s string) string { return s + "\nSee [gone](no-such-file.md).\n" })
		}},
		{"record title", func(dir string) {
			edit(t, dir, rec, func(s string) string { return replace(t, s, "# Prototype first", "# Prototype before choosing") })
		}},
		{"blip body", func(dir string) {
			edit(t, dir, "radar/kafka.md", func(s string) string { return s + "\nStill on hold.\n" })
		}},
		{"blip ring", func(dir string) {
			edit(t, dir, "radar/kafka.md", func(s string) string { return replace(t, s, "ring: hold", "ring: assess") })
		}},
		{"page body", func(dir string) {
			edit(t, dir, "content/about.md", func(s string) string { return s + "\nMore about us.\n" })
		}},
		{"new record in new folders", func(dir string) {
			edit(t, dir, "decisions/a/b/0001-nested.md", func(string) string { return "# Nested\n\nLinks [back](../../0001-use-queues.md).\n" })
		}},
		{"new image", func(dir string) {
			edit(t, dir, "decisions/images/new.svg", func(string) string { return `<svg xmlns="http://www.w3.org/2000/svg"/>` })
		}},
		{"image content", func(dir string) {
			edit(t, dir, "decisions/images/new.svg", func(string) string { return `<svg xmlns="http://www.w3.org/2000/svg" width="2"/>` })
		}},
		{"removed record", func(dir string) {
			if err := os.Remove(filepath.Join(dir, "decisions/a/b/0001-nested.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"theme stylesheet", func(dir string) {
			edit(t, dir, "themes/default/static/style.css", func(string) string { return "body{color:blue}" })
		}},
		{"theme template", theme("templates/404.html", func(s string) string {
			return replace(t, s, `{{define "main"}}`, `{{define "main"}}<p>Edited.</p>`)
		})},
		{"base template", theme("templates/base.html", func(s string) string {
			return replace(t, s, "</body>", "<p>Edited.</p></body>")
		})},
		{"blip packages", func(dir string) {
			edit(t, dir, "radar/kafka.md", func(s string) string {
				return replace(t, s, "ring: assess", "ring: assess\npackages: [pkg:npm/kafkajs]")
			})
		}},
		{"new SBOM", func(dir string) {
			edit(t, dir, sbom, func(string) string {
				return `{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-02T00:00:00Z"},
"components": [{"type": "library", "name": "kafkajs", "version": "2.2.4", "purl": "pkg:npm/kafkajs@2.2.4", "licenses": [{"license": {"id": "MIT"}}]}]}`
			})
		}},
		{"SBOM edit", func(dir string) {
			edit(t, dir, sbom, func(s string) string { return replace(t, s, `"version": "2.2.4"`, `"version": "2.3.0"`) })
		}},
		{"config", func(dir string) {
			edit(t, dir, "waymark.yaml", func(s string) string { return replace(t, s, "title: Fixture Guide", "title: Fixture Guide, edited") })
		}},
		{"config back", func(dir string) {
			edit(t, dir, "waymark.yaml", func(s string) string { return replace(t, s, "title: Fixture Guide, edited", "title: Fixture Guide") })
		}},
	}
}

// TestCachedBuildMatchesColdBuild makes every kind of edit to a fixture
// site and after each builds it with the cache the earlier builds filled
// and without a cache: the files and problems must be the same. A second
// build with the cache, nothing changed, must take every page from it.
func TestCachedBuildMatchesColdBuild(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../incremental/testdata/site.txtar")
	c, warnings := open(t, "", "v1")
	first := build(t, dir, c)
	same(t, "first build", first, build(t, dir, nil))
	if first.hits != 0 {
		t.Errorf("first build: %d pages from an empty cache", first.hits)
	}
	for _, st := range fixtureEdits(t) {
		st.change(dir)
		got := build(t, dir, c)
		same(t, st.name, got, build(t, dir, nil))
		again := build(t, dir, c)
		same(t, st.name+", built again", again, got)
		if again.misses != 0 || again.hits == 0 {
			t.Errorf("%s, built again: %d pages from the cache, %d rendered; want all from the cache", st.name, again.hits, again.misses)
		}
	}
	if len(*warnings) > 0 {
		t.Errorf("warnings: %q", *warnings)
	}
}

// TestCachedDefaultSite builds the repository's own site twice with the
// cache and once without.
func TestCachedDefaultSite(t *testing.T) {
	dir := sitetest.CopyDefaultSite(t, "../..")
	c, _ := open(t, "", "v1")
	want := build(t, dir, nil)
	same(t, "first", build(t, dir, c), want)
	again := build(t, dir, c)
	same(t, "again", again, want)
	if again.misses != 0 {
		t.Errorf("again: %d pages rendered, want none", again.misses)
	}
}

// TestCachedCorpus builds the 1,000-document corpus with and without the
// cache after edits of a record's body and title and of a blip's ring.
func TestCachedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 1,000-document corpus")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(sitetest.Corpus(t, 1000))); err != nil {
		t.Fatal(err)
	}
	c, _ := open(t, "", "v1")
	same(t, "first", build(t, dir, c), build(t, dir, nil))
	recs, _ := filepath.Glob(filepath.Join(dir, "decisions", "*.md"))
	blips, _ := filepath.Glob(filepath.Join(dir, "radar", "*.md"))
	if len(recs) < 2 || len(blips) == 0 {
		t.Fatalf("corpus has %d records and %d blips", len(recs), len(blips))
	}
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return filepath.ToSlash(r) }
	for _, st := range []step{
		{"record body", func(dir string) {
			edit(t, dir, rel(recs[1]), func(s string) string { return s + "\nOne more paragraph.\n" })
		}},
		{"record title", func(dir string) {
			edit(t, dir, rel(recs[1]), func(s string) string { return strings.Replace(s, "title: ", "title: Edited ", 1) })
		}},
		{"blip ring", func(dir string) {
			edit(t, dir, rel(blips[0]), func(s string) string {
				for _, r := range []string{"adopt", "trial", "assess"} {
					if strings.Contains(s, "ring: "+r) {
						return strings.Replace(s, "ring: "+r, "ring: hold", 1)
					}
				}
				return strings.Replace(s, "ring: hold", "ring: adopt", 1)
			})
		}},
	} {
		st.change(dir)
		got := build(t, dir, c)
		same(t, st.name, got, build(t, dir, nil))
		if got.hits == 0 {
			t.Errorf("%s: no page from the cache", st.name)
		}
	}
}
