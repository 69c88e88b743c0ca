package incremental

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkIncremental edits one record of the 10,000-document corpus and
// rebuilds: its body only (the common save), or its title.
func BenchmarkIncremental(b *testing.B) {
	dir := sitetest.Corpus(b, 10000)
	for _, c := range []struct {
		name string
		edit func(src string, i int) string
	}{
		{"body", func(src string, i int) string { return src + fmt.Sprintf("\nEdit number %d.\n", i) }},
		{"title", func(src string, i int) string {
			return strings.Replace(src, "\ntitle: \"", fmt.Sprintf("\ntitle: \"Edit %d of ", i), 1)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			names, _ := fs.Glob(os.DirFS(dir), "decisions/0042-*.md")
			if len(names) != 1 {
				b.Fatalf("record 42 not found: %v", names)
			}
			orig, err := os.ReadFile(filepath.Join(dir, names[0]))
			if err != nil {
				b.Fatal(err)
			}
			o := sitetest.NewOverlay(os.DirFS(dir), map[string][]byte{})
			in := New(site.Options{Site: o, Theme: themes.Default()})
			if _, _, err := in.Build(nil); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				o.Set(names[0], []byte(c.edit(string(orig), i)))
				if _, _, err := in.Build([]string{names[0]}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIncrementalTemplate edits a template of the site's own theme
// (base.html, which every page uses) of the 10,000-document corpus and
// rebuilds: every page is rendered again, from markdown rendered before.
func BenchmarkIncrementalTemplate(b *testing.B) {
	dir := sitetest.Corpus(b, 10000)
	base, err := fs.ReadFile(themes.Default(), "templates/base.html")
	if err != nil {
		b.Fatal(err)
	}
	const name = "themes/default/templates/base.html"
	o := sitetest.NewOverlay(os.DirFS(dir), map[string][]byte{name: base})
	in := New(site.Options{Site: o, Theme: themes.Default()})
	if _, _, err := in.Build(nil); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		o.Set(name, []byte(strings.Replace(string(base), "Built with waymark", fmt.Sprintf("Built with waymark (%d)", i), 1)))
		if _, _, err := in.Build([]string{name}); err != nil {
			b.Fatal(err)
		}
		if in.how != "templates" {
			b.Fatalf("built %q, want templates", in.how)
		}
	}
}

// BenchmarkIncrementalHeap rebuilds after 300 title edits of one record of
// the 10,000-document corpus (each renders again every page whose data
// changed) and reports the live heap after a garbage collection before
// the first and after the last rebuild. The preview package measures
// 1,000 body edits through the server.
func BenchmarkIncrementalHeap(b *testing.B) {
	dir := sitetest.Corpus(b, 10000)
	names, _ := fs.Glob(os.DirFS(dir), "decisions/0042-*.md")
	if len(names) != 1 {
		b.Fatalf("record 42 not found: %v", names)
	}
	orig, err := os.ReadFile(filepath.Join(dir, names[0]))
	if err != nil {
		b.Fatal(err)
	}
	heap := func() float64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / (1 << 20)
	}
	for b.Loop() {
		o := sitetest.NewOverlay(os.DirFS(dir), map[string][]byte{})
		in := New(site.Options{Site: o, Theme: themes.Default()})
		if _, _, err := in.Build(nil); err != nil {
			b.Fatal(err)
		}
		start := heap()
		var mid float64
		for i := range 300 {
			if i == 100 {
				mid = heap()
			}
			o.Set(names[0], []byte(strings.Replace(string(orig), "\ntitle: \"", fmt.Sprintf("\ntitle: \"Edit %d of ", i), 1)))
			if _, _, err := in.Build([]string{names[0]}); err != nil {
				b.Fatal(err)
			}
			if in.how != "pages" {
				b.Fatalf("built %q", in.how)
			}
		}
		end := heap()
		runtime.KeepAlive(in) // measured with the builder and its memo alive
		b.ReportMetric(start, "MB-heap-start")
		b.ReportMetric(mid, "MB-heap-after-100")
		b.ReportMetric(end, "MB-heap-after-300")
	}
}

// BenchmarkIncrementalSBOM edits one SBOM of the default site with 200
// SBOMs of 1,500 components added, and rebuilds: what a save of an SBOM
// costs in the preview before the browser reloads.
func BenchmarkIncrementalSBOM(b *testing.B) {
	dir := sitetest.UsageCorpus(b, "../..", 200, 1500)
	const name = "usage/team-07/project-007.cdx.json"
	orig, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		b.Fatal(err)
	}
	o := sitetest.NewOverlay(os.DirFS(dir), map[string][]byte{})
	in := New(site.Options{Site: o, Theme: themes.Default()})
	if _, _, err := in.Build(nil); err != nil {
		b.Fatal(err)
	}
	i := 0
	report := sitetest.ReportCPU(b)
	for b.Loop() {
		i++
		o.Set(name, []byte(strings.Replace(string(orig), `"version": "`, fmt.Sprintf(`"version": "%d.`, i), 1)))
		if _, _, err := in.Build([]string{name}); err != nil {
			b.Fatal(err)
		}
		if in.How() != "pages" {
			b.Fatalf("built %q", in.How())
		}
	}
	report()
}
