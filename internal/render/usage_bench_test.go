package render

import (
	"os"
	"testing"

	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkBuildUsage builds the default site as it is (sboms=9) and
// with 200 generated SBOMs of 1,500 components each added (sboms=209):
// the difference is what reading and matching 300,000 components costs.
// CPU time per build is reported beside wall time (cpu-ms/op).
func BenchmarkBuildUsage(b *testing.B) {
	for _, c := range []struct {
		name string
		dir  string
	}{
		{"sboms=9", sitetest.CopyDefaultSite(b, "../..")},
		{"sboms=209", sitetest.UsageCorpus(b, "../..", 200, 1500)},
	} {
		b.Run(c.name, func(b *testing.B) {
			report := sitetest.ReportCPU(b)
			for b.Loop() {
				s, err := site.Load(site.Options{Site: os.DirFS(c.dir), Theme: themes.Default()})
				if err != nil {
					b.Fatal(err)
				}
				if err := Render(NewMemory(), s); err != nil {
					b.Fatal(err)
				}
			}
			report()
		})
	}
}

// BenchmarkUsagePage renders the usage page of the default site with 200
// generated SBOMs (about 200 KB of HTML: a hundred held uses, a hundred
// licences, thirty candidates), the page an SBOM edit in the preview
// renders again.
func BenchmarkUsagePage(b *testing.B) {
	s, err := site.Load(site.Options{Site: os.DirFS(sitetest.UsageCorpus(b, "../..", 200, 1500)), Theme: themes.Default()})
	if err != nil {
		b.Fatal(err)
	}
	th, err := LoadTheme(s)
	if err != nil {
		b.Fatal(err)
	}
	var usage []page.Page
	for _, p := range page.Assemble(s) {
		if p.Path == "usage/index.html" {
			usage = append(usage, p)
		}
	}
	if len(usage) != 1 {
		b.Fatal("no usage page")
	}
	r := New(s, th, nil)
	report := sitetest.ReportCPU(b)
	for b.Loop() {
		if err := r.Pages(NewMemory(), usage, NewSearchIndex(s, nil, false)); err != nil {
			b.Fatal(err)
		}
	}
	report()
}
