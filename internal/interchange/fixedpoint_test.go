package interchange

import (
	"bytes"
	"os"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

// TestFixedPoint: for each importer, on rich fixtures (code spans, links,
// lists, line breaks, entities, backslashes), import → export → import →
// export gives byte-identical exports, and for BYOR the same blip files
// from the first import as from the second.
func TestFixedPoint(t *testing.T) {
	zalando := options()
	zalando.QuadrantNames = []string{"Techniques", "Tools", "Platforms", "Languages & Frameworks"}
	zalando.RingNames = []string{"Adopt", "Trial", "Assess", "Hold"}
	for _, c := range []struct {
		name, format, src string
		o                 Options
		exports           []string
		sameFiles         bool
	}{
		{"thoughtworks-v34", BYORCSV, "real/thoughtworks-v34.csv", options(), []string{BYORCSV, BackstageJSON, ZalandoJSON}, true},
		{"thoughtworks-v03", BYORCSV, "real/thoughtworks-v03.csv", options(), []string{BYORCSV, BackstageJSON}, true},
		{"byor", BYORCSV, "byor.csv", options(), []string{BYORCSV, BackstageJSON}, true},
		{"zalando", ZalandoJSON, "real/zalando.json", zalando, []string{ZalandoJSON, BYORCSV, BackstageJSON}, false},
		{"backstage", BackstageJSON, "real/backstage.json", options(), []string{BackstageJSON, BYORCSV}, false},
		{"aoe", AOE, "real/aoe", options(), []string{BackstageJSON, BYORCSV}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.o.Adopt = true
			first, err := Import(c.format, os.DirFS("testdata"), c.src, c.o)
			if err != nil {
				t.Fatal(err)
			}
			cfg := config.Default()
			if first.Shape != nil {
				cfg.Quadrants, cfg.Rings = first.Shape.Quadrants, first.Shape.Rings
				cfg.Adopting = nil
			}
			r1, files1 := writtenIn(t, cfg, first.Blips)
			for _, format := range c.exports {
				export1 := export(t, format, r1)
				o := options()
				o.Config = cfg
				if format == ZalandoJSON {
					o.QuadrantNames, o.RingNames = names(cfg.Quadrants), names(cfg.Rings)
				}
				second, err := Import(format, fstest.MapFS{"x": {Data: export1}}, "x", o)
				if err != nil {
					t.Fatalf("importing the %s export: %v\n%s", format, err, export1)
				}
				r2, files2 := writtenIn(t, cfg, second.Blips)
				if export2 := export(t, format, r2); !bytes.Equal(export1, export2) {
					t.Errorf("%s: the second export differs from the first:\n%s\nthen\n%s", format, export1, export2)
				}
				if !c.sameFiles || format != c.format {
					continue
				}
				for name, data := range files1 {
					if !bytes.Equal(files2[name], data) {
						t.Errorf("%s changed on the second import:\n%s\nthen\n%s", name, data, files2[name])
					}
				}
			}
		})
	}
}

// writtenIn is written, in the configuration cfg.
func writtenIn(t *testing.T, cfg *config.Config, blips []*radar.Blip) (*radar.Radar, map[string][]byte) {
	t.Helper()
	files := map[string][]byte{}
	var parsed []*radar.Blip
	for _, b := range blips {
		src := radar.Format(b)
		p, err := radar.Parse(b.Source, src, cfg.RadarSettings())
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", b.Source, err, src)
		}
		files[b.Source] = src
		parsed = append(parsed, p)
	}
	return radar.New(cfg.RadarSettings(), parsed), files
}

func names(segs []radar.Segment) []string {
	var out []string
	for _, s := range segs {
		out = append(out, s.Title)
	}
	return out
}
