package radar

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Placed is a blip's position on the drawn radar.
type Placed struct {
	Blip   *Blip
	Number int     // reading-order number shown in the circle and legend
	X, Y   float64 // centre, in viewBox units
	R      float64 // circle radius
}

// Drawing sizes, in viewBox units.
const (
	size      = 800.0
	centre    = size / 2
	outer     = 380.0
	blipR     = 9.0
	blipGap   = 4.0
	bandInset = 4.0
)

// Layout places every blip deterministically: blips of one quadrant and
// ring fill rows of arcs inside their segment, outermost row first, in
// reading order; a crowded segment shrinks its circles rather than
// overlapping them or dropping any.
func (r *Radar) Layout() []Placed {
	var out []Placed
	n := 0
	nq, nr := len(r.Config.Quadrants), len(r.Config.Rings)
	for qi, q := range r.Config.Quadrants {
		a0 := -math.Pi/2 + 2*math.Pi*float64(qi)/float64(nq)
		a1 := a0 + 2*math.Pi/float64(nq)
		for ri, ring := range r.Config.Rings {
			blips := r.In(q.ID, ring.ID)
			r0, r1 := ringRadius(ri, nr), ringRadius(ri+1, nr)
			for i, p := range placeInSegment(len(blips), r0, r1, a0, a1) {
				n++
				out = append(out, Placed{Blip: blips[i], Number: n, X: p[0], Y: p[1], R: p[2]})
			}
		}
	}
	return out
}

func ringRadius(i, n int) float64 { return outer * float64(i) / float64(n) }

// placeInSegment returns k positions (x, y, radius) within the annular
// sector between radii r0..r1 and angles a0..a1.
func placeInSegment(k int, r0, r1, a0, a1 float64) [][3]float64 {
	if k == 0 {
		return nil
	}
	for br := blipR; ; br *= 0.85 {
		step := 2*br + blipGap*br/blipR
		var rows []float64
		for rr := r1 - bandInset - br; rr >= r0+bandInset+br; rr -= step {
			rows = append(rows, rr)
		}
		if r0 == 0 && len(rows) == 0 {
			rows = append(rows, (r1+r0)/2)
		}
		var slots [][3]float64
		for _, rr := range rows {
			pad := (br + bandInset) / rr
			span := (a1 - a0) - 2*pad
			if span <= 0 {
				continue
			}
			cap := int(math.Floor(span*rr/step)) + 1
			slots = append(slots, row(rr, a0+pad, span, cap, br)...)
		}
		// No floor on the radius: a tiny circle is better than a blip
		// silently missing from the drawing.
		if len(slots) >= k {
			return spread(slots, k)
		}
	}
}

func row(rr, from, span float64, cap int, br float64) [][3]float64 {
	out := make([][3]float64, cap)
	for i := range cap {
		t := 0.5
		if cap > 1 {
			t = float64(i) / float64(cap-1)
		}
		a := from + span*t
		out[i] = [3]float64{round(centre + rr*math.Cos(a)), round(centre + rr*math.Sin(a)), round(br)}
	}
	return out
}

// spread picks k of the slots evenly so a sparse segment is not lopsided.
func spread(slots [][3]float64, k int) [][3]float64 {
	if k > len(slots) {
		k = len(slots)
	}
	out := make([][3]float64, k)
	for i := range k {
		out[i] = slots[i*len(slots)/k]
	}
	return out
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

// SVG draws the radar. href maps a blip to its page's URL relative to the
// page the drawing is embedded in.
func (r *Radar) SVG(placed []Placed, href func(*Blip) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="radar-svg" viewBox="0 0 %g %g" role="group" aria-labelledby="radar-svg-title" xmlns="http://www.w3.org/2000/svg">`, size, size)
	fmt.Fprintf(&b, `<title id="radar-svg-title">%s radar, %d blips</title>`, html.EscapeString(r.Config.Title), len(placed))
	nr, nq := len(r.Config.Rings), len(r.Config.Quadrants)
	for i := nr; i >= 1; i-- {
		fmt.Fprintf(&b, `<circle class="ring ring-%d" cx="%g" cy="%g" r="%g"/>`, i-1, centre, centre, ringRadius(i, nr))
	}
	for qi := range nq {
		a := -math.Pi/2 + 2*math.Pi*float64(qi)/float64(nq)
		fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, centre, centre, round(centre+outer*math.Cos(a)), round(centre+outer*math.Sin(a)))
	}
	for ri, ring := range r.Config.Rings {
		y := centre - ringRadius(ri+1, nr) + 14
		fmt.Fprintf(&b, `<text class="ring-label" x="%g" y="%g" text-anchor="middle">%s</text>`, centre, y, html.EscapeString(ring.Title))
	}
	for _, p := range placed {
		m := r.Movement(p.Blip)
		fmt.Fprintf(&b, `<a href="%s" id="blip-%s" class="blip q-%s %s" aria-label="%d. %s, %s">`,
			html.EscapeString(href(p.Blip)), html.EscapeString(p.Blip.ID), html.EscapeString(p.Blip.Quadrant), m, p.Number,
			html.EscapeString(p.Blip.Title), html.EscapeString(p.Blip.Ring))
		fmt.Fprintf(&b, `<title>%d. %s (%s)</title>`, p.Number, html.EscapeString(p.Blip.Title), html.EscapeString(p.Blip.Ring))
		switch m {
		case MovedIn, MovedOut:
			// A triangle pointing up (moved in) or down (moved out).
			dir := 1.0
			if m == MovedOut {
				dir = -1
			}
			fmt.Fprintf(&b, `<path d="M%g %gL%g %gL%g %gZ"/>`, p.X, round(p.Y-dir*1.2*p.R),
				round(p.X+1.1*p.R), round(p.Y+dir*0.9*p.R), round(p.X-1.1*p.R), round(p.Y+dir*0.9*p.R))
		case NewBlip:
			fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" rx="2"/>`, round(p.X-p.R), round(p.Y-p.R), 2*p.R, 2*p.R)
		default:
			fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="%g"/>`, p.X, p.Y, p.R)
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" dominant-baseline="central">%d</text></a>`, p.X, p.Y, p.Number)
	}
	b.WriteString(`</svg>`)
	return b.String()
}
