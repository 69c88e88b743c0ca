package decision

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Graph sizes, in viewBox units.
const (
	// NodeWidth is the width of a record's box; its height grows with its
	// title's lines (GraphNode.Height).
	NodeWidth = 216.0
	// NodeInset is the space between a box's border and its text.
	NodeInset = 10.0
	// LineHeight is the distance between the baselines of a box's lines.
	LineHeight = 17.0
	// FontSize and StatusFontSize are the sizes the theme sets a box's
	// title and label, and its status, in; the wrapping assumes them.
	FontSize       = 13.0
	StatusFontSize = 11.0
	// LaneHead is the height of a lane's title above its boxes.
	LaneHead = 28.0

	colGap    = 64.0
	rowGap    = 14.0
	laneGap   = 12.0
	lanePad   = 10.0
	margin    = 10.0
	packLimit = 4 // columns a lane's unchained records fill at least
)

// GraphNode is a record placed on the relation graph.
type GraphNode struct {
	Record *Record
	Label  string   // the record's label, with its folder when it has one
	Title  []string // the title, wrapped to the box's width
	// StatusBelow says the status does not fit beside the label and
	// takes a line of its own under it.
	StatusBelow bool
	X, Y        float64 // top left corner
	Height      float64
	Column      int // the box's column, counted from the left
	Lane        int // index into Graph.Lanes
}

// GraphLane is a band of the graph holding the records of one status, or
// of one category folder.
type GraphLane struct {
	Title     string
	Y, Height float64
}

// GraphEdge is one relation drawn on the graph, from the record that
// states it in the active voice ("supersedes") to its target.
type GraphEdge struct {
	From, To *Record
	Verb     string
	Curve    Curve // where the edge runs, from From's box to To's
}

// Related reports whether e belongs to the overlay of "relates to" edges
// rather than to the chains.
func (e GraphEdge) Related() bool { return e.Verb == VerbRelatesTo }

// Curve is a cubic Bézier curve from (X0, Y0) to (X3, Y3), pulled
// towards (X1, Y1) and then (X2, Y2). The curve lies inside the hull of
// its four points, so those inside the drawing keep it inside too.
type Curve struct{ X0, Y0, X1, Y1, X2, Y2, X3, Y3 float64 }

// Graph is the relation graph laid out in layers: every record that has
// relations, in lanes stacked top to bottom (one per status, or one per
// category folder when the records come from more than one). Supersession,
// amendment and custom relations form chains that run left to right: a
// record stands one column to the right of every record it supersedes or
// amends, so the newest decisions are on the right. Within a column a
// lane's chained records are ordered to keep their relations short
// (barycentres); records in no chain follow them in rows. "Relates to",
// which both sides state, is one edge per pair, meant as an overlay.
type Graph struct {
	Nodes         []GraphNode
	Edges         []GraphEdge
	Lanes         []GraphLane
	Width, Height float64
}

// Layout places every record that has relations. It is deterministic.
func (l *Log) Layout() *Graph {
	var placed []*Record
	folders := map[string]bool{}
	for _, r := range l.Records {
		if len(r.Relations) > 0 {
			placed = append(placed, r)
			folders[r.Folder] = true
		}
	}
	g := &Graph{}
	if len(placed) == 0 {
		return g
	}
	laneOf, lanes := byStatus(placed)
	if len(folders) > 1 {
		laneOf, lanes = byFolder(placed)
	}
	col := l.columns(placed)
	chains := l.chainEdges(placed)
	chained := map[*Record]bool{}
	for _, e := range chains {
		chained[e.From], chained[e.To] = true, true
	}
	nodes := make(map[*Record]*GraphNode, len(placed))
	for _, r := range placed {
		n := &GraphNode{Record: r, Label: r.Label(), Lane: laneOf[r]}
		if r.Folder != "" {
			n.Label = r.Folder + "/" + n.Label
		}
		n.Title = wrap(r.Title, NodeWidth-2*NodeInset, FontSize)
		n.StatusBelow = textWidth(n.Label, FontSize)*1.1+textWidth(r.Status, StatusFontSize)+3*NodeInset > NodeWidth
		if n.StatusBelow {
			n.Title = slices.Insert(n.Title, 0, "") // room for the status
		}
		n.Height = 2*NodeInset + LineHeight*float64(1+len(n.Title)) - (LineHeight - FontSize)
		if chained[r] {
			n.Column = col[r]
		}
		nodes[r] = n
	}
	cells, loose := arrange(placed, nodes, chains, chained)
	g.Lanes = lanes
	g.place(cells, loose, nodes)
	for _, r := range placed {
		g.Nodes = append(g.Nodes, *nodes[r])
	}
	g.Edges = g.route(nodes, append(chains, l.relatedEdges(placed)...))
	return g
}

// laneOrder is the order of status lanes: what holds now first.
var laneOrder = []string{Accepted, Proposed, Deprecated, Superseded, Rejected}

// byStatus puts each record in the lane of its status.
func byStatus(records []*Record) (map[*Record]int, []GraphLane) {
	return lanesBy(records, func(r *Record) string { return r.Status }, func(a, b string) int {
		ia, ib := slices.Index(laneOrder, a), slices.Index(laneOrder, b)
		if ia < 0 {
			ia = len(laneOrder)
		}
		if ib < 0 {
			ib = len(laneOrder)
		}
		return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(a, b))
	}, capitalise)
}

// byFolder puts each record in the lane of its category folder, the top
// level first.
func byFolder(records []*Record) (map[*Record]int, []GraphLane) {
	return lanesBy(records, func(r *Record) string { return r.Folder }, strings.Compare, func(f string) string {
		if f == "" {
			return "Top level"
		}
		return f
	})
}

func lanesBy(records []*Record, key func(*Record) string, order func(a, b string) int, title func(string) string) (map[*Record]int, []GraphLane) {
	var keys []string
	for _, r := range records {
		if !slices.Contains(keys, key(r)) {
			keys = append(keys, key(r))
		}
	}
	slices.SortFunc(keys, order)
	lanes := make([]GraphLane, len(keys))
	for i, k := range keys {
		lanes[i].Title = title(k)
	}
	laneOf := make(map[*Record]int, len(records))
	for _, r := range records {
		laneOf[r] = slices.Index(keys, key(r))
	}
	return laneOf, lanes
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// chainEdges are the relations that make chains: every relation between
// placed records stated in the active voice but "relates to".
func (l *Log) chainEdges(placed []*Record) []GraphEdge {
	in := map[*Record]bool{}
	for _, r := range placed {
		in[r] = true
	}
	var out []GraphEdge
	for _, r := range placed {
		for _, rel := range r.Relations {
			if rel.Verb == VerbRelatesTo || passive(rel.Verb) {
				continue
			}
			if t := l.Target(rel); t != nil && t != r && in[t] {
				out = append(out, GraphEdge{From: r, To: t, Verb: rel.Verb})
			}
		}
	}
	return out
}

// relatedEdges are the "relates to" relations, once per pair.
func (l *Log) relatedEdges(placed []*Record) []GraphEdge {
	in := map[*Record]bool{}
	for _, r := range placed {
		in[r] = true
	}
	type pair struct{ a, b *Record }
	seen := map[pair]bool{}
	var out []GraphEdge
	for _, r := range placed {
		for _, rel := range r.Relations {
			t := l.Target(rel)
			if rel.Verb != VerbRelatesTo || t == nil || t == r || !in[t] || seen[pair{t, r}] {
				continue
			}
			seen[pair{r, t}] = true
			out = append(out, GraphEdge{From: r, To: t, Verb: rel.Verb})
		}
	}
	return out
}

// columns gives each record its column: one more than the highest column
// of the records it supersedes or amends (or states a custom relation to),
// the longest path to the start of its chain.
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
			if t := l.Target(rel); t != nil && t != r {
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
