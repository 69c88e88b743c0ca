package render

import (
	"os"
	"testing"

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
