package incremental

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"

	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// edit rewrites the file name of the site folder dir with f, creating it
// (and its folders) when it does not exist.
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

// replace replaces the first old in s with new, and fails the test when s
// has no old: an edit that changes nothing would test nothing.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("the edit cannot be made: no %q in\n%s", old, s)
	}
	return strings.Replace(s, old, new, 1)
}

// TestIncrementalMatchesCleanBuild makes every kind of change to the
// fixture site testdata/site.txtar, and after each compares the incremental
// build's files and problems with those of a clean build of the same
// folder.
func TestIncrementalMatchesCleanBuild(t *testing.T) {
	dir := sitetest.TxtarDir(t, "testdata/site.txtar")
	opts := site.Options{Site: os.DirFS(dir), Theme: themes.Default()}
	in := New(opts)
	if _, _, err := in.Build(nil); err != nil {
		t.Fatal(err)
	}
	const rec = "decisions/0002-prototype-first.md"
	const sbom = "usage/payments/checkout.cdx.json"
	const shop = "usage/web/shop.cdx.json"
	steps := []struct {
		name    string
		paths   []string
		change  func()
		how     string // expected way of building
		wantErr bool
	}{
		{"record body", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string { return s + "\nA new closing paragraph.\n" })
		}, "bodies", false},
		{"record body, first paragraph", []string{rec}, func() {
			// Catches views that come to show a summary of the body.
			edit(t, dir, rec, func(s string) string {
				return replace(t, s, "# Prototype first\n", "# Prototype first\n\nAn opening sentence, added first.\n")
			})
		}, "bodies", false},
		// The first paragraph is the blip's summary on the radar's pages.
		{"blip body, first paragraph", []string{"radar/kafka.md"}, func() {
			edit(t, dir, "radar/kafka.md", func(s string) string {
				i := strings.Index(s[3:], "---\n") + 3 + 4
				return s[:i] + "Opening words of the blip.\n\n" + s[i:]
			})
		}, "pages", false},
		{"blip body, past the first paragraph", []string{"radar/kafka.md"}, func() {
			edit(t, dir, "radar/kafka.md", func(s string) string { return s + "\nA closing paragraph.\n" })
		}, "bodies", false},
		{"record body with a broken link", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string { return s + "\nSee [gone](no-such-file.md).\n" })
		}, "bodies", false},
		{"record title", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string {
				return replace(t, s, "# Prototype first", "# Prototype before choosing")
			})
		}, "pages", false},
		{"blip body", []string{"radar/kafka.md"}, func() {
			edit(t, dir, "radar/kafka.md", func(s string) string { return s + "\nStill on hold.\n" })
		}, "bodies", false},
		{"blip ring", []string{"radar/kafka.md"}, func() {
			edit(t, dir, "radar/kafka.md", func(s string) string { return replace(t, s, "ring: hold", "ring: assess") })
		}, "pages", false},
		{"page body", []string{"content/about.md"}, func() {
			edit(t, dir, "content/about.md", func(s string) string { return s + "\nMore about us.\n" })
		}, "bodies", false},
		{"new record in new folders", []string{"decisions/a/b/0001-nested.md"}, func() {
			edit(t, dir, "decisions/a/b/0001-nested.md", func(string) string { return "# Nested\n\nLinks [back](../../0001-use-queues.md).\n" })
		}, "pages", false},
		{"new image", []string{"decisions/images/new.svg"}, func() {
			edit(t, dir, "decisions/images/new.svg", func(string) string { return `<svg xmlns="http://www.w3.org/2000/svg"/>` })
		}, "pages", false},
		{"image content", []string{"decisions/images/new.svg"}, func() {
			edit(t, dir, "decisions/images/new.svg", func(string) string { return `<svg xmlns="http://www.w3.org/2000/svg" width="2"/>` })
		}, "bodies", false},
		{"link to a file outside the folders, not there yet", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string {
				return s + "\nThe [plan](../notes/plan.md) and its ![sketch](../notes/sketch.svg).\n"
			})
		}, "bodies", false},
		{"the linked page appears", []string{"notes/plan.md"}, func() {
			edit(t, dir, "notes/plan.md", func(string) string { return "# Plan\n\nFirst draft.\n" })
		}, "pages", false},
		{"the linked page changes", []string{"notes/plan.md"}, func() {
			edit(t, dir, "notes/plan.md", func(s string) string { return s + "\nSecond draft.\n" })
		}, "pages", false},
		{"the linked image appears", []string{"notes/sketch.svg"}, func() {
			edit(t, dir, "notes/sketch.svg", func(string) string { return `<svg xmlns="http://www.w3.org/2000/svg"/>` })
		}, "pages", false},
		{"the linked image changes", []string{"notes/sketch.svg"}, func() {
			edit(t, dir, "notes/sketch.svg", func(string) string { return `<svg xmlns="http://www.w3.org/2000/svg" width="3"/>` })
		}, "bodies", false},
		{"broken front matter", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string { return replace(t, s, "status: accepted", "status: [accepted") })
		}, "failed", true},
		{"fixed with another body", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string {
				return replace(t, s, "status: [accepted", "status: accepted") + "\nFixed.\n"
			})
		}, "bodies", false},
		{"removed record", []string{"decisions/a/b/0001-nested.md"}, func() {
			if err := os.Remove(filepath.Join(dir, "decisions/a/b/0001-nested.md")); err != nil {
				t.Fatal(err)
			}
		}, "pages", false},
		{"record in a new folder", []string{"decisions/c/0002-in-c.md"}, func() {
			edit(t, dir, "decisions/c/0002-in-c.md", func(string) string { return "# In c\n" })
		}, "pages", false},
		{"record in a folder in a new folder", []string{"decisions/c/d/0003-in-d.md"}, func() {
			edit(t, dir, "decisions/c/d/0003-in-d.md", func(string) string { return "# In d\n\nSee [c](../0002-in-c.md).\n" })
		}, "pages", false},
		// The preview's watcher names a renamed folder's old path, its new
		// path and every file under the new one.
		{"folder with a folder in it renamed", []string{"decisions/c", "decisions/e", "decisions/e/0002-in-c.md", "decisions/e/d/0003-in-d.md"}, func() {
			if err := os.Rename(filepath.Join(dir, "decisions/c"), filepath.Join(dir, "decisions/e")); err != nil {
				t.Fatal(err)
			}
		}, "pages", false},
		{"leaf folder moved up", []string{"decisions/e/d", "decisions/d", "decisions/d/0003-in-d.md"}, func() {
			if err := os.Rename(filepath.Join(dir, "decisions/e/d"), filepath.Join(dir, "decisions/d")); err != nil {
				t.Fatal(err)
			}
		}, "pages", false},
		{"record edited in a moved folder", []string{"decisions/d/0003-in-d.md"}, func() {
			edit(t, dir, "decisions/d/0003-in-d.md", func(s string) string { return s + "\nEdited after the move.\n" })
		}, "bodies", false},
		{"folder moved back down", []string{"decisions/d", "decisions/e/d", "decisions/e/d/0003-in-d.md"}, func() {
			if err := os.Rename(filepath.Join(dir, "decisions/d"), filepath.Join(dir, "decisions/e/d")); err != nil {
				t.Fatal(err)
			}
		}, "pages", false},
		{"folder moved out of the site, named alone", []string{"decisions/e"}, func() {
			if err := os.Rename(filepath.Join(dir, "decisions/e"), filepath.Join(dir, "moved-away")); err != nil {
				t.Fatal(err)
			}
		}, "pages", false},
		{"outside the site's folders", []string{"notes.txt"}, func() {
			edit(t, dir, "notes.txt", func(string) string { return "not part of the site" })
		}, "none", false},
		{"editor temp file", []string{"decisions/.0002.md.swp", "decisions/0002.md~"}, func() {
			edit(t, dir, "decisions/.0002.md.swp", func(string) string { return "junk" })
			edit(t, dir, "decisions/0002.md~", func(string) string { return "junk" })
		}, "bodies", false},
		{"new theme stylesheet", []string{"themes/default/static/style.css"}, func() {
			edit(t, dir, "themes/default/static/style.css", func(string) string { return "body{color:red}" })
		}, "full", false}, // the site's theme folder is new
		{"theme stylesheet", []string{"themes/default/static/style.css"}, func() {
			edit(t, dir, "themes/default/static/style.css", func(string) string { return "body{color:blue}" })
		}, "templates", false}, // the 404 page inlines the stylesheet,
		{"broken theme template", []string{"themes/default/templates/404.html"}, func() {
			edit(t, dir, "themes/default/templates/404.html", func(string) string { return `{{define "main"}}{{.Nope` })
		}, "templates", true},
		{"theme template", []string{"themes/default/templates/404.html"}, func() {
			data, err := os.ReadFile("../../themes/default/templates/404.html")
			if err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "themes/default/templates/404.html", func(string) string {
				return replace(t, string(data), `{{define "main"}}`, `{{define "main"}}<p>Edited.</p>`)
			})
		}, "templates", false},
		{"base template", []string{"themes/default/templates/base.html"}, func() {
			data, err := os.ReadFile("../../themes/default/templates/base.html")
			if err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "themes/default/templates/base.html", func(string) string {
				return replace(t, string(data), "</body>", "<p>Edited.</p></body>")
			})
		}, "templates", false},
		{"blip packages", []string{"radar/kafka.md"}, func() {
			edit(t, dir, "radar/kafka.md", func(s string) string {
				return replace(t, s, "ring: assess", "ring: assess\npackages: [pkg:npm/kafkajs]")
			})
		}, "pages", false},
		{"new SBOM", []string{sbom}, func() {
			edit(t, dir, sbom, func(string) string {
				return `{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-02T00:00:00Z"},
"components": [{"type": "library", "name": "kafkajs", "version": "2.2.4", "purl": "pkg:npm/kafkajs@2.2.4", "licenses": [{"license": {"id": "MIT"}}]}]}`
			})
		}, "pages", false},
		{"SBOM edit", []string{sbom}, func() {
			edit(t, dir, sbom, func(s string) string { return replace(t, s, `"version": "2.2.4"`, `"version": "2.3.0"`) })
		}, "pages", false},
		// A second team's SBOM, kept (and its judgement with it) while the
		// first one is edited, judged again when the guidance changes.
		{"second SBOM", []string{shop}, func() {
			edit(t, dir, shop, func(string) string {
				return `{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-05T00:00:00Z"},
"components": [{"type": "library", "name": "kafkajs", "version": "2.2.1", "purl": "pkg:npm/kafkajs@2.2.1", "licenses": [{"license": {"id": "MIT"}}]},
{"type": "library", "name": "ghostscript", "version": "10.0", "purl": "pkg:generic/ghostscript@10.0", "licenses": [{"license": {"id": "AGPL-3.0-only"}}]}]}`
			})
		}, "pages", false},
		{"SBOM edit beside a kept one", []string{sbom}, func() {
			edit(t, dir, sbom, func(s string) string { return replace(t, s, `"version": "2.3.0"`, `"version": "2.3.1"`) })
		}, "pages", false},
		// Versions and licences edited, the unclaimed packages the same:
		// the candidates and the other SBOMs' parts of index.json are kept.
		{"licence of an unclaimed package", []string{shop}, func() {
			edit(t, dir, shop, func(s string) string {
				return replace(t, s, `"version": "10.0", "purl": "pkg:generic/ghostscript@10.0", "licenses": [{"license": {"id": "AGPL-3.0-only"}}]`,
					`"version": "10.1", "purl": "pkg:generic/ghostscript@10.1", "licenses": [{"license": {"id": "MIT"}}]`)
			})
		}, "pages", false},
		{"licence denied again", []string{shop}, func() {
			edit(t, dir, shop, func(s string) string { return replace(t, s, `{"id": "MIT"}}]}]}`, `{"id": "AGPL-3.0-only"}}]}]}`) })
		}, "pages", false},
		{"blip back on hold", []string{"radar/kafka.md"}, func() {
			edit(t, dir, "radar/kafka.md", func(s string) string { return replace(t, s, "ring: assess", "ring: hold") })
		}, "pages", false},
		{"exception granted", []string{"decisions/0003-record-decisions.md"}, func() {
			edit(t, dir, "decisions/0003-record-decisions.md", func(s string) string {
				return replace(t, s, "tags: [process]", "tags: [process]\nexceptions:\n  - {team: web, blips: [kafka], licenses: [AGPL-3.0-only], until: 2099-12-31}")
			})
		}, "pages", false},
		{"SBOM edit beside an excepted one", []string{sbom}, func() {
			edit(t, dir, sbom, func(s string) string { return replace(t, s, `"version": "2.3.1"`, `"version": "2.3.2"`) })
		}, "pages", false},
		{"title of the decision that put a blip on hold", []string{rec}, func() {
			edit(t, dir, rec, func(s string) string { return replace(t, s, "# Prototype before choosing", "# Prototype, then choose") })
		}, "pages", false},
		{"exception expired", []string{"decisions/0003-record-decisions.md"}, func() {
			edit(t, dir, "decisions/0003-record-decisions.md", func(s string) string { return replace(t, s, "until: 2099-12-31", "until: 2021-01-31") })
		}, "pages", false},
		{"broken SBOM", []string{sbom}, func() {
			edit(t, dir, sbom, func(s string) string { return replace(t, s, `"version": "2.3.2"`, `"version": 2`) })
		}, "pages", false},
		{"removed SBOM", []string{sbom}, func() {
			if err := os.Remove(filepath.Join(dir, sbom)); err != nil {
				t.Fatal(err)
			}
		}, "pages", false},
		{"config", []string{"waymark.yaml"}, func() {
			edit(t, dir, "waymark.yaml", func(s string) string {
				return replace(t, s, "title: Fixture Guide", "title: Fixture Guide, edited")
			})
		}, "full", false},
	}
	for _, st := range steps {
		st.change()
		s, got, err := in.Build(st.paths)
		if in.how != st.how {
			t.Errorf("%s: built %q, want %q", st.name, in.how, st.how)
		}
		if st.wantErr {
			if err == nil || got != nil {
				t.Fatalf("%s: want an error and no files, got %v and %d files", st.name, err, len(got))
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		clean, want := buildDir(t, dir)
		diffFiles(t, st.name, got, want)
		if g, w := problemStrings(s), problemStrings(clean); !slices.Equal(g, w) {
			t.Errorf("%s: problems\n%s\nwant\n%s", st.name, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
	}
}

func problemStrings(s *site.Site) []string {
	var out []string
	for _, p := range s.Problems.Sorted() {
		out = append(out, p.Error())
	}
	return out
}

func diffFiles(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: %s missing", step, name)
		} else if !bytes.Equal(g, want[name]) {
			t.Errorf("%s: %s differs from a clean build", step, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s should not be there", step, name)
		}
	}
}

// TestIncrementalLetsOldBuildsGo checks that a build keeps nothing of the
// builds before the last one alive (the preview rebuilds thousands of
// times): after a few body and title edits, the first build's site, its
// search index and the index's builder must be collectable.
func TestIncrementalLetsOldBuildsGo(t *testing.T) {
	dir := sitetest.TxtarDir(t, "testdata/site.txtar")
	in := New(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	if _, _, err := in.Build(nil); err != nil {
		t.Fatal(err)
	}
	site, index, builder := weak.Make(in.last.site), weak.Make(in.memo.search), weak.Make(in.memo.search.Builder())
	const rec = "decisions/0002-prototype-first.md"
	for i := range 6 {
		edit(t, dir, rec, func(s string) string {
			if i%2 == 1 {
				return replace(t, s, "# Prototype first", "# Prototype first again")
			}
			return s + "\nOne more sentence.\n"
		})
		if _, _, err := in.Build([]string{rec}); err != nil {
			t.Fatal(err)
		}
	}
	if in.how != "pages" {
		t.Fatalf("the last build went %q; the test means to end on a title edit", in.how)
	}
	runtime.GC()
	runtime.GC()
	if site.Value() != nil {
		t.Error("the first build's site is still reachable")
	}
	if index.Value() != nil {
		t.Error("the first build's search index is still reachable")
	}
	if builder.Value() != nil {
		t.Error("the first build's search builder is still reachable")
	}
	runtime.KeepAlive(in) // the builder itself must stay reachable until here
}

// buildDir is a cold build of the site folder dir into memory: what every
// incremental build must equal.
func buildDir(t testing.TB, dir string) (*site.Site, map[string][]byte) {
	t.Helper()
	s, err := site.Load(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	out := render.NewMemory()
	if err := render.Render(out, s); err != nil {
		t.Fatalf("render %s: %v", dir, err)
	}
	return s, out.Files
}
