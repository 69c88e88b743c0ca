package config_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		everyKey,
		"rings: [a, b, c]\nadopting: [c]\n",
		"quadrants:\n  - id: a\n    colour: red\n",
		"rings: [a, b, c, d, e, f, g, h, i]\n",
		"rings: [a, a]\n",
		"baseURL: example.com\n",
		"decisions: ../x\n",
		"adopting: [nope]\n",
		"horizons:\n  - id: now\n    months: x\n",
		"edition: 2025-02-30\n",
		"title: a\ntitle: b\n",
		"quadrants: &q [a, b]\nrings: *q\n",
		"rings:\n  - {id: a, title: [x]}\n",
		"\ufefftitle: x\n",
		"title: \xff\n",
		"- a\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := config.Parse("site/waymark.yaml", src)
		if err != nil {
			for _, p := range problems(t, err) {
				if got, want := p.File, "site/waymark.yaml"; got != want {
					t.Fatalf("problem %q names file %q, want %q", p, got, want)
				}
				if p.Line < 1 {
					t.Fatalf("problem %q has line %d", p, p.Line)
				}
			}
			return
		}
		if len(c.Quadrants) == 0 || len(c.Quadrants) > 8 || len(c.Rings) == 0 || len(c.Rings) > 8 {
			t.Fatalf("%d quadrants and %d rings accepted", len(c.Quadrants), len(c.Rings))
		}
		rs := c.RadarSettings()
		for _, a := range c.Adopting {
			if _, ok := rs.Ring(a); !ok {
				t.Fatalf("adopting ring %q is not a ring", a)
			}
		}
		for _, dir := range []string{c.Decisions, c.Radar, c.Content, c.Theme} {
			if !config.ValidDir(dir) {
				t.Fatalf("folder %q accepted", dir)
			}
		}
		if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
			t.Fatalf("baseURL %q does not end in /", c.BaseURL)
		}
		if slices.ContainsFunc(c.Rings, func(s radar.Segment) bool { return s.Title == "" }) {
			t.Fatal("a ring without a title")
		}
	})
}
