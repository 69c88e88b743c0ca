package decision_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// titled parses a record with a title of its own.
func titled(t testing.TB, folder, name, title, frontMatter string) *decision.Record {
	t.Helper()
	source := "decisions/" + name
	if folder != "" {
		source = "decisions/" + folder + "/" + name
	}
	r, err := decision.Parse(source, folder, []byte("---\n"+frontMatter+"---\n# "+title+"\n"))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

// boxes finds each placed record's box.
func boxes(g *decision.Graph) map[*decision.Record]decision.GraphNode {
	box := map[*decision.Record]decision.GraphNode{}
	for _, n := range g.Nodes {
		box[n.Record] = n
	}
	return box
}

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
	box := boxes(g)
	var verbs []string
	for _, e := range g.Edges {
		verbs = append(verbs, e.Verb)
		from, to := box[e.From], box[e.To]
		c := e.Curve
		if c.Y0 != from.Y+from.Height/2 || c.Y3 != to.Y+to.Height/2 {
			t.Errorf("%s %s %s: the curve does not run between the boxes' middles", e.From.Label(), e.Verb, e.To.Label())
		}
		if (c.X0 != from.X && c.X0 != from.X+decision.NodeWidth) || (c.X3 != to.X && c.X3 != to.X+decision.NodeWidth) {
			t.Errorf("%s %s %s: the curve does not start and end on the boxes' sides", e.From.Label(), e.Verb, e.To.Label())
		}
		if got, want := e.Related(), e.Verb == decision.VerbRelatesTo; got != want {
			t.Errorf("%s %s %s: Related() = %v", e.From.Label(), e.Verb, e.To.Label(), got)
		}
	}
	want := []string{decision.VerbSupersedes, decision.VerbAmends, decision.VerbRelatesTo}
	if !slices.Equal(verbs, want) {
		t.Errorf("edges %q, want %q", verbs, want)
	}
}

// TestLayoutChains lays out a chain of supersessions and an amendment:
// each record right of the one it replaces, in the lane of its status,
// lanes in the order accepted, proposed, deprecated, superseded, rejected.
func TestLayoutChains(t *testing.T) {
	log, _ := decision.Link([]*decision.Record{
		rec(t, "", "0001-first.md", "status: superseded\n"),
		rec(t, "", "0002-second.md", "status: superseded\nsupersedes: 1\n"),
		rec(t, "", "0003-third.md", "status: accepted\nsupersedes: 2\n"),
		rec(t, "", "0004-patch.md", "status: proposed\namends: 3\n"),
		rec(t, "", "0005-refused.md", "status: rejected\nrelated: 3\n"),
	})
	g := log.Layout()
	box := boxes(g)
	chain := []int{1, 2, 3, 4}
	for i := 1; i < len(chain); i++ {
		a, b := box[log.Get("", chain[i-1])], box[log.Get("", chain[i])]
		if a.X >= b.X {
			t.Errorf("ADR-%04d stands at x=%g, not left of ADR-%04d at x=%g", chain[i-1], a.X, chain[i], b.X)
		}
	}
	var titles []string
	for _, l := range g.Lanes {
		titles = append(titles, l.Title)
	}
	if want := []string{"Accepted", "Proposed", "Superseded", "Rejected"}; !slices.Equal(titles, want) {
		t.Errorf("lanes %q, want %q", titles, want)
	}
	for _, n := range g.Nodes {
		if got, want := g.Lanes[n.Lane].Title, strings.ToUpper(n.Record.Status[:1])+n.Record.Status[1:]; got != want {
			t.Errorf("%s is in lane %q, want %q", n.Label, got, want)
		}
	}
}

// TestLayoutFolders groups the records of several category folders by
// folder, and labels them with it.
func TestLayoutFolders(t *testing.T) {
	log, _ := decision.Link([]*decision.Record{
		rec(t, "", "0001-top.md", "status: accepted\n"),
		rec(t, "backend", "0001-api.md", "status: accepted\nrelated: ../0001-top.md\n"),
		rec(t, "web", "0001-ui.md", "status: proposed\nrelated: ../backend/0001-api.md\n"),
	})
	g := log.Layout()
	var titles []string
	for _, l := range g.Lanes {
		titles = append(titles, l.Title)
	}
	if want := []string{"Top level", "backend", "web"}; !slices.Equal(titles, want) {
		t.Errorf("lanes %q, want %q", titles, want)
	}
	var labels []string
	for _, n := range g.Nodes {
		labels = append(labels, n.Label)
	}
	if want := []string{"ADR-0001", "backend/ADR-0001", "web/ADR-0001"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
}

// TestLayoutWrapsTitles keeps every word of a title, over as many lines
// as it takes, and cuts a word too long for one line where it fills it.
func TestLayoutWrapsTitles(t *testing.T) {
	long := "Publish every architecture decision record of the platform group as a static site with a relation graph"
	word := strings.Repeat("Supercalifragilistic", 4)
	log, _ := decision.Link([]*decision.Record{
		titled(t, "", "0001-long.md", long, "status: accepted\n"),
		titled(t, "", "0002-word.md", word, "status: accepted\nrelated: 1\n"),
		titled(t, "", "0003-short.md", "Use Go", "status: work-in-progress-awaiting-review\nrelated: 1\n"),
	})
	g := log.Layout()
	for _, tt := range []struct {
		n         int
		title     string
		sep       string
		min, max  int
		statusOwn bool
	}{
		{1, long, " ", 4, 6, false},
		{2, word, "", 3, 5, false},
		{3, "Use Go", " ", 2, 2, true}, // the status line and the title
	} {
		n := boxes(g)[log.Get("", tt.n)]
		lines := slices.DeleteFunc(slices.Clone(n.Title), func(s string) bool { return s == "" })
		if got := strings.Join(lines, tt.sep); got != tt.title {
			t.Errorf("ADR-%04d: lines %q do not make up the title %q", tt.n, n.Title, tt.title)
		}
		if len(n.Title) < tt.min || len(n.Title) > tt.max {
			t.Errorf("ADR-%04d: %d lines, want %d to %d", tt.n, len(n.Title), tt.min, tt.max)
		}
		if n.StatusBelow != tt.statusOwn {
			t.Errorf("ADR-%04d: StatusBelow = %v, want %v", tt.n, n.StatusBelow, tt.statusOwn)
		}
		if want := 2*decision.NodeInset + decision.LineHeight*float64(len(n.Title)) + decision.FontSize; n.Height != want {
			t.Errorf("ADR-%04d: height %g for %d lines, want %g", tt.n, n.Height, len(n.Title), want)
		}
	}
}

// randomLog makes a log of n records with random statuses, titles and
// relations; supersessions and amendments point only at older records
// unless cycles is set.
func randomLog(t testing.TB, rnd *rand.Rand, n int, cycles bool) *decision.Log {
	t.Helper()
	statuses := []string{"accepted", "proposed", "superseded", "deprecated", "rejected", "parked"}
	words := []string{"Use", "Kafka", "for", "business", "transactions", "and", "PostgreSQL", "W", "i", "a", "Überweisungsdienst", "数据库", "réseau"}
	folders := []string{"", "", "backend", "web"}
	useFolders := rnd.IntN(4) == 0
	var records []*decision.Record
	for i := 1; i <= n; i++ {
		var title []string
		for range 1 + rnd.IntN(14) {
			title = append(title, words[rnd.IntN(len(words))])
		}
		front := "status: " + statuses[rnd.IntN(len(statuses))] + "\n"
		pick := func() int {
			if cycles {
				return 1 + rnd.IntN(n)
			}
			return 1 + rnd.IntN(i)
		}
		for _, verb := range []string{"supersedes", "amends", "related"} {
			if rnd.IntN(3) == 0 && i > 1 {
				if j := pick(); j != i {
					front += fmt.Sprintf("%s: %d\n", verb, j)
				}
			}
		}
		folder := ""
		if useFolders {
			folder = folders[i%len(folders)]
		}
		records = append(records, titled(t, folder, fmt.Sprintf("%04d-r.md", i), strings.Join(title, " "), front))
	}
	log, _ := decision.Link(records)
	return log
}

// TestLayoutProperties lays out many generated logs and checks what every
// drawing must hold: each record with relations placed once, boxes that
// never overlap and stay in their lane, lanes that do not overlap, every
// curve (its four points, whose hull holds it) inside the drawing, chains
// running right to left, and the same drawing every time.
func TestLayoutProperties(t *testing.T) {
	for seed := range uint64(300) {
		rnd := rand.New(rand.NewPCG(seed, 14))
		cycles := seed%5 == 4
		log := randomLog(t, rnd, 1+rnd.IntN(40), cycles)
		g := log.Layout()
		name := fmt.Sprintf("seed %d", seed)
		want := 0
		for _, r := range log.Records {
			if len(r.Relations) > 0 {
				want++
			}
		}
		if len(g.Nodes) != want {
			t.Errorf("%s: %d records placed, want %d", name, len(g.Nodes), want)
		}
		seen := map[*decision.Record]bool{}
		for i, a := range g.Nodes {
			if seen[a.Record] {
				t.Errorf("%s: %s placed twice", name, a.Label)
			}
			seen[a.Record] = true
			if a.X < 0 || a.Y < 0 || a.X+decision.NodeWidth > g.Width || a.Y+a.Height > g.Height {
				t.Errorf("%s: %s's box (%g,%g)+(%g,%g) leaves the drawing %gx%g", name, a.Label, a.X, a.Y, decision.NodeWidth, a.Height, g.Width, g.Height)
			}
			l := g.Lanes[a.Lane]
			if a.Y < l.Y || a.Y+a.Height > l.Y+l.Height {
				t.Errorf("%s: %s's box leaves its lane %q", name, a.Label, l.Title)
			}
			for _, b := range g.Nodes[i+1:] {
				if a.X < b.X+decision.NodeWidth && b.X < a.X+decision.NodeWidth && a.Y < b.Y+b.Height && b.Y < a.Y+a.Height {
					t.Errorf("%s: %s and %s overlap", name, a.Label, b.Label)
				}
			}
		}
		for i := 1; i < len(g.Lanes); i++ {
			if p := g.Lanes[i-1]; p.Y+p.Height > g.Lanes[i].Y {
				t.Errorf("%s: lanes %q and %q overlap", name, p.Title, g.Lanes[i].Title)
			}
		}
		box := boxes(g)
		for _, e := range g.Edges {
			c := e.Curve
			for _, p := range [][2]float64{{c.X0, c.Y0}, {c.X1, c.Y1}, {c.X2, c.Y2}, {c.X3, c.Y3}} {
				if p[0] < 0 || p[1] < 0 || p[0] > g.Width || p[1] > g.Height {
					t.Errorf("%s: %s %s %s runs through (%g,%g), outside the drawing %gx%g", name, e.From.Label(), e.Verb, e.To.Label(), p[0], p[1], g.Width, g.Height)
				}
			}
			if !cycles && !e.Related() && box[e.From].X <= box[e.To].X {
				t.Errorf("%s: %s %s %s, but does not stand right of it", name, e.From.Label(), e.Verb, e.To.Label())
			}
		}
		if again := log.Layout(); !reflect.DeepEqual(again, g) {
			t.Errorf("%s: a second layout differs from the first", name)
		}
	}
}

// BenchmarkLayout lays out a log of 1,000 records with relations.
func BenchmarkLayout(b *testing.B) {
	log := randomLog(b, rand.New(rand.NewPCG(1, 2)), 1000, false)
	b.ResetTimer()
	for b.Loop() {
		log.Layout()
	}
}
