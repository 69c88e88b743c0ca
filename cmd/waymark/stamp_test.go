package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// unchangedNote is what build says when the last build stands.
const unchangedNote = "(nothing changed since the last build)"

// buildTwice builds the site into out through the cache, then once more:
// the first build must build (the inputs changed) and equal a build
// without the cache, the second must find nothing changed, leave the
// output as it is and say what the first said.
func buildTwice(t *testing.T, step, dir, out, cache string, extra ...string) {
	t.Helper()
	args := append([]string{"build", "--site", dir, "--out", out, "--cache-dir", cache}, extra...)
	stdout, stderr, err := waymark(t, args...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", step, err, stderr)
	}
	if strings.Contains(stdout, unchangedNote) {
		t.Errorf("%s: the build was skipped, though its inputs changed", step)
	}
	cold := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := waymark(t, append([]string{"build", "--site", dir, "--out", cold, "--no-cache"}, extra...)...); err != nil {
		t.Fatalf("%s: %v\n%s", step, err, stderr)
	}
	want := treeHash(t, cold)
	if got := treeHash(t, out); got != want {
		t.Errorf("%s: the output differs from a build without the cache", step)
	}
	stdout2, stderr2, err := waymark(t, args...)
	if err != nil {
		t.Fatalf("%s, again: %v\n%s", step, err, stderr2)
	}
	if !strings.Contains(stdout2, unchangedNote) {
		t.Errorf("%s, again: the build did not find its inputs unchanged:\n%s", step, stdout2)
	}
	if got := treeHash(t, out); got != want {
		t.Errorf("%s, again: the output changed", step)
	}
	took := regexp.MustCompile(` in [0-9.]+[µm]?s( \(nothing changed since the last build\)| \([0-9]+ files? written, [0-9]+ unchanged\))?\n`)
	if a, b := took.ReplaceAllString(stdout, "\n"), took.ReplaceAllString(stdout2, "\n"); a != b || stderr != stderr2 {
		t.Errorf("%s, again: said\n%s%s\nwant\n%s%s", step, stderr2, b, stderr, a)
	}
}

// TestUnchangedBuildStands builds a site, then changes its sources, the
// options and the output folder in every way that should make the next
// build build, and after each builds twice (buildTwice).
func TestUnchangedBuildStands(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../../internal/incremental/testdata/site.txtar")
	out := filepath.Join(t.TempDir(), "public")
	cache := t.TempDir()
	write := func(name, text string) func() {
		return func() {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	appendTo := func(root, name, text string) func() {
		return func() {
			p := filepath.Join(root, filepath.FromSlash(name))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, append(data, text...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(root, name string) func() {
		return func() {
			if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
	buildTwice(t, "first build", dir, out, cache)
	for _, st := range []struct {
		name   string
		change func()
		extra  []string
	}{
		{"record body", appendTo(dir, "decisions/0002-prototype-first.md", "\nA closing paragraph.\n"), nil},
		{"new record in new folders", write("decisions/a/b/0004-nested.md", "# Nested\n\nSee [the glossary](../../../docs/glossary.md).\n"), nil},
		{"the linked file outside the folders appears", write("docs/glossary.md", "# Glossary\n"), nil},
		{"the linked file changes", appendTo(dir, "docs/glossary.md", "\nA term.\n"), nil},
		{"new image", write("decisions/images/new.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`), nil},
		{"removed record", remove(dir, "decisions/a/b/0004-nested.md"), nil},
		{"a theme of the site's own", write("themes/default/static/style.css", "body{color:blue}"), nil},
		{"blip ring", func() {
			p := filepath.Join(dir, "radar/kafka.md")
			data, _ := os.ReadFile(p)
			if err := os.WriteFile(p, []byte(strings.Replace(string(data), "ring: hold", "ring: assess", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"new SBOM", write("usage/payments/checkout.cdx.json", `{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-02T00:00:00Z"},
"components": [{"type": "library", "name": "kafkajs", "version": "2.2.4", "purl": "pkg:npm/kafkajs@2.2.4", "licenses": [{"license": {"id": "MIT"}}]}]}`), nil},
		{"configuration", appendTo(dir, "waymark.yaml", "description: Edited.\n"), nil},
		{"another base URL", func() {}, []string{"--base-url", "https://example.org/other/"}},
		{"the base URL of the configuration again", func() {}, nil},
		{"a published file edited", appendTo(out, "index.html", "<!-- edited -->"), nil},
		{"a published file removed", remove(out, "decisions/0001-use-queues/index.html"), nil},
		{"the output folder removed", func() { os.RemoveAll(out) }, nil},
	} {
		st.change()
		buildTwice(t, st.name, dir, out, cache, st.extra...)
	}
	// A file of the user's in the output folder is kept, and is no reason
	// to build.
	if err := os.WriteFile(filepath.Join(out, "robots.txt"), []byte("User-agent: *\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := waymark(t, "build", "--site", dir, "--out", out, "--cache-dir", cache)
	if err != nil || !strings.Contains(stdout, unchangedNote) {
		t.Errorf("with a user's file in the output: %v\n%s%s", err, stdout, stderr)
	}
	// Another output folder has a stamp of its own.
	buildTwice(t, "another output folder", dir, filepath.Join(t.TempDir(), "public"), cache)
}

// TestUnchangedBuildGitHistory dates records by git: a commit that
// changes no file but the dates git gives makes the next build build.
func TestUnchangedBuildGitHistory(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../../internal/incremental/testdata/site.txtar")
	p := filepath.Join(dir, "decisions/0003-record-decisions.md")
	data, _ := os.ReadFile(p)
	// A record without a date is dated by its first commit.
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), "date: 2020-07-01\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	sitetest.Git(t, dir, "2021-01-01T00:00:00Z", "init", "-q")
	sitetest.Git(t, dir, "2021-01-01T00:00:00Z", "add", ".")
	sitetest.Git(t, dir, "2021-01-01T00:00:00Z", "commit", "-q", "-m", "one")
	out, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildTwice(t, "committed", dir, out, cache)
	sitetest.Git(t, dir, "2022-02-02T00:00:00Z", "commit", "-q", "--amend", "--no-edit", "--date=2022-02-02T00:00:00Z")
	buildTwice(t, "the commit's date changed", dir, out, cache)
}

// TestRepeatedBuildsCorpus builds the 1,000-document corpus through the
// cache again and again, after edits of each kind the cache's own tests
// make: from the third build on, each starts from the spare, the output
// the one before it replaced. Each must equal a build without the cache.
func TestRepeatedBuildsCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 1,000-document corpus ten times")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(sitetest.Corpus(t, 1000))); err != nil {
		t.Fatal(err)
	}
	recs, _ := filepath.Glob(filepath.Join(dir, "decisions", "*.md"))
	blips, _ := filepath.Glob(filepath.Join(dir, "radar", "*.md"))
	if len(recs) < 3 || len(blips) < 2 {
		t.Fatalf("corpus has %d records and %d blips", len(recs), len(blips))
	}
	edit := func(p string, f func(string) string) func() {
		return func() {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(f(string(data))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	out, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildTwice(t, "first build", dir, out, cache)
	for _, st := range []struct {
		name   string
		change func()
	}{
		{"record body", edit(recs[1], func(s string) string { return s + "\nOne more paragraph.\n" })},
		{"record title", edit(recs[1], func(s string) string { return strings.Replace(s, "title: ", "title: Edited ", 1) })},
		{"record removed", func() {
			if err := os.Remove(recs[2]); err != nil {
				t.Fatal(err)
			}
		}},
		{"blip removed", func() {
			if err := os.Remove(blips[1]); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		st.change()
		buildTwice(t, st.name, dir, out, cache)
	}
}
