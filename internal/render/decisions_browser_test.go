package render

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestDecisionsBrowser filters the decisions index of the fixture site by
// status and tag in Chromium, follows a superseded record's banner to its
// replacement, follows a node of the relation graph, and reads the index
// with JavaScript off.
func TestDecisionsBrowser(t *testing.T) {
	s, files := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx

	visible := func() []string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".status-group tr[data-status]"))
			.filter(tr => tr.offsetParent !== null).map(tr => tr.cells[0].textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	labels := func(keep func(*decision.Record) bool) []string {
		out := []string{}
		for _, r := range s.Decisions.Records {
			if keep(r) {
				out = append(out, r.Label())
			}
		}
		return out
	}
	// The list shows records grouped by status, in status order.
	var all []string
	for _, st := range append(slices.Clone(decision.Statuses()), "") {
		for _, r := range s.Decisions.Records {
			if r.Status == st || st == "" && !r.KnownStatus() {
				all = append(all, r.Label())
			}
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/"), chromedp.WaitVisible(chromedp.CSS("#decision-filter"))); err != nil {
		t.Fatalf("the filter does not appear: %v", err)
	}
	if got := visible(); !slices.Equal(got, all) {
		t.Errorf("before filtering: %v, want %v", got, all)
	}
	// The filter shows the counts; the jump links that show them without
	// JavaScript are hidden, so they are not said twice.
	if shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".status-counts").offsetParent !== null`)); err != nil || shown {
		t.Errorf("status counts shown beside the filter: %v, %v", shown, err)
	}

	// Keep only superseded records: untick every other status.
	for _, st := range decision.Statuses() {
		if st == decision.Superseded {
			continue
		}
		sel := `#decision-filter input[value="` + st + `"]`
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+sel+`').length`)); n == 0 {
			continue
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	want := labels(func(r *decision.Record) bool { return r.Status == decision.Superseded })
	if got := visible(); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("superseded only: %v, want %v", got, want)
	}
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("status-accepted").offsetParent === null`))
	if err != nil || !hidden {
		t.Errorf("the accepted section is still shown (%v)", err)
	}
	search, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if err != nil || search != "?status=superseded" {
		t.Errorf("the URL keeps the filter as %q (%v), want ?status=superseded", search, err)
	}

	// A linked filter: accepted records tagged messaging.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/index.html?status=accepted&tag=messaging"), chromedp.WaitVisible(chromedp.CSS("#decision-filter"))); err != nil {
		t.Fatal(err)
	}
	want = labels(func(r *decision.Record) bool {
		return r.Status == decision.Accepted && slices.Contains(r.Tags, "messaging")
	})
	if got := visible(); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("accepted and messaging: %v, want %v", got, want)
	}
	result, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".filter-result")))
	if !strings.HasPrefix(result, strconv.Itoa(len(want))+" of ") {
		t.Errorf("result line reads %q", result)
	}

	// A superseded record shows the banner, and its link leads to the replacement.
	var old, next *decision.Record
	for _, r := range s.Decisions.Records {
		if r.Status == decision.Superseded && len(r.SupersededBy) > 0 {
			old, next = r, s.Decisions.Get(r.Folder, r.SupersededBy[0])
			break
		}
	}
	if old == nil || next == nil {
		t.Fatal("the fixture has no superseded record with a successor")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+site.RecordURL(old)), chromedp.WaitVisible(chromedp.CSS(".banner"))); err != nil {
		t.Fatal(err)
	}
	banner, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".banner")))
	if !strings.Contains(banner, "Superseded") || !strings.Contains(banner, next.Title) {
		t.Errorf("banner reads %q", banner)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".banner a"))); err != nil {
		t.Fatal(err)
	}
	if got, want := waitPath(ctx, "/guide/"+site.RecordURL(next)+"index.html"), "/guide/"+site.RecordURL(next)+"index.html"; got != want {
		t.Errorf("the banner's link leads to %s, want %s", got, want)
	}

	// The graph's boxes are links to the records.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/graph/"), chromedp.WaitVisible(chromedp.CSS("svg.decision-graph"))); err != nil {
		t.Fatal(err)
	}
	node := `svg.decision-graph a.node[href*="` + next.ID + `"]`
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(node)), chromedp.Click(chromedp.CSS(node))); err != nil {
		t.Fatalf("click %s: %v", node, err)
	}
	if got, want := waitPath(ctx, "/guide/"+site.RecordURL(next)+"index.html"), "/guide/"+site.RecordURL(next)+"index.html"; got != want {
		t.Errorf("the graph's box leads to %s, want %s", got, want)
	}
	b.NoErrors(t)

	// Without JavaScript: no filter form, every section shown.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/index.html?status=accepted"), chromedp.WaitVisible(chromedp.CSS("#status-accepted"))); err != nil {
		t.Fatal(err)
	}
	if got := visible(); !slices.Equal(got, all) {
		t.Errorf("without JavaScript: %v, want every record %v", got, all)
	}
	formShown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("decision-filter").offsetParent !== null`))
	if formShown {
		t.Error("without JavaScript the filter form, which cannot work, is shown")
	}
}
