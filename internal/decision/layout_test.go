package decision_test

import (
	"slices"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// TestLayoutEdges lays out a supersession, an amendment and a pair that
// relate to each other: one edge per relation, each running between the
// sides of its records' boxes.
func TestLayoutEdges(t *testing.T) {
	log, problems := decision.Link([]*decision.Record{
		rec(t, "", "0001-old.md", "status: accepted\n"),
		rec(t, "", "0002-new.md", "status: accepted\nsupersedes: 1\n"),
		rec(t, "", "0003-patch.md", "status: accepted\namends: 2\nrelated: 4\n"),
		rec(t, "", "0004-peer.md", "status: accepted\nrelated: 3\n"),
		rec(t, "", "0005-alone.md", "status: accepted\n"),
	})
	for _, p := range problems {
		t.Errorf("unexpected problem: %v", p)
	}
	g := log.Layout()
	if got, want := len(g.Nodes), 4; got != want {
		t.Errorf("%d records placed, want %d", got, want)
	}
	box := map[*decision.Record]decision.GraphNode{}
	for _, n := range g.Nodes {
		box[n.Record] = n
	}
	var verbs []string
	for _, e := range g.Edges {
		verbs = append(verbs, e.Verb)
		from, to := box[e.From], box[e.To]
		c := e.Curve
		if c.Y0 != from.Y+decision.NodeHeight/2 || c.Y3 != to.Y+decision.NodeHeight/2 {
			t.Errorf("%s %s %s: the curve does not run between the boxes' middles", e.From.Label(), e.Verb, e.To.Label())
		}
		if (c.X0 != from.X && c.X0 != from.X+decision.NodeWidth) || (c.X3 != to.X && c.X3 != to.X+decision.NodeWidth) {
			t.Errorf("%s %s %s: the curve does not start and end on the boxes' sides", e.From.Label(), e.Verb, e.To.Label())
		}
	}
	want := []string{decision.VerbSupersedes, decision.VerbAmends, decision.VerbRelatesTo}
	if !slices.Equal(verbs, want) {
		t.Errorf("edges %q, want %q", verbs, want)
	}
}
