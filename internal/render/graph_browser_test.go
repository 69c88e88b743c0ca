package render

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// graphChecks measures the relation graph as drawn: what leaves a box,
// what leaves the drawing, which related curves show, and whether the
// page scrolls sideways.
const graphChecks = `(() => {
	const svg = document.querySelector("svg.decision-graph");
	const vb = svg.viewBox.baseVal;
	const out = {overflow: [], outside: [], shown: 0, hidden: 0, nodes: 0, pageScroll: document.documentElement.scrollWidth > window.innerWidth, names: []};
	for (const a of svg.querySelectorAll("a.node")) {
		out.nodes++;
		const r = a.querySelector("rect").getBBox();
		for (const t of a.querySelectorAll("text")) {
			const b = t.getBBox();
			if (b.x < r.x || b.y < r.y || b.x + b.width > r.x + r.width || b.y + b.height > r.y + r.height) {
				out.overflow.push(a.getAttribute("aria-label") + ": " + t.textContent);
			}
		}
		out.names.push(a.getAttribute("aria-label"));
	}
	for (const p of svg.querySelectorAll("path.edge")) {
		if (getComputedStyle(p).display === "none" || p.closest("g") && getComputedStyle(p.closest("g")).display === "none") { out.hidden++; continue; }
		if (p.classList.contains("rel-related")) out.shown++;
		const b = p.getBBox();
		if (b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width || b.y + b.height > vb.y + vb.height) {
			out.outside.push(p.querySelector("title").textContent);
		}
	}
	return JSON.stringify(out);
})()`

type graphMeasure struct {
	Overflow, Outside, Names []string
	Shown, Hidden, Nodes     int
	PageScroll               bool
}

// TestGraphBrowser draws a relation graph with long titles in Chromium on
// a desktop and a phone: every text stays inside its box, every curve
// inside the drawing, whole titles are shown, the page does not scroll
// sideways, and the "related" curves stay hidden until the checkbox is
// ticked, which needs no script.
func TestGraphBrowser(t *testing.T) {
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/graph.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	measure := func() graphMeasure {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](graphChecks))
		if err != nil {
			t.Fatal(err)
		}
		var m graphMeasure
		if err := jsonDecode(s, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, size := range [][2]int64{{1440, 900}, {390, 844}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1]),
			chromedp.Navigate(base+"decisions/graph/"), chromedp.WaitVisible(chromedp.CSS("svg.decision-graph"))); err != nil {
			t.Fatal(err)
		}
		m := measure()
		if m.Nodes != 8 {
			t.Errorf("%dpx: %d boxes, want 8", size[0], m.Nodes)
		}
		for _, o := range m.Overflow {
			t.Errorf("%dpx: text leaves its box: %s", size[0], o)
		}
		for _, o := range m.Outside {
			t.Errorf("%dpx: curve leaves the drawing: %s", size[0], o)
		}
		if m.PageScroll {
			t.Errorf("%dpx: the page scrolls sideways", size[0])
		}
		if m.Shown != 0 || m.Hidden != 3 {
			t.Errorf("%dpx: %d related curves shown and %d hidden before ticking, want 0 and 3", size[0], m.Shown, m.Hidden)
		}
		joined := strings.Join(m.Names, "\n")
		for _, title := range []string{"Split orders into a service that owns its own database and its schema migrations", "Move orders to event sourcing with a projection per reading team"} {
			if !strings.Contains(joined, title) {
				t.Errorf("%dpx: no box shows the whole title %q", size[0], title)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#show-related"))); err != nil {
			t.Fatal(err)
		}
		if m := measure(); m.Shown != 3 || m.Hidden != 0 || len(m.Outside) != 0 {
			t.Errorf("%dpx: after ticking, %d related curves shown, %d hidden, %d outside; want 3, 0, 0", size[0], m.Shown, m.Hidden, len(m.Outside))
		}
	}
}
