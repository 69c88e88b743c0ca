package radar_test

import (
	"slices"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\nquadrant: tools\nring: adopt\n---\n",
		"---\ntitle: Apache Kafka\nquadrant: platforms\nring: trial\nlicense: Apache-2.0 OR MIT\nbacking: foundation\nowner: team\nreviewed: 2025-01-10\nhorizon: next\ntags: a, b\nhistory:\n  - {date: 2023-04-01, ring: assess, decision: 3, note: n}\n  - {date: 2024-06-15, ring: trial}\nroadmap:\n  - {horizon: later, ring: adopt}\n---\nbody\n",
		"---\nquadrant: toolz\nring: hodl\nbacking: corp\nhorizon: soon\n---\n",
		"---\nquadrant: tools\nring: adopt\nhistory:\n  - {date: 2025-01-01, ring: adopt}\n  - {date: 2024-01-01, ring: keep}\n---\n",
		"---\nquadrant: tools\nring: adopt\nlicense: (MIT AND AGPL-3.0-only)\nbacking: individual\n---\n",
		"---\nquadrant: tools\nring: adopt\nlicense: GPL-2.0-only WITH Classpath-exception-2.0\n---\n",
		"---\nquadrant: '{q}'\nring: [adopt]\n---\n",
		"no front matter\n",
		"---\nquadrant: tools\n",
		"---\nquadrant: tools\nring: adopt\nrelated: [kafka, \"ø\"]\nhistory:\n  - {date: 2024-01-01, ring: adopt, quadrant: platforms, note: \"see [x](x.md)\"}\n---\n",
		"---\nquadrant: tools\nring: adopt\nrelated: {a: 1}\nhistory: [{date: 2024-01-01, ring: adopt, quadrant: nowhere}]\n---\n",
	} {
		f.Add(s)
	}
	cfg := siteSettings()
	f.Fuzz(func(t *testing.T, src string) {
		b, err := radar.Parse("radar/fuzz.md", []byte(src), cfg)
		if err != nil {
			for _, p := range problems(t, err) {
				if p.File != "radar/fuzz.md" {
					t.Fatalf("problem %q names file %q", p, p.File)
				}
				if p.Line < 1 {
					t.Fatalf("problem %q has line %d", p, p.Line)
				}
			}
			return
		}
		r := radar.New(cfg, []*radar.Blip{b})
		l := r.Layout()
		if len(l.Blips) != 1 || l.Blips[0].Blip != b {
			t.Fatalf("Layout placed %v, want the one blip", l.Blips)
		}
		for _, p := range r.Findings() {
			if p.File != "radar/fuzz.md" {
				t.Fatalf("finding %q names file %q", p, p.File)
			}
		}
		_ = r.Movement(b)
		if v := r.Policy.Verdict(b.License); !slices.Contains([]string{radar.Allowed, radar.Review, radar.Unknown, radar.Denied}, v) {
			t.Fatalf("Verdict(%q) = %q", b.License, v)
		}
	})
}

func FuzzVerdict(f *testing.F) {
	for _, s := range []string{"MIT", "MIT OR Apache-2.0", "(MIT AND AGPL-3.0-only)", "GPL-2.0-only WITH Classpath-exception-2.0", "Apache-2.0+", "", "MIT OR", "((", "a WITH b WITH c"} {
		f.Add(s)
	}
	p := radar.NewPolicy(siteSettings().Licenses)
	f.Fuzz(func(t *testing.T, expr string) {
		v := p.Verdict(expr)
		if !slices.Contains([]string{radar.Allowed, radar.Review, radar.Unknown, radar.Denied}, v) {
			t.Fatalf("Verdict(%q) = %q", expr, v)
		}
		// Wrapping an expression in parentheses never changes its verdict.
		if got := p.Verdict("(" + expr + ")"); got != v {
			t.Fatalf("Verdict(%q) = %q, but Verdict of it in parentheses = %q", expr, v, got)
		}
	})
}
