package radar

import (
	"math"
	"slices"
)

// Drawing sizes, in viewBox units. The radar's centre is (0, 0); angles
// are radians measured clockwise from the positive x axis (SVG's y axis
// points down), so -π/2 points straight up.
const (
	// BlipRadius bounds everything drawn for one blip (its body and its
	// movement marker): the layout keeps these circles apart.
	BlipRadius = 12.0
	// BlipGap is the least space between two blips' circles.
	BlipGap = 2.0
	// LineGap is the least space between a blip's circle and a ring line
	// or a sector boundary.
	LineGap = 3.0
	// LabelGap is the least space between a blip's circle and a label.
	LabelGap = 4.0
	// BaseRadius is the outer radius of a radar whose blips fit; a radar
	// too crowded for it grows instead of overlapping or dropping blips.
	BaseRadius = 400.0
	// BodyRadius is the radius of a blip's numbered body.
	BodyRadius = 8.5
	// MarkerRadius is the radius of the ring that marks a new or moved
	// blip; BlipRadius leaves room around it.
	MarkerRadius = 10.5
	// LineHeight is the distance between the lines of a label, in font
	// sizes; the layout measures labels with it, so they must be set with it.
	LineHeight = 1.3

	minRingWidth    = 2 * (BlipRadius + LineGap)
	ringLabelSize   = 12.0
	sectorLabelSize = 15.0
)

// pitch is the least distance between two blips' centres; edge the least
// distance between a blip's centre and a line.
const (
	pitch = 2*BlipRadius + BlipGap
	edge  = BlipRadius + LineGap
)

// Layout is a radar drawn at build time: where every ring, sector, label
// and blip goes. It depends only on the configuration and on the blips'
// quadrants, rings and reading order, never on file order.
type Layout struct {
	// Radii bound the rings: ring i lies between Radii[i] and Radii[i+1].
	Radii []float64
	// Sectors are the quadrants' angular extents, in configured order.
	Sectors []Arc
	// Blips are in reading order: by quadrant, ring, then title; Number
	// is the index plus one.
	Blips []Placed
	// RingLabels name the rings along the upward axis, where no blip goes.
	RingLabels []Label
	// SectorLabels name the quadrants, outside the outer ring.
	SectorLabels []Label
	// ViewBox encloses the whole drawing.
	ViewBox Rect

	radar *Radar
}

// Radar returns the radar the layout places.
func (l *Layout) Radar() *Radar { return l.radar }

// Arc is an angular extent, From < To.
type Arc struct{ From, To float64 }

// Mid returns the angle halfway along the arc.
func (a Arc) Mid() float64 { return (a.From + a.To) / 2 }

// Placed is a blip's position on the drawing.
type Placed struct {
	Blip     *Blip
	Number   int // reading-order number shown in the circle and the legend
	X, Y     float64
	Ring     int // index into the configured rings
	Sector   int // index into the configured quadrants
	Movement string
}

// Label is a text drawn on the radar, one or more lines.
type Label struct {
	Lines  []string
	X, Y   float64 // anchor of the first line's baseline
	Anchor string  // SVG text-anchor: start, middle or end
	Size   float64 // font size
	Box    Rect    // the area the text may cover
}

// Rect is an axis-aligned rectangle.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

// Union returns the smallest rectangle holding r and o.
func (r Rect) Union(o Rect) Rect {
	return Rect{min(r.MinX, o.MinX), min(r.MinY, o.MinY), max(r.MaxX, o.MaxX), max(r.MaxY, o.MaxY)}
}

// Distance returns the distance from the point (x, y) to the rectangle.
func (r Rect) Distance(x, y float64) float64 {
	dx := max(r.MinX-x, 0, x-r.MaxX)
	dy := max(r.MinY-y, 0, y-r.MaxY)
	return math.Hypot(dx, dy)
}

// Overlaps reports whether two rectangles share any area.
func (r Rect) Overlaps(o Rect) bool {
	return r.MinX < o.MaxX && o.MinX < r.MaxX && r.MinY < o.MaxY && o.MinY < r.MaxY
}

// segment is one ring of one sector, with the room a blip must leave at
// each of its two boundary rays.
type segment struct {
	ring, sector int
	arc          Arc
	padFrom      float64 // least distance from a blip's centre to the ray at arc.From
	padTo        float64
	blips        []*Blip
}

// Layout places every blip. The rings' widths adapt to the blips: each
// ring is as wide as its most crowded segment needs, the rest of the
// base radius is shared evenly, and when the base radius is too small the
// radar grows. In a segment the blips sit on concentric rows spaced as
// widely as the segment allows, and no blip ever touches another blip, a
// ring line, a sector boundary or a label.
func (r *Radar) Layout() *Layout { return r.LayoutWithin(BaseRadius) }

// CompactRadius is the base radius of the compact layout: one quadrant of
// it, drawn alone with its labels, is about 330 units wide, so that on a
// phone's screen one unit is at least one pixel and every blip a target of
// 2×BlipRadius pixels.
const CompactRadius = 230.0

// LayoutWithin places every blip as Layout does, within a base radius of
// base instead of BaseRadius: the rings are narrower, the blips as large.
func (r *Radar) LayoutWithin(base float64) *Layout {
	nq, nr := len(r.Settings.Quadrants), len(r.Settings.Rings)
	l := &Layout{radar: r, Sectors: sectorArcs(nq)}

	// Ring labels sit on the upward ray, so the sectors on either side of
	// it keep a lane free of blips as wide as the widest label.
	lane := 0.0
	for _, ring := range r.Settings.Rings {
		lane = max(lane, textWidth(ring.Title, ringLabelSize)/2)
	}
	lane += LabelGap + BlipRadius

	segs := make([][]segment, nr)
	qi, ri := indexOf(r.Settings.Quadrants), indexOf(r.Settings.Rings)
	for i := range segs {
		segs[i] = make([]segment, nq)
		for j := range segs[i] {
			s := segment{ring: i, sector: j, arc: l.Sectors[j], padFrom: edge, padTo: edge}
			if j == 0 {
				s.padFrom = lane
			}
			if j == nq-1 {
				s.padTo = lane
			}
			segs[i][j] = s
		}
	}
	for _, b := range r.Blips {
		if b.NotDrawn {
			continue // listed, not drawn: it takes no room and gets no number
		}
		s := &segs[ri[b.Ring]][qi[b.Quadrant]]
		s.blips = append(s.blips, b)
	}
	l.Radii = ringRadii(segs, base)

	for j := range nq {
		for i := range nr {
			s := segs[i][j]
			pts := s.place(l.Radii[i], l.Radii[i+1])
			for k, b := range s.blips {
				l.Blips = append(l.Blips, Placed{Blip: b, X: pts[k][0], Y: pts[k][1], Ring: i, Sector: j, Movement: r.Movement(b)})
			}
		}
	}
	// r.Blips is sorted by quadrant, ring and title, as the loops above run,
	// so numbering in drawing order is numbering in reading order.
	for k := range l.Blips {
		l.Blips[k].Number = k + 1
	}

	for i, ring := range r.Settings.Rings {
		mid := (l.Radii[i] + l.Radii[i+1]) / 2
		l.RingLabels = append(l.RingLabels, centredLabel([]string{ring.Title}, 0, -mid, ringLabelSize))
	}
	outer := l.Radii[nr]
	l.ViewBox = Rect{-outer - 2, -outer - 2, outer + 2, outer + 2}
	for j, q := range r.Settings.Quadrants {
		lb := sectorLabel(wrap(q.Title, 14), l.Sectors[j].Mid(), outer)
		l.SectorLabels = append(l.SectorLabels, lb)
		l.ViewBox = l.ViewBox.Union(lb.Box)
	}
	l.ViewBox = pad(l.ViewBox, 6)
	return l
}

// sectorArcs divides the circle into n equal sectors, the first starting
// straight up and the others following clockwise.
func sectorArcs(n int) []Arc {
	out := make([]Arc, n)
	for j := range out {
		from := -math.Pi/2 + 2*math.Pi*float64(j)/float64(n)
		out[j] = Arc{from, from + 2*math.Pi/float64(n)}
	}
	return out
}

// ringRadii returns the ring boundaries: the widest even share of the base
// radius that leaves every ring room for its most crowded segment.
func ringRadii(segs [][]segment, base float64) []float64 {
	n := len(segs)
	radii := func(share float64) []float64 {
		out := make([]float64, n+1)
		for i := range n {
			out[i+1] = out[i] + max(share, need(segs[i], out[i]))
		}
		return out
	}
	even := base / float64(n)
	best := radii(even)
	if best[n] > base+1e-9 {
		lo, hi := minRingWidth, even
		best = radii(lo)
		if best[n] < base {
			for hi-lo > 0.01 {
				mid := (lo + hi) / 2
				if rs := radii(mid); rs[n] <= base {
					lo, best = mid, rs
				} else {
					hi = mid
				}
			}
		}
	}
	best[n] = max(best[n], base)
	return best
}

// need returns the least width of a ring starting at radius r0 in which
// every segment holds its blips.
func need(ring []segment, r0 float64) float64 {
	fits := func(w float64) bool {
		for _, s := range ring {
			if len(s.blips) > 0 && s.capacity(r0, r0+w, pitch) < len(s.blips) {
				return false
			}
		}
		return true
	}
	if fits(minRingWidth) {
		return minRingWidth
	}
	// The result carries a hair of slack so that rounding in the callers'
	// sums can never make a ring too narrow for its blips.
	lo, hi := minRingWidth, 2*minRingWidth
	for !fits(hi) {
		lo, hi = hi, 2*hi
	}
	for hi-lo > 0.01 {
		if mid := (lo + hi) / 2; fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi + 1e-6
}

// rows returns the radii of the rows of blips, d apart, that fit between
// r0 and r1, centred in the band.
func rows(r0, r1, d float64) []float64 {
	w := r1 - r0 - 2*edge
	if w < 0 {
		return nil
	}
	m := int(math.Floor(w/d+1e-9)) + 1
	off := (w - float64(m-1)*d) / 2
	out := make([]float64, m)
	for k := range out {
		out[k] = r0 + edge + off + float64(k)*d
	}
	return out
}

// row is the part of the circle of radius r that a segment's blips may use.
type row struct {
	r, from, span float64 // angles from..from+span
	step          float64 // least angle between two blips' centres
	cap           int     // how many blips fit
}

// row returns the usable part of the circle of radius rr in s, for blips
// whose centres are at least d apart.
func (s segment) row(rr, d float64) row {
	if rr <= 0 || s.padFrom >= rr || s.padTo >= rr {
		return row{r: rr}
	}
	a0, a1 := math.Asin(s.padFrom/rr), math.Asin(s.padTo/rr)
	span := s.arc.To - s.arc.From - a0 - a1
	if span < 0 {
		return row{r: rr}
	}
	rw := row{r: rr, from: s.arc.From + a0, span: span, cap: 1}
	if d < 2*rr {
		rw.step = 2 * math.Asin(d/(2*rr))
		rw.cap = int(math.Floor(span/rw.step+1e-9)) + 1
	}
	return rw
}

// capacity returns how many blips, d apart, fit in s between r0 and r1:
// the rows of rows(r0, r1, d), counted without making the list, as the
// layout's searches ask this thousands of times per drawing.
func (s segment) capacity(r0, r1, d float64) int {
	w := r1 - r0 - 2*edge
	if w < 0 {
		return 0
	}
	m := int(math.Floor(w/d+1e-9)) + 1
	off := (w - float64(m-1)*d) / 2
	n := 0
	for k := range m {
		n += s.row(r0+edge+off+float64(k)*d, d).cap
	}
	return n
}

// place returns the centres of s's blips between r0 and r1, in reading
// order (inner rows first, clockwise). It spaces them as widely as the
// segment allows, so a sparse segment is not lopsided.
func (s segment) place(r0, r1 float64) [][2]float64 {
	k := len(s.blips)
	if k == 0 {
		return nil
	}
	lo, hi := pitch, 64*pitch
	if s.capacity(r0, r1, hi) >= k {
		lo = hi
	}
	for hi-lo > 0.05 {
		if mid := (lo + hi) / 2; s.capacity(r0, r1, mid) >= k {
			lo = mid
		} else {
			hi = mid
		}
	}
	var rs []row
	for _, rr := range rows(r0, r1, lo) {
		rs = append(rs, s.row(rr, lo))
	}
	var out [][2]float64
	for j, n := range share(k, rs) {
		rw := rs[j]
		if n == 0 {
			continue
		}
		// Centre n blips in equal parts of the row; when that packs them
		// too close, spread them from end to end instead.
		gap := rw.span / float64(n)
		start := rw.from + gap/2
		if n > 1 && gap < rw.step {
			gap = rw.span / float64(n-1)
			start = rw.from
		}
		for t := range n {
			a := start + gap*float64(t)
			out = append(out, [2]float64{rw.r * math.Cos(a), rw.r * math.Sin(a)})
		}
	}
	// The ring radii were chosen so that every segment holds its blips at
	// the least pitch, so out is never short; were it ever, drawing a blip
	// on top of another beats dropping it.
	for len(out) < k {
		p := [2]float64{0, -(r0 + r1) / 2}
		if len(out) > 0 {
			p = out[len(out)-1]
		}
		out = append(out, p)
	}
	return out
}

// share divides k blips among rows in proportion to what each holds.
func share(k int, rs []row) []int {
	total := 0
	for _, rw := range rs {
		total += rw.cap
	}
	out := make([]int, len(rs))
	if total == 0 {
		return out
	}
	type rem struct {
		j int
		f float64
	}
	var rems []rem
	given := 0
	for j, rw := range rs {
		q := float64(k) * float64(rw.cap) / float64(total)
		out[j] = int(math.Floor(q))
		given += out[j]
		rems = append(rems, rem{j, q - math.Floor(q)})
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.f > b.f:
			return -1
		case a.f < b.f:
			return 1
		}
		return 0
	})
	for _, r := range rems {
		if given == k {
			break
		}
		if out[r.j] < rs[r.j].cap {
			out[r.j]++
			given++
		}
	}
	return out
}

// centredLabel is a label centred on (x, y).
func centredLabel(lines []string, x, y, size float64) Label {
	w := 0.0
	for _, ln := range lines {
		w = max(w, textWidth(ln, size))
	}
	h := size * LineHeight * float64(len(lines))
	return Label{Lines: lines, X: x, Y: y - h/2 + size*0.95, Anchor: "middle", Size: size,
		Box: Rect{x - w/2, y - h/2, x + w/2, y + h/2}}
}

// sectorLabel places a sector's title outside the circle of radius outer,
// around the angle a, moving it out until it clears the circle.
func sectorLabel(lines []string, a, outer float64) Label {
	size := sectorLabelSize
	w := 0.0
	for _, ln := range lines {
		w = max(w, textWidth(ln, size))
	}
	h := size * LineHeight * float64(len(lines))
	cos, sin := math.Cos(a), math.Sin(a)
	for rr := outer + 10; ; rr += 2 {
		x, y := rr*cos, rr*sin
		l := Label{Lines: lines, Size: size, Anchor: "middle"}
		var box Rect
		switch {
		case cos > 0.2:
			l.Anchor, box.MinX, box.MaxX = "start", x, x+w
		case cos < -0.2:
			l.Anchor, box.MinX, box.MaxX = "end", x-w, x
		default:
			box.MinX, box.MaxX = x-w/2, x+w/2
		}
		switch {
		case sin < -0.2:
			box.MinY, box.MaxY = y-h, y
		case sin > 0.2:
			box.MinY, box.MaxY = y, y+h
		default:
			box.MinY, box.MaxY = y-h/2, y+h/2
		}
		if box.Distance(0, 0) >= outer+8 {
			l.X, l.Y, l.Box = x, box.MinY+size*0.95, box
			return l
		}
	}
}

// wrap breaks s into lines of at most width characters where it can.
func wrap(s string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range splitWords(s) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

func splitWords(s string) []string {
	var out []string
	word := ""
	for _, c := range s {
		if c == ' ' {
			if word != "" {
				out = append(out, word)
			}
			word = ""
			continue
		}
		word += string(c)
	}
	if word != "" {
		out = append(out, word)
	}
	return out
}

// textWidth estimates the width of s set in the theme's sans-serif at the
// given size, semi-bold. It errs wide: labels get room they may not use.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, c := range s {
		switch {
		case c == ' ' || c == 'i' || c == 'l' || c == 'j' || c == 'I' || c == '.' || c == ',' || c == '\'' || c == '|' || c == '!' || c == ':':
			w += 0.32
		case c == 'f' || c == 't' || c == 'r':
			w += 0.42
		case c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '@' || c == '%':
			w += 0.92
		case c >= 'A' && c <= 'Z', c == '&', c >= '0' && c <= '9':
			w += 0.7
		case c < 0x80:
			w += 0.6
		default:
			w += 1.0 // CJK and other wide scripts
		}
	}
	return w * size * 1.06
}

func pad(r Rect, by float64) Rect {
	return Rect{math.Floor(r.MinX - by), math.Floor(r.MinY - by), math.Ceil(r.MaxX + by), math.Ceil(r.MaxY + by)}
}
