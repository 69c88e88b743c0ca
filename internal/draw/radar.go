package draw

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/radar"
)

// RadarOptions say how to draw a radar's layout.
type RadarOptions struct {
	// ID prefixes the ids of the drawing's own elements, so that they are
	// unique in the page; "radar" when empty.
	ID string
	// Href returns the URL of a blip's page, relative to the page that
	// embeds the drawing.
	Href func(*radar.Blip) string
	// SectorHref returns the URL of a quadrant's page; when nil the
	// quadrant labels are not links.
	SectorHref func(id string) string
	// Sector draws only the quadrant with this id, enlarged, with the ring
	// names beside its boundary.
	Sector string
	// Classes name the elements for the theme's CSS.
	Classes Classes
	// Compact marks the drawing of a compact layout (radar.CompactRadius)
	// with Classes.Compact and gives it a least width of one pixel per
	// unit, so that every blip stays a target of 2×radar.BlipRadius pixels
	// and its number as large as the theme sets it.
	Compact bool
	// Static draws the blips without links, for a picture of the radar
	// that links to the radar page as a whole (the home page's).
	Static bool
	// Standalone makes a file of its own: an SVG document with its width,
	// height and styles, for an <img> or <object> elsewhere.
	Standalone bool
}

// Radar draws the layout as an inline SVG element (see the package comment).
func Radar(l *radar.Layout, o RadarOptions) string {
	if o.Standalone {
		o.Classes = Classes{} // its own styles name the default classes
	}
	cfg := l.Radar().Settings
	c := o.Classes.withDefaults()
	only := -1
	for j, q := range cfg.Quadrants {
		if o.Sector != "" && q.ID == o.Sector && len(cfg.Quadrants) > 1 {
			only = j
		}
	}
	box, ringLabels := l.ViewBox, l.RingLabels
	if only >= 0 {
		box, ringLabels = l.SectorView(only)
	}
	id := o.ID
	if id == "" {
		id = "radar"
	}
	var b strings.Builder
	class, attrs, role := c.Radar, "", "group"
	if o.Compact {
		class += " " + c.Compact
		attrs = fmt.Sprintf(` style="min-width:%spx"`, num(box.MaxX-box.MinX))
	}
	if o.Static {
		role = "img"
	}
	if o.Standalone {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		attrs += fmt.Sprintf(` width="%s" height="%s"`, num(box.MaxX-box.MinX), num(box.MaxY-box.MinY))
	}
	fmt.Fprintf(&b, `<svg class="%s" viewBox="%s %s %s %s"%s role="%s" aria-labelledby="%s-title" xmlns="http://www.w3.org/2000/svg">`,
		esc(class), num(box.MinX), num(box.MinY), num(box.MaxX-box.MinX), num(box.MaxY-box.MinY), attrs, role, esc(id))
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
			plural(count, "blip"), plural(len(cfg.Quadrants), "quadrant"), plural(len(cfg.Rings), "ring"))
	}
	if o.Standalone {
		b.WriteString(standaloneStyle)
	}

	nr := len(cfg.Rings)
	outer := l.Radii[nr]
	fmt.Fprintf(&b, `<g class="%s">`, esc(c.Rings))
	for i := nr - 1; i >= 0; i-- {
		style := ""
		if col := cfg.Rings[i].Color; validColor(col) {
			style = fmt.Sprintf(` style="fill:%s"`, col)
		}
		if only >= 0 {
			fmt.Fprintf(&b, `<path class="%s %s%d"%s d="%s"/>`, esc(c.Ring), esc(c.RingIndex), i, style, wedge(l.Sectors[only], l.Radii[i+1]))
		} else {
			fmt.Fprintf(&b, `<circle class="%s %s%d"%s r="%s"/>`, esc(c.Ring), esc(c.RingIndex), i, style, num(l.Radii[i+1]))
		}
	}
	fmt.Fprintf(&b, `</g><g class="%s">`, esc(c.Axes))
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
				fmt.Fprintf(&b, `<line class="%s" x1="0" y1="0" x2="%s" y2="%s"/>`, esc(c.Axis), num(outer*math.Cos(a)), num(outer*math.Sin(a)))
			}
		}
	}
	fmt.Fprintf(&b, `</g><g class="%s" aria-hidden="true">`, esc(c.RingLabels))
	for _, lb := range ringLabels {
		text(&b, c.RingLabel, lb)
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
			style = fmt.Sprintf(` style="%s:%s"`, esc(c.SectorColor), q.Color)
		}
		fmt.Fprintf(&b, `<g class="%s %s%d %s%s"%s>`, esc(c.Sector), esc(c.SectorIndex), j, esc(c.SectorID), esc(q.ID), style)
		if o.SectorHref != nil && only < 0 {
			fmt.Fprintf(&b, `<a class="%s" href="%s">`, esc(c.SectorLabel), esc(o.SectorHref(q.ID)))
			text(&b, "", l.SectorLabels[j])
			b.WriteString(`</a>`)
		} else {
			text(&b, c.SectorLabel, l.SectorLabels[j])
		}
		for ; k < len(l.Blips) && l.Blips[k].Sector == j; k++ {
			blip(&b, c, l.Blips[k], cfg.Rings[l.Blips[k].Ring].Title, o, id)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// blip writes one blip: a link named for people, its body, its movement
// marker and its number. The name is the link's aria-label, not a
// <title>: a <title> counts as the link's text, which then no longer
// matches its name.
func blip(b *strings.Builder, c Classes, p radar.Placed, ring string, o RadarOptions, drawing string) {
	// Written piece by piece, not with fmt: the radar page, the home page
	// and the quadrant pages each draw every blip, 5,000 on a large radar.
	name := strconv.Itoa(p.Number) + ". " + p.Blip.Title + ": " + ring
	if m := radar.MovementText(p.Movement); m != "" {
		name += ", " + m
	}
	url := ""
	if o.Href != nil {
		url = o.Href(p.Blip)
	}
	prefix := "blip-"
	if drawing != "radar" {
		prefix = drawing + "-blip-"
	}
	x, y := num(p.X), num(p.Y)
	if o.Static {
		write(b, `<g class="`, esc(c.Blip), ` `, esc(c.Movement), p.Movement, `" data-blip="`, esc(p.Blip.ID), `">`)
	} else {
		write(b, `<a href="`, esc(url), `" id="`, esc(prefix+p.Blip.ID), `" class="`, esc(c.Blip), ` `, esc(c.Movement), p.Movement,
			`" data-blip="`, esc(p.Blip.ID), `" aria-label="`, esc(name), `">`)
		// An invisible circle as large as the room the layout keeps around
		// the blip: the target a finger or pointer hits.
		write(b, `<circle class="`, esc(c.Target), `" cx="`, x, `" cy="`, y, `" r="`, num(radar.BlipRadius), `"/>`)
	}
	write(b, `<circle class="`, esc(c.Body), `" cx="`, x, `" cy="`, y, `" r="`, num(radar.BodyRadius), `"/>`)
	switch p.Movement {
	case radar.NewBlip:
		write(b, `<circle class="`, esc(c.Marker), `" cx="`, x, `" cy="`, y, `" r="`, num(radar.MarkerRadius), `"/>`)
	case radar.MovedIn, radar.MovedOut:
		// Half a ring on the side facing the centre (moved in) or facing
		// away from it (moved out).
		face := math.Atan2(p.Y, p.X)
		if p.Movement == radar.MovedIn {
			face += math.Pi
		}
		if p.X == 0 && p.Y == 0 {
			face = -math.Pi / 2
		}
		a0, a1 := face-math.Pi/2, face+math.Pi/2
		const mr = radar.MarkerRadius
		r := num(mr)
		write(b, `<path class="`, esc(c.Marker), `" d="M`, num(p.X+mr*math.Cos(a0)), " ", num(p.Y+mr*math.Sin(a0)),
			"A", r, " ", r, " 0 0 1 ", num(p.X+mr*math.Cos(a1)), " ", num(p.Y+mr*math.Sin(a1)), `"/>`)
	}
	size := numberSize
	switch n := p.Number; {
	case n >= 1000:
		size = numberSizeThousand
	case n >= 100:
		size = numberSizeHundreds
	}
	end := `</text></a>`
	if o.Static {
		end = `</text></g>`
	}
	write(b, `<text x="`, x, `" y="`, y, `" font-size="`, num(size),
		`" text-anchor="middle" dominant-baseline="central">`, strconv.Itoa(p.Number), end)
}

// text writes a label; class may be empty.
func text(b *strings.Builder, class string, lb radar.Label) {
	if class != "" {
		class = fmt.Sprintf(` class="%s"`, esc(class))
	}
	fmt.Fprintf(b, `<text%s x="%s" y="%s" font-size="%s" text-anchor="%s">`, class, num(lb.X), num(lb.Y), num(lb.Size), lb.Anchor)
	for i, ln := range lb.Lines {
		dy := "0"
		if i > 0 {
			dy = num(lb.Size * radar.LineHeight)
		}
		fmt.Fprintf(b, `<tspan x="%s" dy="%s">%s</tspan>`, num(lb.X), dy, esc(ln))
	}
	b.WriteString(`</text>`)
}

// wedge is the path of the sector arc filled out to radius r.
func wedge(a radar.Arc, r float64) string {
	large := 0
	if a.To-a.From > math.Pi {
		large = 1
	}
	return fmt.Sprintf("M0 0L%s %sA%s %s 0 %d 1 %s %sZ", num(r*math.Cos(a.From)), num(r*math.Sin(a.From)),
		num(r), num(r), large, num(r*math.Cos(a.To)), num(r*math.Sin(a.To)))
}

// validColor reports whether c is set and safe to put in a style attribute.
func validColor(c string) bool { return c != "" && radar.ValidColor(c) }
