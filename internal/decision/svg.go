package decision

import (
	"cmp"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"
)

// Graph drawing sizes, in viewBox units.
const (
	nodeW     = 200.0
	nodeH     = 46.0
	colGap    = 120.0
	rowGap    = 14.0
	groupGap  = 34.0
	margin    = 10.0
	titleRune = 25
)

// GraphNode is a record placed on the relation graph.
type GraphNode struct {
	Record *Record
	X, Y   float64 // top left corner
}

// GraphEdge is one relation drawn on the graph, from the record that
// states it in the active voice ("supersedes") to its target.
type GraphEdge struct {
	From, To *Record
	Verb     string
}

// Graph is the relation graph laid out for drawing: records that have
// relations, in connected groups stacked top to bottom. Within a group a
// record stands one column to the right of every record it supersedes or
// amends, so the newest decisions are on the right.
type Graph struct {
	Nodes         []GraphNode
	Edges         []GraphEdge
	Width, Height float64
}

// Layout places every record that has relations. It is deterministic and
// linear in records and relations.
func (l *Log) Layout() *Graph {
	g := &Graph{}
	var related []*Record
	for _, r := range l.Records {
		if len(r.Relations) > 0 {
			related = append(related, r)
		}
	}
	// Connected groups, by union-find over relations.
	parent := map[*Record]*Record{}
	var find func(*Record) *Record
	find = func(r *Record) *Record {
		for parent[r] != r {
			parent[r] = parent[parent[r]]
			r = parent[r]
		}
		return r
	}
	for _, r := range related {
		parent[r] = r
	}
	for _, r := range related {
		for _, rel := range r.Relations {
			if t := l.Target(rel); t != nil && parent[t] != nil {
				if a, b := find(r), find(t); a != b {
					parent[b] = a
				}
			}
			if t := l.Target(rel); t != nil && drawn(rel.Verb) {
				g.Edges = append(g.Edges, GraphEdge{From: r, To: t, Verb: rel.Verb})
			}
		}
	}
	groups := map[*Record][]*Record{}
	var roots []*Record
	for _, r := range related {
		root := find(r)
		if groups[root] == nil {
			roots = append(roots, root)
		}
		groups[root] = append(groups[root], r)
	}
	// roots are in the order of their first member, which is Records order.
	col := l.columns(related)
	y := margin
	for _, root := range roots {
		members := groups[root]
		rows := map[int]int{}
		maxRows := 0
		slices.SortStableFunc(members, func(a, b *Record) int { return cmp.Compare(col[a], col[b]) })
		for _, r := range members {
			c := col[r]
			g.Nodes = append(g.Nodes, GraphNode{Record: r, X: margin + float64(c)*(nodeW+colGap), Y: y + float64(rows[c])*(nodeH+rowGap)})
			rows[c]++
			maxRows = max(maxRows, rows[c])
			g.Width = max(g.Width, margin+float64(c+1)*(nodeW+colGap)-colGap+margin)
		}
		y += float64(maxRows)*(nodeH+rowGap) - rowGap + groupGap
	}
	if len(g.Nodes) > 0 {
		g.Height = y - groupGap + margin
	}
	return g
}

// drawn reports whether a relation is drawn from this side: the active
// voice, and "relates to" once per pair (see SVG).
func drawn(verb string) bool { return !passive(verb) }

// columns gives each record its column: one more than the highest column
// of the records it supersedes or amends (or states a custom relation to).
func (l *Log) columns(records []*Record) map[*Record]int {
	col := map[*Record]int{}
	state := map[*Record]int{} // 1 visiting, 2 done
	var visit func(r *Record) int
	visit = func(r *Record) int {
		switch state[r] {
		case 1:
			return -1 // a cycle: checked and reported elsewhere
		case 2:
			return col[r]
		}
		state[r] = 1
		c := 0
		for _, rel := range r.Relations {
			if rel.Verb == VerbRelatesTo || passive(rel.Verb) {
				continue
			}
			if t := l.Target(rel); t != nil {
				c = max(c, visit(t)+1)
			}
		}
		col[r], state[r] = c, 2
		return c
	}
	for _, r := range records {
		visit(r)
	}
	return col
}

// SVG draws the graph: each record a box linking to href(record), each
// relation an arrow from the record that states it in the active voice.
func (g *Graph) SVG(href func(*Record) string, label func(*Record) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="decision-graph" viewBox="0 0 %g %g" width="%g" height="%g" role="group" aria-labelledby="decision-graph-title" xmlns="http://www.w3.org/2000/svg">`,
		g.Width, g.Height, g.Width, g.Height)
	fmt.Fprintf(&b, `<title id="decision-graph-title">Relations between %d decisions</title>`, len(g.Nodes))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>`)
	pos := map[*Record]GraphNode{}
	for _, n := range g.Nodes {
		pos[n.Record] = n
	}
	type pair struct{ a, b *Record }
	seen := map[pair]bool{}
	for _, e := range g.Edges {
		from, okF := pos[e.From]
		to, okT := pos[e.To]
		if !okF || !okT {
			continue
		}
		if e.Verb == VerbRelatesTo {
			if seen[pair{e.To, e.From}] {
				continue
			}
			seen[pair{e.From, e.To}] = true
		}
		class := "rel-custom"
		switch e.Verb {
		case VerbSupersedes:
			class = "rel-supersedes"
		case VerbAmends:
			class = "rel-amends"
		case VerbRelatesTo:
			class = "rel-related"
		}
		fmt.Fprintf(&b, `<path class="edge %s" d="%s"`, class, edgePath(from, to))
		if e.Verb != VerbRelatesTo {
			b.WriteString(` marker-end="url(#arrow)"`)
		}
		fmt.Fprintf(&b, `><title>%s %s %s</title></path>`, html.EscapeString(label(e.From)), html.EscapeString(e.Verb), html.EscapeString(label(e.To)))
	}
	for _, n := range g.Nodes {
		r := n.Record
		fmt.Fprintf(&b, `<a href="%s" class="node status-%s" aria-label="%s: %s (%s)">`, html.EscapeString(href(r)),
			html.EscapeString(statusClass(r.Status)), html.EscapeString(label(r)), html.EscapeString(r.Title), html.EscapeString(r.Status))
		fmt.Fprintf(&b, `<title>%s: %s (%s)</title>`, html.EscapeString(label(r)), html.EscapeString(r.Title), html.EscapeString(r.Status))
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" rx="5"/>`, n.X, n.Y, nodeW, nodeH)
		fmt.Fprintf(&b, `<text class="label" x="%g" y="%g">%s</text><text class="status" x="%g" y="%g" text-anchor="end">%s</text>`,
			n.X+8, n.Y+18, html.EscapeString(label(r)), n.X+nodeW-8, n.Y+18, html.EscapeString(shorten(r.Status, 14)))
		fmt.Fprintf(&b, `<text x="%g" y="%g">%s</text></a>`, n.X+8, n.Y+36, html.EscapeString(shorten(r.Title, titleRune)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// statusClass keeps custom statuses out of CSS class names.
func statusClass(status string) string {
	if slices.Contains(statuses[:], status) {
		return status
	}
	return "custom"
}

// edgePath is a curve from the left side of from to the right side of to,
// or, between boxes of one column, around their right side.
func edgePath(from, to GraphNode) string {
	fy, ty := from.Y+nodeH/2, to.Y+nodeH/2
	if from.X == to.X {
		// Arcs between boxes of one column nest: the further apart, the
		// wider the arc, so they do not run on top of one another.
		x := from.X + nodeW
		bend := x + min(colGap*0.8, 10+0.3*abs(ty-fy))
		return fmt.Sprintf("M%g %gC%g %g %g %g %g %g", x, fy, bend, fy, bend, ty, x, ty)
	}
	if from.X > to.X {
		x1, x2 := from.X, to.X+nodeW
		mid := (x1 + x2) / 2
		return fmt.Sprintf("M%g %gC%g %g %g %g %g %g", x1, fy, mid, fy, mid, ty, x2, ty)
	}
	x1, x2 := from.X+nodeW, to.X
	mid := (x1 + x2) / 2
	return fmt.Sprintf("M%g %gC%g %g %g %g %g %g", x1, fy, mid, fy, mid, ty, x2, ty)
}

// shorten cuts s to at most n characters, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
