package draw_test

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/draw"
)

// relationLog links a small log: a supersession, an amendment, a pair that
// relate to each other, a custom relation and a record with none.
func relationLog(t *testing.T) *decision.Log {
	t.Helper()
	var records []*decision.Record
	for _, f := range []struct{ name, front string }{
		{"0001-old.md", "status: superseded\n"},
		{"0002-new.md", "status: accepted\nsupersedes: 1\n"},
		{"0003-patch.md", "status: proposed\namends: 2\nrelated: 4\n"},
		{"0004-peer.md", "status: accepted\nrelated: 3\n"},
		{"0005-alone.md", "status: accepted\n"},
		{"0006-odd.md", ""},
	} {
		src := "---\n" + f.front + "---\n# " + strings.TrimSuffix(f.name[5:], ".md") + " & <more>\n"
		if f.front == "" { // adr-tools' format, the one with custom verbs
			src = "# 6. Odd & <more>\n\nDate: 2024-01-01\n\n## Status\n\nParked\n\nClarifies [2. New](0002-new.md)\n"
		}
		r, err := decision.Parse("decisions/"+f.name, "", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, r)
	}
	log, _ := decision.Link(records)
	return log
}

func TestGraph(t *testing.T) {
	g := relationLog(t).Layout()
	svg := draw.Graph(g, draw.GraphOptions{Href: func(r *decision.Record) string { return r.ID + "/?a&b" }})
	wellFormed(t, svg)
	for _, want := range []string{
		`<svg class="decision-graph"`,
		`class="edge rel-supersedes"`,
		`class="edge rel-amends"`,
		`class="node status-accepted"`,
		`class="node status-custom"`,
		`class="edge rel-custom"`,
		`<text class="label"`,
		`href="0002-new/?a&amp;b"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("drawing lacks %s", want)
		}
	}
	if got := strings.Count(svg, `class="edge rel-related"`); got != 1 {
		t.Errorf("%d curves for the pair that relate to each other, want 1", got)
	}
	if got, want := strings.Count(svg, `<a href=`), len(g.Nodes); got != want {
		t.Errorf("%d boxes, want one for each of the %d placed records", got, want)
	}
	if strings.Contains(svg, "alone") {
		t.Error("a record without relations is on the graph")
	}
}

// TestGraphClasses renames some classes and expects the others to keep
// their defaults.
func TestGraphClasses(t *testing.T) {
	svg := draw.Graph(relationLog(t).Layout(), draw.GraphOptions{Classes: draw.Classes{Graph: "adr-graph", Supersedes: "replaces", NodeStatus: "is-"}})
	wellFormed(t, svg)
	for _, want := range []string{`<svg class="adr-graph"`, `class="edge replaces"`, `class="node is-accepted"`, `class="edge rel-amends"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("drawing lacks %s", want)
		}
	}
}
