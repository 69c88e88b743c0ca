package radar

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// SVGOptions say how to draw a layout.
type SVGOptions struct {
	// ID prefixes the ids of the drawing's own elements, so that they are
	// unique in the page.
	ID string
	// Href returns the URL of a blip's page, relative to the page that
	// embeds the drawing.
	Href func(*Blip) string
	// SectorHref returns the URL of a quadrant's page; when nil the
	// quadrant labels are not links.
	SectorHref func(id string) string
	// Sector draws only the quadrant with this id, enlarged, with the ring
	// names beside its boundary.
	Sector string
}

// SVG draws the layout as an inline SVG element. Every blip is a link
// with an accessible name and a <title>, in reading order, so the drawing
// works with a keyboard and a screen reader; colours come from CSS
// classes (ring-N, s-N) unless the configuration gives them.
func (l *Layout) SVG(o SVGOptions) string {
	cfg := l.radar.Settings
	only := -1
	for j, q := range cfg.Quadrants {
		if o.Sector != "" && q.ID == o.Sector && len(cfg.Quadrants) > 1 {
			only = j
		}
	}
	box, ringLabels := l.ViewBox, l.RingLabels
	if only >= 0 {
		box, ringLabels = l.sectorView(only)
	}
	id := cmpOr(o.ID, "radar")
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="radar-svg" viewBox="%s %s %s %s" role="group" aria-labelledby="%s-title" xmlns="http://www.w3.org/2000/svg">`,
		num(box.MinX), num(box.MinY), num(box.MaxX-box.MinX), num(box.MaxY-box.MinY), esc(id))
	count := len(l.Blips)
	if only >= 0 {
		count = 0
		for _, p := range l.Blips {
			if p.Sector == only {
				count++
			}
		}
		fmt.Fprintf(&b, `<title id="%s-title">%s: %s</title>`, esc(id), esc(cfg.Quadrants[only].Title), plural(count, "blip"))
	} else {
		fmt.Fprintf(&b, `<title id="%s-title">%s radar: %s in %s and %s</title>`, esc(id), esc(cfg.Title),
			plural(count, "blip"), plural(len(cfg.Quadrants), "sector"), plural(len(cfg.Rings), "ring"))
	}

	nr := len(cfg.Rings)
	outer := l.Radii[nr]
	b.WriteString(`<g class="rings">`)
	for i := nr - 1; i >= 0; i-- {
		style := ""
		if c := cfg.Rings[i].Color; validColor(c) {
			style = fmt.Sprintf(` style="fill:%s"`, c)
		}
		if only >= 0 {
			fmt.Fprintf(&b, `<path class="ring ring-%d"%s d="%s"/>`, i, style, wedge(l.Sectors[only], l.Radii[i+1]))
		} else {
			fmt.Fprintf(&b, `<circle class="ring ring-%d"%s r="%s"/>`, i, style, num(l.Radii[i+1]))
		}
	}
	b.WriteString(`</g><g class="axes">`)
	if len(l.Sectors) > 1 {
		for j, s := range l.Sectors {
			if only >= 0 && j != only {
				continue
			}
			rays := []float64{s.From}
			if only >= 0 {
				rays = append(rays, s.To)
			}
			for _, a := range rays {
				fmt.Fprintf(&b, `<line class="axis" x1="0" y1="0" x2="%s" y2="%s"/>`, num(outer*math.Cos(a)), num(outer*math.Sin(a)))
			}
		}
	}
	b.WriteString(`</g><g class="ring-labels" aria-hidden="true">`)
	for _, lb := range ringLabels {
		text(&b, "ring-label", lb)
	}
	b.WriteString(`</g>`)
	k := 0
	for j, q := range cfg.Quadrants {
		if only >= 0 && j != only {
			for k < len(l.Blips) && l.Blips[k].Sector == j {
				k++
			}
			continue
		}
		style := ""
		if validColor(q.Color) {
			style = fmt.Sprintf(` style="--c:%s"`, q.Color)
		}
		fmt.Fprintf(&b, `<g class="sector s-%d q-%s"%s>`, j, esc(q.ID), style)
		if o.SectorHref != nil && only < 0 {
			fmt.Fprintf(&b, `<a class="sector-label" href="%s">`, esc(o.SectorHref(q.ID)))
			text(&b, "", l.SectorLabels[j])
			b.WriteString(`</a>`)
		} else {
			text(&b, "sector-label", l.SectorLabels[j])
		}
		for ; k < len(l.Blips) && l.Blips[k].Sector == j; k++ {
			l.blip(&b, l.Blips[k], o.Href)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// MovementText describes a movement value for people: "new", "moved in",
// "moved out", or "" when the blip did not move.
func MovementText(m string) string {
	switch m {
	case NewBlip:
		return "new"
	case MovedIn:
		return "moved in"
	case MovedOut:
		return "moved out"
	}
	return ""
}

func (l *Layout) blip(b *strings.Builder, p Placed, href func(*Blip) string) {
	// Written piece by piece, not with fmt: the radar page, the home page
	// and the quadrant pages each draw every blip, 5,000 on a large radar.
	name := strconv.Itoa(p.Number) + ". " + p.Blip.Title + ": " + l.radar.Settings.Rings[p.Ring].Title
	if m := MovementText(p.Movement); m != "" {
		name += ", " + m
	}
	url := ""
	if href != nil {
		url = href(p.Blip)
	}
	x, y := num(p.X), num(p.Y)
	write(b, `<a href="`, esc(url), `" id="blip-`, esc(p.Blip.ID), `" class="blip m-`, p.Movement,
		`" aria-label="`, esc(name), `"><title>`, esc(name), `</title>`)
	write(b, `<circle class="body" cx="`, x, `" cy="`, y, `" r="`, num(bodyRadius), `"/>`)
	switch p.Movement {
	case NewBlip:
		write(b, `<circle class="marker" cx="`, x, `" cy="`, y, `" r="`, num(markerRadius), `"/>`)
	case MovedIn, MovedOut:
		// Half a ring on the side facing the centre (moved in) or facing
		// away from it (moved out).
		face := math.Atan2(p.Y, p.X)
		if p.Movement == MovedIn {
			face += math.Pi
		}
		if p.X == 0 && p.Y == 0 {
			face = -math.Pi / 2
		}
		a0, a1 := face-math.Pi/2, face+math.Pi/2
		r := num(markerRadius)
		write(b, `<path class="marker" d="M`, num(p.X+markerRadius*math.Cos(a0)), " ", num(p.Y+markerRadius*math.Sin(a0)),
			"A", r, " ", r, " 0 0 1 ", num(p.X+markerRadius*math.Cos(a1)), " ", num(p.Y+markerRadius*math.Sin(a1)), `"/>`)
	}
	size := 9.0
	switch n := p.Number; {
	case n >= 1000:
		size = 6
	case n >= 100:
		size = 7.5
	}
	write(b, `<text x="`, x, `" y="`, y, `" font-size="`, num(size),
		`" text-anchor="middle" dominant-baseline="central">`, strconv.Itoa(p.Number), `</text></a>`)
}

// write writes the strings one after the other.
func write(b *strings.Builder, parts ...string) {
	for _, s := range parts {
		b.WriteString(s)
	}
}

// text writes a label; class may be empty.
func text(b *strings.Builder, class string, lb Label) {
	if class != "" {
		class = fmt.Sprintf(` class="%s"`, class)
	}
	fmt.Fprintf(b, `<text%s x="%s" y="%s" font-size="%s" text-anchor="%s">`, class, num(lb.X), num(lb.Y), num(lb.Size), lb.Anchor)
	for i, ln := range lb.Lines {
		dy := "0"
		if i > 0 {
			dy = num(lb.Size * labelHeight)
		}
		fmt.Fprintf(b, `<tspan x="%s" dy="%s">%s</tspan>`, num(lb.X), dy, esc(ln))
	}
	b.WriteString(`</text>`)
}

// sectorView returns the viewBox and ring labels of sector j drawn alone:
// the labels go beside the more upright of the sector's two boundaries,
// on the outside, where the other sectors would be.
func (l *Layout) sectorView(j int) (Rect, []Label) {
	arc := l.Sectors[j]
	outer := l.Radii[len(l.Radii)-1]
	box := Rect{0, 0, 0, 0}
	for _, a := range []float64{arc.From, arc.To} {
		box = box.Union(pointRect(outer*math.Cos(a), outer*math.Sin(a)))
	}
	for q := math.Ceil(arc.From / (math.Pi / 2)); q*math.Pi/2 <= arc.To; q++ {
		a := q * math.Pi / 2
		box = box.Union(pointRect(outer*math.Cos(a), outer*math.Sin(a)))
	}
	ray, away := arc.From, arc.From-math.Pi/2
	if math.Abs(math.Sin(arc.To)) > math.Abs(math.Sin(arc.From))+1e-9 {
		ray, away = arc.To, arc.To+math.Pi/2
	}
	nx, ny := math.Cos(away), math.Sin(away)
	var labels []Label
	for i, ring := range l.radar.Settings.Rings {
		mid := (l.Radii[i] + l.Radii[i+1]) / 2
		w := textWidth(ring.Title, ringLabelSize)
		h := ringLabelSize * labelHeight
		off := w/2*math.Abs(nx) + h/2*math.Abs(ny) + 6
		for ; ; off += 2 {
			lb := centredLabel([]string{ring.Title}, mid*math.Cos(ray)+nx*off, mid*math.Sin(ray)+ny*off, ringLabelSize)
			if len(labels) == 0 || !lb.Box.Overlaps(labels[len(labels)-1].Box) {
				labels = append(labels, lb)
				box = box.Union(lb.Box)
				break
			}
		}
	}
	box = box.Union(l.SectorLabels[j].Box)
	return pad(box, 8), labels
}

func pointRect(x, y float64) Rect { return Rect{x, y, x, y} }

// wedge is the path of the sector arc filled out to radius r.
func wedge(a Arc, r float64) string {
	large := 0
	if a.To-a.From > math.Pi {
		large = 1
	}
	return fmt.Sprintf("M0 0L%s %sA%s %s 0 %d 1 %s %sZ", num(r*math.Cos(a.From)), num(r*math.Sin(a.From)),
		num(r), num(r), large, num(r*math.Cos(a.To)), num(r*math.Sin(a.To)))
}

// validColor reports whether c is set and safe to put in a style attribute.
func validColor(c string) bool { return c != "" && ValidColor(c) }

// num formats a coordinate to one decimal.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func esc(s string) string { return html.EscapeString(s) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
