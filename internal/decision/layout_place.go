package decision

import (
	"cmp"
	"slices"
)

// sweeps is how many times the barycentre ordering runs over the columns,
// alternately from the left and from the right; a few settle small
// graphs, and every sweep is linear in records and relations.
const sweeps = 4

// cell is where the chained records of one lane and one column stand, in
// order top to bottom.
type cell struct{ lane, col int }

// arrange orders the chained records of every cell by the barycentre of
// their neighbours in the columns before (sweeping right) or after
// (sweeping left), and lists the other records of every lane in their
// order. Ties keep the order before, so the result is deterministic.
func arrange(placed []*Record, nodes map[*Record]*GraphNode, chains []GraphEdge, chained map[*Record]bool) (map[cell][]*Record, map[int][]*Record) {
	cells := map[cell][]*Record{}
	loose := map[int][]*Record{}
	maxCol := 0
	for _, r := range placed {
		n := nodes[r]
		if !chained[r] {
			loose[n.Lane] = append(loose[n.Lane], r)
			continue
		}
		c := cell{n.Lane, n.Column}
		cells[c] = append(cells[c], r)
		maxCol = max(maxCol, n.Column)
	}
	neighbours := map[*Record][]*Record{}
	for _, e := range chains {
		neighbours[e.From] = append(neighbours[e.From], e.To)
		neighbours[e.To] = append(neighbours[e.To], e.From)
	}
	keys := make([]cell, 0, len(cells))
	for c := range cells {
		keys = append(keys, c)
	}
	slices.SortFunc(keys, func(a, b cell) int { return cmp.Or(cmp.Compare(a.col, b.col), cmp.Compare(a.lane, b.lane)) })
	// pos is a record's place from the top: its lane first, then its
	// place in its cell.
	pos := map[*Record]float64{}
	spread := float64(len(placed) + 1)
	at := func(c cell) {
		for i, r := range cells[c] {
			pos[r] = float64(c.lane)*spread + float64(i)
		}
	}
	for _, c := range keys {
		at(c)
	}
	for s := range sweeps {
		right := s%2 == 0
		order := slices.Clone(keys)
		if !right {
			slices.Reverse(order)
		}
		for _, c := range order {
			rs := cells[c]
			bary := make(map[*Record]float64, len(rs))
			for _, r := range rs {
				sum, k := 0.0, 0
				for _, nb := range neighbours[r] {
					if nc := nodes[nb].Column; (right && nc < c.col) || (!right && nc > c.col) {
						sum += pos[nb]
						k++
					}
				}
				bary[r] = pos[r]
				if k > 0 {
					bary[r] = sum / float64(k)
				}
			}
			slices.SortStableFunc(rs, func(a, b *Record) int { return cmp.Compare(bary[a], bary[b]) })
			at(c)
		}
	}
	return cells, loose
}

// place gives every record its box and every lane its band: in a lane,
// its chains' columns first, then the records in no chain in rows as wide
// as the chains, and at least packLimit boxes wide.
func (g *Graph) place(cells map[cell][]*Record, loose map[int][]*Record, nodes map[*Record]*GraphNode) {
	cols := 0
	for c := range cells {
		cols = max(cols, c.col+1)
	}
	pack := cols
	for _, rs := range loose {
		pack = max(pack, min(packLimit, len(rs)))
	}
	x := func(col int) float64 { return margin + float64(col)*(NodeWidth+colGap) }
	y := margin
	for i := range g.Lanes {
		lane := &g.Lanes[i]
		lane.Y = y
		top := y + LaneHead
		bottom := top
		for col := range cols {
			cy := top
			for _, r := range cells[cell{i, col}] {
				n := nodes[r]
				n.X, n.Y = x(col), cy
				cy += n.Height + rowGap
				bottom = max(bottom, n.Y+n.Height)
			}
		}
		rowTop := top
		if bottom > top {
			rowTop = bottom + rowGap
		}
		rs := loose[i]
		for start := 0; start < len(rs); start += pack {
			row := rs[start:min(start+pack, len(rs))]
			rowBottom := rowTop
			for k, r := range row {
				n := nodes[r]
				n.X, n.Y, n.Column = x(k), rowTop, k
				rowBottom = max(rowBottom, n.Y+n.Height)
			}
			bottom = rowBottom
			rowTop = rowBottom + rowGap
		}
		lane.Height = bottom + lanePad - lane.Y
		y = lane.Y + lane.Height + laneGap
	}
	g.Width = x(pack) - colGap + margin
	g.Height = y - laneGap + margin
}

// route gives each edge its curve and widens the drawing to hold them all.
//
// Between boxes of different columns a curve runs from the side of one to
// the facing side of the other; between boxes of one column it arcs round
// their right side, wider the further apart they are, so that such arcs
// nest; between boxes of one row with others in between, it dips under
// the row instead of running through them.
func (g *Graph) route(nodes map[*Record]*GraphNode, edges []GraphEdge) []GraphEdge {
	type row struct {
		lane int
		y    float64
	}
	rowBottom := map[row]float64{}
	for _, n := range nodes {
		k := row{n.Lane, n.Y}
		rowBottom[k] = max(rowBottom[k], n.Y+n.Height)
	}
	out := make([]GraphEdge, 0, len(edges))
	maxX, maxY := g.Width-margin, g.Height-margin
	for _, e := range edges {
		f, t := nodes[e.From], nodes[e.To]
		fy, ty := f.Y+f.Height/2, t.Y+t.Height/2
		var c Curve
		switch {
		case f.X == t.X:
			x := f.X + NodeWidth
			bend := x + min(colGap*0.8, 10+0.3*abs(ty-fy))
			c = Curve{x, fy, bend, fy, bend, ty, x, ty}
		case f.Y == t.Y && f.Lane == t.Lane && abs(f.Column-t.Column) > 1:
			dip := rowBottom[row{f.Lane, f.Y}] + rowGap
			fx, tx := f.X+NodeWidth/2, t.X+NodeWidth/2
			c = Curve{fx, f.Y + f.Height, fx, dip, tx, dip, tx, t.Y + t.Height}
		case f.X > t.X:
			x1, x2 := f.X, t.X+NodeWidth
			mid := (x1 + x2) / 2
			c = Curve{x1, fy, mid, fy, mid, ty, x2, ty}
		default:
			x1, x2 := f.X+NodeWidth, t.X
			mid := (x1 + x2) / 2
			c = Curve{x1, fy, mid, fy, mid, ty, x2, ty}
		}
		maxX = max(maxX, c.X0, c.X1, c.X2, c.X3)
		maxY = max(maxY, c.Y0, c.Y1, c.Y2, c.Y3)
		e.Curve = c
		out = append(out, e)
	}
	g.Width, g.Height = maxX+margin, maxY+margin
	return out
}

func abs[T int | float64](x T) T {
	if x < 0 {
		return -x
	}
	return x
}
