package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkBuild is a cold build (load, render, minify) of the generated
// corpus into memory-less output: files are handed to a writer that drops
// them, so the figure is waymark's work, not the disk's.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			benchmarkBuild(b, os.DirFS(sitetest.Corpus(b, n)))
		})
	}
}

// BenchmarkBuildNoSearch builds the 10,000-document corpus with
// "search: false", so that the search index's share of a build is the
// difference to BenchmarkBuild/docs=10000 (run both in one process,
// alternately: -bench 'Build(NoSearch)?/docs=10000$' -count N).
func BenchmarkBuildNoSearch(b *testing.B) {
	b.Run("docs=10000", func(b *testing.B) {
		fsys := sitetest.NewOverlay(os.DirFS(sitetest.Corpus(b, 10000)), map[string][]byte{"waymark.yaml": []byte("search: false\n")})
		benchmarkBuild(b, fsys)
	})
}

func benchmarkBuild(b *testing.B, fsys fs.FS) {
	b.ReportAllocs()
	before := cpuTime()
	for b.Loop() {
		s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
		if err != nil {
			b.Fatal(err)
		}
		if err := Render(nullWriter{}, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-before)/1e6/float64(b.N), "cpu-ms/op")
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
	dir := sitetest.Corpus(b, 10000)
	opts := site.Options{Site: os.DirFS(dir), Theme: themes.Default()}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, err := site.Load(opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	s, err := site.Load(opts)
	if err != nil {
		b.Fatal(err)
	}
	th, err := LoadTheme(s)
	if err != nil {
		b.Fatal(err)
	}
	r := New(s, th, nil)
	jobs := page.Assemble(s)
	b.Run("markdown", func(b *testing.B) {
		for b.Loop() {
			parallel.For(len(jobs), func(i int) {
				if jobs[i].Body != nil {
					r.renderBody(jobs[i].Body)
				}
			})
		}
	})
	for _, j := range jobs {
		if j.Body != nil {
			j.View.Content, j.View.Contents = r.renderBody(j.Body)
		}
	}
	m := newMinifier(false) // as pages are minified
	for _, minified := range []bool{false, true} {
		name := "templates"
		if minified {
			name += "+minify"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				parallel.For(len(jobs), func(i int) {
					var buf bytes.Buffer
					if err := th.pages[jobs[i].Kind].ExecuteTemplate(&buf, "base", jobs[i].View); err != nil {
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

// BenchmarkCheckOutputs is the check of every output path (CheckOutputs)
// on the 10,000-document corpus, with the site loaded and its pages
// assembled before the timer starts: its share of a build.
func BenchmarkCheckOutputs(b *testing.B) {
	s, err := site.Load(site.Options{Site: os.DirFS(sitetest.Corpus(b, 10000)), Theme: themes.Default()})
	if err != nil {
		b.Fatal(err)
	}
	th, err := LoadTheme(s)
	if err != nil {
		b.Fatal(err)
	}
	pages := page.Assemble(s)
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckOutputs(s, pages, th); err != nil {
			b.Fatal(err)
		}
	}
}
