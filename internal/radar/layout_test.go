package radar

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

// shape returns settings with nq quadrants and nr rings.
func shape(nq, nr int) Settings {
	cfg := DefaultSettings()
	names := []string{"techniques", "tools", "platforms", "languages-and-frameworks", "data", "security", "operations", "practices"}
	cfg.Quadrants = nil
	for j := range nq {
		cfg.Quadrants = append(cfg.Quadrants, Segment{ID: names[j], Title: titles[names[j]]})
	}
	rings := []string{"adopt", "trial", "assess", "hold", "retire", "watch", "explore", "avoid"}
	cfg.Rings = nil
	for i := range nr {
		cfg.Rings = append(cfg.Rings, Segment{ID: rings[i], Title: titles[rings[i]]})
	}
	cfg.Adopting = []string{rings[0]}
	return cfg
}

var titles = map[string]string{
	"techniques": "Techniques", "tools": "Tools", "platforms": "Platforms", "languages-and-frameworks": "Languages & Frameworks",
	"data": "Data", "security": "Security", "operations": "Operations", "practices": "Practices",
	"adopt": "Adopt", "trial": "Trial", "assess": "Assess", "hold": "Hold", "retire": "Retire", "watch": "Watch",
	"explore": "Explore", "avoid": "Avoid",
}

// generate returns n blips spread at random over cfg's segments, except
// that skew of them (if that many) go to the segment (skewQ, skewR).
func generate(cfg Settings, n, skew, skewQ, skewR int, seed uint64) []*Blip {
	rng := rand.New(rand.NewPCG(seed, 7))
	var out []*Blip
	for k := range n {
		q, r := rng.IntN(len(cfg.Quadrants)), rng.IntN(len(cfg.Rings))
		if k < skew {
			q, r = skewQ, skewR
		}
		b := &Blip{ID: fmt.Sprintf("blip-%03d", k), Title: fmt.Sprintf("Blip %c%03d", 'A'+rune(rng.IntN(26)), k),
			Quadrant: cfg.Quadrants[q].ID, Ring: cfg.Rings[r].ID}
		switch rng.IntN(4) {
		case 0:
			b.History = []Move{{Date: meta.Date{Year: 2024, Month: 3, Day: 1}, Ring: b.Ring}}
		case 1:
			b.History = []Move{{Date: meta.Date{Year: 2020, Month: 1, Day: 1}, Ring: cfg.Rings[rng.IntN(len(cfg.Rings))].ID},
				{Date: meta.Date{Year: 2024, Month: 2, Day: 1}, Ring: b.Ring}}
		}
		out = append(out, b)
	}
	return out
}

// checkLayout fails t for every pair of blips that touch, every blip that
// crosses a ring line, a sector boundary or a label, and every label that
// overlaps another.
func checkLayout(t *testing.T, r *Radar, l *Layout) {
	t.Helper()
	const eps = 1e-6
	if got, want := len(l.Blips), len(r.Blips); got != want {
		t.Fatalf("%d blips placed, want %d", got, want)
	}
	nr := len(r.Settings.Rings)
	for k, p := range l.Blips {
		if p.Number != k+1 {
			t.Fatalf("blip %d numbered %d", k, p.Number)
		}
		if p.Blip != r.Blips[k] {
			t.Fatalf("blip %d is %s, want %s in reading order", k, p.Blip.ID, r.Blips[k].ID)
		}
		d := math.Hypot(p.X, p.Y)
		if d-BlipRadius < l.Radii[p.Ring]+LineGap-eps || d+BlipRadius > l.Radii[p.Ring+1]-LineGap+eps {
			t.Errorf("%s at radius %.2f crosses its ring %d (%.2f to %.2f)", p.Blip.ID, d, p.Ring, l.Radii[p.Ring], l.Radii[p.Ring+1])
		}
		if len(l.Sectors) > 1 {
			arc := l.Sectors[p.Sector]
			a := math.Atan2(p.Y, p.X)
			for a < arc.From {
				a += 2 * math.Pi
			}
			if a > arc.To {
				t.Errorf("%s at angle %.3f is outside its sector %d (%.3f to %.3f)", p.Blip.ID, a, p.Sector, arc.From, arc.To)
			}
			for _, ray := range []float64{arc.From, arc.To} {
				if dist := rayDistance(p.X, p.Y, ray, l.Radii[nr]); dist < BlipRadius+LineGap-eps {
					t.Errorf("%s is %.2f from a sector boundary", p.Blip.ID, dist)
				}
			}
		}
		for _, lb := range append(append([]Label(nil), l.RingLabels...), l.SectorLabels...) {
			if dist := lb.Box.Distance(p.X, p.Y); dist < BlipRadius+LabelGap-eps {
				t.Errorf("%s is %.2f from the label %q", p.Blip.ID, dist, lb.Lines)
			}
		}
		if !(l.ViewBox.MinX <= p.X-BlipRadius && p.X+BlipRadius <= l.ViewBox.MaxX && l.ViewBox.MinY <= p.Y-BlipRadius && p.Y+BlipRadius <= l.ViewBox.MaxY) {
			t.Errorf("%s sticks out of the viewBox", p.Blip.ID)
		}
		for _, o := range l.Blips[k+1:] {
			if dist := math.Hypot(p.X-o.X, p.Y-o.Y); dist < 2*BlipRadius+BlipGap-eps {
				t.Errorf("%s and %s are %.2f apart", p.Blip.ID, o.Blip.ID, dist)
			}
		}
	}
	labels := append(append([]Label(nil), l.RingLabels...), l.SectorLabels...)
	for i, a := range labels {
		for _, b := range labels[i+1:] {
			if a.Box.Overlaps(b.Box) {
				t.Errorf("labels %q and %q overlap", a.Lines, b.Lines)
			}
		}
	}
	// Each quadrant drawn alone puts the ring names outside the quadrant.
	for j := range l.Sectors {
		if len(l.Sectors) == 1 {
			break
		}
		_, rl := l.SectorView(j)
		for i, a := range rl {
			for _, b := range rl[i+1:] {
				if a.Box.Overlaps(b.Box) {
					t.Errorf("sector %d: ring labels %q and %q overlap", j, a.Lines, b.Lines)
				}
			}
			for _, p := range l.Blips {
				if p.Sector == j && a.Box.Distance(p.X, p.Y) < BlipRadius+LabelGap-eps {
					t.Errorf("sector %d: %s touches the ring label %q", j, p.Blip.ID, a.Lines)
				}
			}
		}
	}
}

// rayDistance is the distance from (x, y) to the segment from the centre
// to radius r at angle a.
func rayDistance(x, y, a, r float64) float64 {
	ux, uy := math.Cos(a), math.Sin(a)
	t := min(max(x*ux+y*uy, 0), r)
	return math.Hypot(x-t*ux, y-t*uy)
}

// TestLayoutGenerated lays out radars of 1 to 250 blips, 40 of them in one
// segment when there are that many, on the default four by four radar.
func TestLayoutGenerated(t *testing.T) {
	cfg := shape(4, 4)
	for n := 1; n <= 250; n++ {
		skew := min(n, 40)
		q, ring := n%4, (n/4)%4
		r := New(cfg, generate(cfg, n, skew, q, ring, uint64(n)))
		l := r.Layout()
		checkLayout(t, r, l)
		if t.Failed() {
			t.Fatalf("n=%d, 40 in quadrant %d ring %d: radii %v", n, q, ring, l.Radii)
		}
	}
}

// TestLayoutShapes lays out every shape from one quadrant and one ring to
// eight of each.
func TestLayoutShapes(t *testing.T) {
	for nq := 1; nq <= 8; nq++ {
		for nr := 1; nr <= 8; nr++ {
			cfg := shape(nq, nr)
			for _, n := range []int{1, 7, 60, 250} {
				t.Run(fmt.Sprintf("q%d-r%d-n%d", nq, nr, n), func(t *testing.T) {
					r := New(cfg, generate(cfg, n, min(n, 40), nq-1, 0, uint64(nq*100+nr*10+n)))
					checkLayout(t, r, r.Layout())
				})
			}
		}
	}
}

// TestLayoutFitsBaseRadius checks that a realistic radar (as many blips
// as the busiest published radars, and one crowded segment) fits the base
// radius rather than growing.
func TestLayoutFitsBaseRadius(t *testing.T) {
	cfg := shape(4, 4)
	for _, c := range []struct{ n, skew int }{{120, 20}, {200, 30}, {250, 40}} {
		for q := range 4 {
			for ring := range 4 {
				r := New(cfg, generate(cfg, c.n, c.skew, q, ring, 1))
				l := r.Layout()
				if got := l.Radii[4]; got > BaseRadius {
					t.Errorf("%d blips, %d in quadrant %d ring %d: radius %.1f, want %g", c.n, c.skew, q, ring, got, BaseRadius)
				}
			}
		}
	}
}

// TestLayoutGrows checks that a radar too crowded for the base radius
// grows and still keeps every blip apart.
func TestLayoutGrows(t *testing.T) {
	cfg := shape(4, 4)
	r := New(cfg, generate(cfg, 1500, 300, 0, 0, 3))
	l := r.Layout()
	if l.Radii[4] <= BaseRadius {
		t.Errorf("radius %.1f: 1500 blips should not fit %g", l.Radii[4], BaseRadius)
	}
	checkLayout(t, r, l)
}

// TestLayoutOrderIndependent shuffles the blips and expects the same
// layout.
func TestLayoutOrderIndependent(t *testing.T) {
	for _, nq := range []int{1, 4, 5} {
		cfg := shape(nq, 4)
		blips := generate(cfg, 150, 40, 0, 1, 9)
		want := New(cfg, blips).Layout()
		rng := rand.New(rand.NewPCG(1, 2))
		for range 5 {
			rng.Shuffle(len(blips), func(i, j int) { blips[i], blips[j] = blips[j], blips[i] })
			if got := New(cfg, blips).Layout(); !reflect.DeepEqual(got, want) {
				t.Fatalf("%d quadrants: shuffled input gives a different layout", nq)
			}
		}
	}
}

// BenchmarkLayout lays out 250 blips, 40 in one segment.
func BenchmarkLayout(b *testing.B) {
	cfg := shape(4, 4)
	r := New(cfg, generate(cfg, 250, 40, 0, 0, 1))
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Layout()
	}
}
