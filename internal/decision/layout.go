package decision

import (
	"cmp"
	"slices"
)

// Graph sizes, in viewBox units.
const (
	// NodeWidth and NodeHeight are the size of a record's box.
	NodeWidth  = 200.0
	NodeHeight = 46.0

	colGap   = 120.0
	rowGap   = 14.0
	groupGap = 34.0
	margin   = 10.0
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
	Curve    Curve // where the edge runs, from From's box to To's
}

// Curve is a cubic Bézier curve from (X0, Y0) to (X3, Y3), pulled
// towards (X1, Y1) and then (X2, Y2).
type Curve struct{ X0, Y0, X1, Y1, X2, Y2, X3, Y3 float64 }

// Graph is the relation graph laid out for drawing: records that have
// relations, in connected groups stacked top to bottom. Within a group a
// record stands one column to the right of every record it supersedes or
// amends, so the newest decisions are on the right. Each relation between
// two placed records is one edge: from the side that states it in the
// active voice, and "relates to", which both sides state, once per pair.
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
			g.Nodes = append(g.Nodes, GraphNode{Record: r, X: margin + float64(c)*(NodeWidth+colGap), Y: y + float64(rows[c])*(NodeHeight+rowGap)})
			rows[c]++
			maxRows = max(maxRows, rows[c])
			g.Width = max(g.Width, margin+float64(c+1)*(NodeWidth+colGap)-colGap+margin)
		}
		y += float64(maxRows)*(NodeHeight+rowGap) - rowGap + groupGap
	}
	if len(g.Nodes) > 0 {
		g.Height = y - groupGap + margin
	}
	g.Edges = route(g.Nodes, g.Edges)
	return g
}

// route keeps the edges between placed records, "relates to" once per
// pair, and gives each its curve.
func route(nodes []GraphNode, edges []GraphEdge) []GraphEdge {
	pos := map[*Record]GraphNode{}
	for _, n := range nodes {
		pos[n.Record] = n
	}
	type pair struct{ a, b *Record }
	seen := map[pair]bool{}
	var out []GraphEdge
	for _, e := range edges {
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
		e.Curve = curve(from, to)
		out = append(out, e)
	}
	return out
}

// curve runs from the left side of from to the right side of to, or,
// between boxes of one column, around their right side.
func curve(from, to GraphNode) Curve {
	fy, ty := from.Y+NodeHeight/2, to.Y+NodeHeight/2
	if from.X == to.X {
		// Arcs between boxes of one column nest: the further apart, the
		// wider the arc, so they do not run on top of one another.
		x := from.X + NodeWidth
		bend := x + min(colGap*0.8, 10+0.3*abs(ty-fy))
		return Curve{x, fy, bend, fy, bend, ty, x, ty}
	}
	if from.X > to.X {
		x1, x2 := from.X, to.X+NodeWidth
		mid := (x1 + x2) / 2
		return Curve{x1, fy, mid, fy, mid, ty, x2, ty}
	}
	x1, x2 := from.X+NodeWidth, to.X
	mid := (x1 + x2) / 2
	return Curve{x1, fy, mid, fy, mid, ty, x2, ty}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// drawn reports whether a relation is drawn from this side: the active
// voice, and "relates to" once per pair (see route).
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
