package draw

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/internal/decision"
)

// GraphOptions say how to draw a relation graph.
type GraphOptions struct {
	// Href returns the URL of a record's page, relative to the page that
	// embeds the drawing.
	Href func(*decision.Record) string
	// Label names a record on its box and in the texts for people; the
	// record's own Label when nil.
	Label func(*decision.Record) string
	// Classes name the elements for the theme's CSS.
	Classes Classes
}

// Graph draws the relation graph as an inline SVG element (see the package
// comment).
func Graph(g *decision.Graph, o GraphOptions) string {
	c := o.Classes.withDefaults()
	label := o.Label
	if label == nil {
		label = (*decision.Record).Label
	}
	href := func(r *decision.Record) string {
		if o.Href == nil {
			return ""
		}
		return o.Href(r)
	}
	known := decision.Statuses()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="%s" viewBox="0 0 %g %g" width="%g" height="%g" role="group" aria-labelledby="decision-graph-title" xmlns="http://www.w3.org/2000/svg">`,
		esc(c.Graph), g.Width, g.Height, g.Width, g.Height)
	fmt.Fprintf(&b, `<title id="decision-graph-title">Relations between %d decisions</title>`, len(g.Nodes))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>`)
	for _, e := range g.Edges {
		class := c.OtherRelation
		switch e.Verb {
		case decision.VerbSupersedes:
			class = c.Supersedes
		case decision.VerbAmends:
			class = c.Amends
		case decision.VerbRelatesTo:
			class = c.RelatesTo
		}
		v := e.Curve
		fmt.Fprintf(&b, `<path class="%s %s" d="M%g %gC%g %g %g %g %g %g"`, esc(c.Edge), esc(class), v.X0, v.Y0, v.X1, v.Y1, v.X2, v.Y2, v.X3, v.Y3)
		if e.Verb != decision.VerbRelatesTo {
			b.WriteString(` marker-end="url(#arrow)"`)
		}
		fmt.Fprintf(&b, `><title>%s %s %s</title></path>`, esc(label(e.From)), esc(e.Verb), esc(label(e.To)))
	}
	for _, n := range g.Nodes {
		r := n.Record
		name := esc(label(r)) + ": " + esc(r.Title) + " (" + esc(r.Status) + ")"
		fmt.Fprintf(&b, `<a href="%s" class="%s %s%s" aria-label="%s">`, esc(href(r)), esc(c.Node), esc(c.NodeStatus), esc(statusClass(known, r.Status)), name)
		fmt.Fprintf(&b, `<title>%s</title>`, name)
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" rx="%g"/>`, n.X, n.Y, decision.NodeWidth, decision.NodeHeight, nodeCorner)
		fmt.Fprintf(&b, `<text class="%s" x="%g" y="%g">%s</text><text class="%s" x="%g" y="%g" text-anchor="end">%s</text>`,
			esc(c.NodeLabel), n.X+nodeInset, n.Y+nodeFirstLine, esc(label(r)),
			esc(c.NodeStatusText), n.X+decision.NodeWidth-nodeInset, n.Y+nodeFirstLine, esc(shorten(r.Status, statusRunes)))
		fmt.Fprintf(&b, `<text x="%g" y="%g">%s</text></a>`, n.X+nodeInset, n.Y+nodeSecondLine, esc(shorten(r.Title, titleRunes)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// statusClass keeps custom statuses out of CSS class names; known are
// decision.Statuses.
func statusClass(known []string, status string) string {
	if slices.Contains(known, status) {
		return status
	}
	return "custom"
}

// shorten cuts s to at most n characters, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
