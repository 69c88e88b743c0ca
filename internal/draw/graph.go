package draw

import (
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/decision"
)

// GraphOptions say how to draw a relation graph.
type GraphOptions struct {
	// Href returns the URL of a record's page, relative to the page that
	// embeds the drawing.
	Href func(*decision.Record) string
	// Classes name the elements for the theme's CSS.
	Classes Classes
}

// Graph draws the relation graph as an inline SVG element (see the package
// comment).
func Graph(g *decision.Graph, o GraphOptions) string {
	c := o.Classes.withDefaults()
	href := func(r *decision.Record) string {
		if o.Href == nil {
			return ""
		}
		return o.Href(r)
	}
	labels := make(map[*decision.Record]string, len(g.Nodes))
	for _, n := range g.Nodes {
		labels[n.Record] = n.Label
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="%s" viewBox="0 0 %g %g" width="%g" height="%g" font-size="%g" role="group" aria-labelledby="decision-graph-title" xmlns="http://www.w3.org/2000/svg">`,
		esc(c.Graph), g.Width, g.Height, g.Width, g.Height, decision.FontSize)
	fmt.Fprintf(&b, `<title id="decision-graph-title">Relations between %d decisions</title>`, len(g.Nodes))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>`)
	for _, l := range g.Lanes {
		fmt.Fprintf(&b, `<g class="%s"><rect x="0" y="%g" width="%g" height="%g"/><text class="%s" x="%g" y="%g">%s</text></g>`,
			esc(c.Lane), l.Y, g.Width, l.Height, esc(c.LaneLabel), decision.NodeInset, l.Y+decision.LaneHead-decision.NodeInset, esc(l.Title))
	}
	edges := func(related bool) {
		for _, e := range g.Edges {
			if e.Related() == related {
				graphEdge(&b, c, e, labels)
			}
		}
	}
	edges(false)
	fmt.Fprintf(&b, `<g class="%s">`, esc(c.Overlay))
	edges(true)
	b.WriteString(`</g>`)
	known := decision.Statuses()
	for _, n := range g.Nodes {
		graphNode(&b, c, n, href(n.Record), statusClass(known, n.Record.Status))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// graphEdge writes one relation's curve.
func graphEdge(b *strings.Builder, c Classes, e decision.GraphEdge, labels map[*decision.Record]string) {
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
	fmt.Fprintf(b, `<path class="%s %s" d="M%g %gC%g %g %g %g %g %g"`, esc(c.Edge), esc(class), v.X0, v.Y0, v.X1, v.Y1, v.X2, v.Y2, v.X3, v.Y3)
	if !e.Related() {
		b.WriteString(` marker-end="url(#arrow)"`)
	}
	fmt.Fprintf(b, `><title>%s %s %s</title></path>`, esc(labels[e.From]), esc(e.Verb), esc(labels[e.To]))
}

// graphNode writes one record's box: a link whose accessible name is its
// visible text in reading order, label, status and the whole title, so
// that what a person sees is what a screen reader says.
func graphNode(b *strings.Builder, c Classes, n decision.GraphNode, href, status string) {
	r := n.Record
	name := strings.Join(append([]string{n.Label, r.Status}, n.Title...), " ")
	fmt.Fprintf(b, `<a href="%s" class="%s %s%s" aria-label="%s">`, esc(href), esc(c.Node), esc(c.NodeStatus), esc(status), esc(strings.Join(strings.Fields(name), " ")))
	fmt.Fprintf(b, `<rect x="%g" y="%g" width="%g" height="%g" rx="%g"/>`, n.X, n.Y, decision.NodeWidth, n.Height, nodeCorner)
	left, first := n.X+decision.NodeInset, n.Y+decision.NodeInset+decision.FontSize-2
	// Each text but the last ends in a no-break space, which minifiers
	// keep where they drop spaces between and at the ends of SVG texts:
	// the link's text then reads as words, as its aria-label does.
	fmt.Fprintf(b, `<text class="%s" x="%g" y="%g">%s`+wordBreak+`</text>`, esc(c.NodeLabel), left, first, esc(n.Label))
	if n.StatusBelow {
		fmt.Fprintf(b, `<text class="%s" x="%g" y="%g" font-size="%g">%s`+wordBreak+`</text>`, esc(c.NodeStatusText), left, first+decision.LineHeight, decision.StatusFontSize, esc(r.Status))
	} else {
		fmt.Fprintf(b, `<text class="%s" x="%g" y="%g" font-size="%g" text-anchor="end">%s`+wordBreak+`</text>`,
			esc(c.NodeStatusText), n.X+decision.NodeWidth-decision.NodeInset/2, first, decision.StatusFontSize, esc(r.Status))
	}
	b.WriteString(`<text>`)
	for i, line := range n.Title {
		if line == "" {
			continue // the status's line
		}
		if i < len(n.Title)-1 {
			line += wordBreak
		}
		fmt.Fprintf(b, `<tspan x="%g" y="%g">%s</tspan>`, left, first+decision.LineHeight*float64(i+1), esc(line))
	}
	b.WriteString(`</text></a>`)
}

// wordBreak separates the texts of a record's box (see graphNode).
const wordBreak = "\u00a0"

// statusClass keeps custom statuses out of CSS class names; known are
// decision.Statuses.
func statusClass(known []string, status string) string {
	if slices.Contains(known, status) {
		return status
	}
	return "custom"
}
