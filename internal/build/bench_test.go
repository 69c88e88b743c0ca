package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/themes"
)

// corpus returns a folder holding the generated benchmark corpus of n
// documents (../shared/bench/gen-corpus), generating it once per machine.
func corpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("waymark-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "radar")); err == nil {
		return dir
	}
	gen := os.Getenv("WAYMARK_GEN_CORPUS")
	if gen == "" {
		gen = filepath.Join("..", "..", "..", "shared", "bench", "gen-corpus")
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("corpus generator not found at %s (set WAYMARK_GEN_CORPUS): %v", gen, err)
	}
	tmp := dir + ".tmp"
	_ = os.RemoveAll(tmp)
	if out, err := exec.Command(gen, fmt.Sprint(n), tmp).CombinedOutput(); err != nil {
		b.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild is a cold build (load, render, minify) of the generated
// corpus into memory-less output: files are handed to a writer that drops
// them, so the figure is waymark's work, not the disk's.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			benchmarkBuild(b, os.DirFS(corpus(b, n)))
		})
	}
}

// BenchmarkBuildNoSearch builds the 10,000-document corpus with
// "search: false", so that the search index's share of a build is the
// difference to BenchmarkBuild/docs=10000 (run both in one process,
// alternately: -bench 'Build(NoSearch)?/docs=10000$' -count N).
func BenchmarkBuildNoSearch(b *testing.B) {
	b.Run("docs=10000", func(b *testing.B) {
		site := &overlayFS{FS: os.DirFS(corpus(b, 10000)), files: map[string][]byte{"waymark.yaml": []byte("search: false\n")}}
		benchmarkBuild(b, site)
	})
}

func benchmarkBuild(b *testing.B, site fs.FS) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := Load(Options{Site: site, Theme: themes.Default()})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Render(nullWriter{}); err != nil {
			b.Fatal(err)
		}
	}
}

type nullWriter struct{}

func (nullWriter) WriteFile(string, []byte) error { return nil }

// BenchmarkBuildStages times the stages of a build of the 10,000-document
// corpus on their own, on all cores as the build runs them: loading
// (reading, front matter, linking), rendering every markdown body
// (goldmark and chroma), and executing the page templates and minifying
// their output with the bodies already rendered. They show how much of
// BenchmarkBuild each takes, and what no build can go below without
// doing less: the markdown stage alone is the floor of a cold build.
func BenchmarkBuildStages(b *testing.B) {
	dir := corpus(b, 10000)
	opts := Options{Site: os.DirFS(dir), Theme: themes.Default()}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	s, err := Load(opts)
	if err != nil {
		b.Fatal(err)
	}
	jobs := s.pageJobs()
	md := markdown.New(markdown.Options{})
	b.Run("markdown", func(b *testing.B) {
		for b.Loop() {
			parallel(len(jobs), func(i int) {
				if jobs[i].body != nil {
					s.renderBody(md, jobs[i].body)
				}
			})
		}
	})
	for _, j := range jobs {
		if j.body != nil {
			j.view.Content = s.renderBody(md, j.body)
		}
	}
	th, err := s.theme()
	if err != nil {
		b.Fatal(err)
	}
	m := newMinifier()
	for _, minified := range []bool{false, true} {
		name := "templates"
		if minified {
			name += "+minify"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				parallel(len(jobs), func(i int) {
					var buf bytes.Buffer
					if err := th.pages[jobs[i].kind].ExecuteTemplate(&buf, "base", jobs[i].view); err != nil {
						panic(err)
					}
					if minified {
						if _, err := m.Bytes("text/html", buf.Bytes()); err != nil {
							panic(err)
						}
					}
				})
			}
		})
	}
}
