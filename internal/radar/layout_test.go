package radar_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Drawing geometry, as documented by Layout: an 800×800 view box, rings
// out to radius 380, quadrants clockwise from twelve o'clock.
const (
	centre = 400.0
	outer  = 380.0
	eps    = 1e-9
)

// layoutConfigs are the shapes of radar the layout is checked on.
var layoutConfigs = []struct {
	name string
	yaml string
}{
	{"default", ""},
	{"8 rings, 3 quadrants", "quadrants: [a, b, c]\nrings: [r1, r2, r3, r4, r5, r6, r7, r8]\n"},
	{"2 rings, 8 quadrants", "quadrants: [a, b, c, d, e, f, g, h]\nrings: [in, out]\n"},
	{"1 ring, 2 quadrants", "quadrants: [left, right]\nrings: [only]\n"},
}

func layoutConfig(t testing.TB, yaml string) *config.Config {
	t.Helper()
	cfg, err := config.Parse("waymark.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// generate returns n blips spread over cfg's segments by rng; skew of them
// (if any) go to the single segment quadrant q, ring r.
func generate(cfg *config.Config, n int, rng *rand.Rand, skew, q, r int) []*radar.Blip {
	blips := make([]*radar.Blip, n)
	for i := range blips {
		qi, ri := rng.IntN(len(cfg.Quadrants)), rng.IntN(len(cfg.Rings))
		if i < skew {
			qi, ri = q, r
		}
		blips[i] = &radar.Blip{
			ID:       fmt.Sprintf("blip-%03d", i),
			Title:    fmt.Sprintf("Blip %d", rng.IntN(1000)), // titles repeat; ids break ties
			Quadrant: cfg.Quadrants[qi].ID,
			Ring:     cfg.Rings[ri].ID,
		}
	}
	return blips
}

// checkLayout asserts the layout's promises for the blips placed by r.
func checkLayout(t *testing.T, r *radar.Radar, blips []*radar.Blip) []radar.Placed {
	t.Helper()
	placed := r.Layout()
	if got, want := len(placed), len(blips); got != want {
		t.Fatalf("%d blips placed, want %d", got, want)
	}
	qi, ri := map[string]int{}, map[string]int{}
	for i, q := range r.Config.Quadrants {
		qi[q.ID] = i
	}
	for i, ring := range r.Config.Rings {
		ri[ring.ID] = i
	}
	nq, nr := float64(len(r.Config.Quadrants)), float64(len(r.Config.Rings))
	seen := map[*radar.Blip]bool{}
	for i, p := range placed {
		if seen[p.Blip] {
			t.Fatalf("%s placed twice", p.Blip.ID)
		}
		seen[p.Blip] = true
		if got, want := p.Number, i+1; got != want {
			t.Errorf("%s: Number = %d, want %d", p.Blip.ID, got, want)
		}
		if p.R <= 0 {
			t.Fatalf("%s: radius %g", p.Blip.ID, p.R)
		}
		// Inside its ring band.
		dx, dy := p.X-centre, p.Y-centre
		rho := math.Hypot(dx, dy)
		r0, r1 := outer*float64(ri[p.Blip.Ring])/nr, outer*float64(ri[p.Blip.Ring]+1)/nr
		if rho-p.R < r0-eps || rho+p.R > r1+eps {
			t.Errorf("%s (%s/%s): circle at distance %.2f±%.2f leaves ring band %.2f..%.2f",
				p.Blip.ID, p.Blip.Quadrant, p.Blip.Ring, rho, p.R, r0, r1)
		}
		// Inside its quadrant: centre between the two axes and at least a
		// radius away from each.
		a0 := -math.Pi/2 + 2*math.Pi*float64(qi[p.Blip.Quadrant])/nq
		a1 := a0 + 2*math.Pi/nq
		rel := math.Mod(math.Atan2(dy, dx)-a0+4*math.Pi, 2*math.Pi)
		if rel > a1-a0+eps {
			t.Errorf("%s (%s): centre at %.3f rad, outside its quadrant's %.3f rad", p.Blip.ID, p.Blip.Quadrant, rel, a1-a0)
		}
		for _, a := range []float64{a0, a1} {
			if dist := math.Abs(dx*math.Sin(a) - dy*math.Cos(a)); dist < p.R-eps {
				t.Errorf("%s (%s): circle of radius %.2f crosses the axis at %.3f rad (distance %.2f)",
					p.Blip.ID, p.Blip.Quadrant, p.R, a, dist)
			}
		}
	}
	for _, b := range blips {
		if !seen[b] {
			t.Errorf("%s not placed", b.ID)
		}
	}
	// No two circles intersect.
	for i := range placed {
		for j := i + 1; j < len(placed); j++ {
			a, b := placed[i], placed[j]
			if d := math.Hypot(a.X-b.X, a.Y-b.Y); d < a.R+b.R-eps {
				t.Errorf("%s and %s intersect: centres %.2f apart, radii %.2f and %.2f",
					a.Blip.ID, b.Blip.ID, d, a.R, b.R)
			}
		}
	}
	return placed
}

// fingerprint describes a layout in terms of blip ids, for comparison.
func fingerprint(placed []radar.Placed) string {
	var b strings.Builder
	for _, p := range placed {
		fmt.Fprintf(&b, "%d %s %g %g %g\n", p.Number, p.Blip.ID, p.X, p.Y, p.R)
	}
	return b.String()
}

func TestLayout(t *testing.T) {
	for _, lc := range layoutConfigs {
		t.Run(lc.name, func(t *testing.T) {
			cfg := layoutConfig(t, lc.yaml)
			for n := 1; n <= 250; n++ {
				rng := rand.New(rand.NewPCG(uint64(n), 1))
				blips := generate(cfg, n, rng, 0, 0, 0)
				ok := t.Run(fmt.Sprint(n), func(t *testing.T) {
					placed := checkLayout(t, radar.New(cfg, blips), blips)
					shuffled := append([]*radar.Blip(nil), blips...)
					rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
					if got, want := fingerprint(radar.New(cfg, shuffled).Layout()), fingerprint(placed); got != want {
						t.Errorf("layout of shuffled blips differs:\n%s\nwant\n%s", got, want)
					}
				})
				if !ok {
					return // one failing size says enough
				}
			}
		})
	}
}

func TestLayoutCrowdedSegment(t *testing.T) {
	// 40 blips in one quadrant and ring, plus company elsewhere, for every
	// segment of each radar shape.
	for _, lc := range layoutConfigs {
		cfg := layoutConfig(t, lc.yaml)
		for q := range cfg.Quadrants {
			for r := range cfg.Rings {
				name := fmt.Sprintf("%s/%s/%s", lc.name, cfg.Quadrants[q].ID, cfg.Rings[r].ID)
				t.Run(name, func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(q), uint64(r)))
					blips := generate(cfg, 60, rng, 40, q, r)
					rad := radar.New(cfg, blips)
					if got, want := len(rad.In(cfg.Quadrants[q].ID, cfg.Rings[r].ID)), 40; got < want {
						t.Fatalf("segment holds %d blips, want at least %d", got, want)
					}
					placed := checkLayout(t, rad, blips)
					rng.Shuffle(len(blips), func(i, j int) { blips[i], blips[j] = blips[j], blips[i] })
					if got, want := fingerprint(radar.New(cfg, blips).Layout()), fingerprint(placed); got != want {
						t.Error("layout of shuffled blips differs")
					}
				})
			}
		}
	}
}

func TestLayoutSingleSegment(t *testing.T) {
	// Every blip in one segment: the circles shrink, none is dropped.
	for _, lc := range layoutConfigs {
		cfg := layoutConfig(t, lc.yaml)
		for _, r := range []int{0, len(cfg.Rings) - 1} {
			for _, n := range []int{1, 2, 3, 7, 40, 100, 170, 250} {
				t.Run(fmt.Sprintf("%s/%s/%d", lc.name, cfg.Rings[r].ID, n), func(t *testing.T) {
					blips := generate(cfg, n, rand.New(rand.NewPCG(1, 2)), n, 0, r)
					checkLayout(t, radar.New(cfg, blips), blips)
				})
			}
		}
	}
}

func TestLayoutEmpty(t *testing.T) {
	if got := radar.New(config.Default(), nil).Layout(); len(got) != 0 {
		t.Errorf("Layout of no blips = %v", got)
	}
}

func TestSVG(t *testing.T) {
	cfg := siteConfig(t)
	blips := []*radar.Blip{
		blip(t, cfg, "new", "title: New <b>&</b>\nquadrant: tools\nring: trial\nhistory: [{date: 2025-01-01, ring: trial}]\n"),
		blip(t, cfg, "in", "quadrant: tools\nring: adopt\nhistory: [{date: 2020-01-01, ring: trial}, {date: 2025-01-01, ring: adopt}]\n"),
		blip(t, cfg, "out", "quadrant: platforms\nring: hold\nhistory: [{date: 2020-01-01, ring: trial}, {date: 2025-01-01, ring: hold}]\n"),
		blip(t, cfg, "still", "quadrant: techniques\nring: assess\n"),
	}
	r := radar.New(cfg, blips)
	svg := r.SVG(r.Layout(), func(b *radar.Blip) string { return "radar/" + b.ID + "/?a=1&b=2" })
	for _, want := range []string{
		`<svg class="radar-svg" viewBox="0 0 800 800"`,
		`radar, 4 blips</title>`,
		`id="blip-new" class="blip q-tools new"`,
		`class="blip q-tools moved-in"`,
		`class="blip q-platforms moved-out"`,
		`class="blip q-techniques none"`,
		`New &lt;b&gt;&amp;&lt;/b&gt;`,
		`href="radar/still/?a=1&amp;b=2"`,
		`</svg>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG does not contain %q", want)
		}
	}
	if strings.Contains(svg, "<b>") {
		t.Error("SVG contains an unescaped title")
	}
}
