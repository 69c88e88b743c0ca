package draw_test

import (
	"encoding/xml"
	"html"
	"path/filepath"
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

// TestFixtureGraph draws the relation graph of a small log and compares it
// with testdata/graph.svg; run with -update to accept a new drawing.
func TestFixtureGraph(t *testing.T) {
	got := draw.Graph(relationLog(t).Layout(), draw.GraphOptions{Href: func(r *decision.Record) string { return "../" + r.ID + "/" }})
	wellFormed(t, got)
	golden(t, filepath.Join("testdata", "graph.svg"), []byte(got+"\n"))
}

// TestGraphOverlay puts every "relates to" curve, and only those, in the
// overlay group the theme hides until asked.
func TestGraphOverlay(t *testing.T) {
	svg := draw.Graph(relationLog(t).Layout(), draw.GraphOptions{})
	start := strings.Index(svg, `<g class="related-overlay">`)
	if start < 0 {
		t.Fatal("drawing has no overlay group")
	}
	end := start + strings.Index(svg[start:], "</g>")
	overlay, rest := svg[start:end], svg[:start]+svg[end:]
	if got := strings.Count(overlay, `class="edge rel-related"`); got != 1 {
		t.Errorf("%d related curves in the overlay, want 1", got)
	}
	if strings.Contains(rest, "rel-related") {
		t.Error("a related curve is drawn outside the overlay")
	}
	if strings.Contains(overlay, "rel-supersedes") {
		t.Error("a supersession is in the overlay")
	}
}

// TestGraphNames gives every record's link an accessible name that is its
// visible text, word for word in reading order (axe-core's
// label-content-name-mismatch), whole titles included.
func TestGraphNames(t *testing.T) {
	log := relationLog(t)
	svg := draw.Graph(log.Layout(), draw.GraphOptions{})
	d := xml.NewDecoder(strings.NewReader(svg))
	var label string
	var text []string
	inLink, inTitle := false, false
	links := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "a":
				inLink, text = true, nil
				for _, a := range tok.Attr {
					if a.Name.Local == "aria-label" {
						label = a.Value
					}
				}
			case "title":
				inTitle = true
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "a":
				inLink = false
				links++
				visible := strings.Join(strings.Fields(strings.Join(text, "")), " ")
				if visible != label {
					t.Errorf("link named %q shows %q", label, visible)
				}
			case "title":
				inTitle = false
			}
		case xml.CharData:
			if inLink && !inTitle {
				text = append(text, string(tok))
			}
		}
	}
	if links != 5 {
		t.Errorf("%d links, want 5", links)
	}
	for _, r := range log.Records {
		if len(r.Relations) > 0 && !strings.Contains(svg, html.EscapeString(r.Title)) {
			t.Errorf("the drawing lacks %s's whole title %q", r.Label(), r.Title)
		}
	}
}
