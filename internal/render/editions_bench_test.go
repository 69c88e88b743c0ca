package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkRadarEditions builds a site of 250 blips twice: "one-edition",
// every blip with one history entry of the same date (no edition pages)
// and no views, and "editions-views", the same blips with history spread
// over 20 edition dates and 5 views in waymark.yaml. The difference is
// what the editions' and the views' pages cost (run both in one process,
// alternately: -bench RadarEditions -count N).
func BenchmarkRadarEditions(b *testing.B) {
	for _, c := range []struct {
		name     string
		editions int
		views    bool
	}{{"one-edition", 1, false}, {"editions-views", 20, true}} {
		b.Run(c.name, func(b *testing.B) { benchmarkBuild(b, editionSite(250, c.editions, c.views)) })
	}
}

// editionSite is a site of n blips across the default quadrants and rings,
// a few records, and history over the given number of edition dates; with
// views, five views by tag, owner and quadrant.
func editionSite(n, editions int, views bool) fstest.MapFS {
	quadrants := []string{"techniques", "tools", "platforms", "languages-and-frameworks"}
	rings := []string{"adopt", "trial", "assess", "hold"}
	tags := []string{"messaging", "data", "web", "mobile", "build", "security"}
	cfg := "title: Editions\nbaseURL: https://example.com/guide/\n"
	if views {
		cfg += "views:\n" +
			"  - {id: messaging, tags: [messaging]}\n  - {id: data, tags: [data]}\n  - {id: web, tags: [web, mobile]}\n" +
			"  - {id: team-3, owners: [team-3]}\n  - {id: tools, quadrants: [tools]}\n"
	}
	fsys := fstest.MapFS{"waymark.yaml": {Data: []byte(cfg)}}
	for i := 1; i <= 5; i++ {
		fsys[fmt.Sprintf("decisions/%04d-decision-%d.md", i, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# %d. Decision %d\n\nDate: 2020-01-0%d\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n", i, i, i))}
	}
	for i := range n {
		var h strings.Builder
		first := i % editions
		for e := first; e < editions; e += 1 + i%3 {
			fmt.Fprintf(&h, "  - {date: %s, ring: %s}\n", editionDate(e), rings[(i+e)%4])
		}
		if h.Len() == 0 {
			fmt.Fprintf(&h, "  - {date: %s, ring: %s}\n", editionDate(0), rings[i%4])
		}
		last := h.String()
		ring := last[strings.LastIndex(last, "ring: ")+6 : strings.LastIndex(last, "}")]
		src := fmt.Sprintf("---\ntitle: Technology %d\nquadrant: %s\nring: %s\nowner: team-%d\nlicense: MIT\ntags: [%s]\nhistory:\n%s---\nWhy technology %d is where it is.\n",
			i, quadrants[i%4], ring, i%7, tags[i%len(tags)], last, i)
		fsys[fmt.Sprintf("radar/tech-%03d.md", i)] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// editionDate is the date of edition e: one a month from January 2020.
func editionDate(e int) string { return fmt.Sprintf("%04d-%02d-15", 2020+e/12, 1+e%12) }

// TestEditionSite checks that the benchmark's site has what it claims.
func TestEditionSite(t *testing.T) {
	s, out := buildFS(t, editionSite(250, 20, true))
	if got := len(s.Radar.Blips); got != 250 {
		t.Errorf("%d blips, want 250", got)
	}
	if got := len(s.Radar.Editions()); got != 20 {
		t.Errorf("%d editions, want 20", got)
	}
	if got := len(s.Config.Views); got != 5 {
		t.Errorf("%d views, want 5", got)
	}
	if _, ok := out["radar/editions/2021-08-15/index.html"]; !ok {
		t.Error("no page for the 20th edition")
	}
	if s1, _ := buildFS(t, editionSite(250, 1, false)); len(s1.Radar.Editions()) != 1 {
		t.Errorf("the one-edition site has %d editions", len(s1.Radar.Editions()))
	}
}

// BenchmarkEditionPages splits the work the 20 editions and 5 views add
// to a build of the 250-blip radar into its stages, each on all cores:
// assembling every page of the site (the editions' and views' radars,
// drawings and lists among them), executing the templates of the 25
// edition and view pages, and minifying their output. Each reports its
// CPU time, which scatters less than wall time on a shared machine.
func BenchmarkEditionPages(b *testing.B) {
	s, err := site.Load(site.Options{Site: editionSite(250, 20, true), Theme: themes.Default()})
	if err != nil {
		b.Fatal(err)
	}
	th, err := LoadTheme(s)
	if err != nil {
		b.Fatal(err)
	}
	r := New(s, th, nil)
	var jobs []page.Page
	for _, j := range page.Assemble(s) {
		if j.Kind == "edition" || j.Kind == "view" {
			jobs = append(jobs, j)
		}
	}
	if len(jobs) != 25 {
		b.Fatalf("%d edition and view pages, want 25", len(jobs))
	}
	execute := func(i int) []byte {
		var buf bytes.Buffer
		if err := th.pages[jobs[i].Kind].ExecuteTemplate(&buf, "base", jobs[i].View); err != nil {
			panic(err)
		}
		return buf.Bytes()
	}
	out := make([][]byte, len(jobs))
	parallel.For(len(jobs), func(i int) { out[i] = execute(i) })
	stage := func(name string, work func()) {
		b.Run(name, func(b *testing.B) {
			before := cpuTime()
			for b.Loop() {
				work()
			}
			b.ReportMetric(float64(cpuTime()-before)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
	stage("assemble", func() { page.Assemble(s) })
	stage("templates", func() { parallel.For(len(jobs), func(i int) { execute(i) }) })
	stage("minify", func() {
		parallel.For(len(jobs), func(i int) {
			if _, err := r.minifiedPage(bytes.Clone(out[i])); err != nil {
				panic(err)
			}
		})
	})
}
