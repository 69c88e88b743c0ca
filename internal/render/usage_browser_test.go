package render

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// TestUsageBrowser opens the usage fixture's pages in Chromium: the usage
// page shows the held technology still in use, with a working link to
// the decision that put it on hold; a team's page fits a phone's width.
func TestUsageBrowser(t *testing.T) {
	s, err := site.Load(site.Options{Site: sitetest.Txtar(t, "../site/testdata/usage.txtar"), Theme: themes.Default(), Today: usageDay})
	if err != nil {
		t.Fatal(err)
	}
	out := NewMemory()
	if err := Render(out, s); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, out.Files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"usage/"), chromedp.WaitVisible(chromedp.CSS("table.usage-hold"))); err != nil {
		t.Fatal(err)
	}
	// The row of web/shop, which uses Kafka without an exception.
	row := `[...document.querySelectorAll("table.usage-hold tbody tr")].find(r => r.innerText.includes("shop") && r.innerText.includes("kafkajs"))`
	if got := eval(row + `?.querySelector("a[href*='radar/kafka/']")?.innerText ?? ""`); got != "Apache Kafka" {
		t.Fatalf("no row for web/shop's kafkajs linking to Apache Kafka: %q", got)
	}
	if got := eval(`getComputedStyle(` + row + `).visibility`); got != "visible" {
		t.Errorf("the row is %v", got)
	}
	link := row + `.querySelector("a[href*='decisions/0005']")`
	if got := eval(link + `?.innerText ?? ""`); got != "ADR-0005 Prototype first" {
		t.Fatalf("decision link reads %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`table.usage-hold tbody tr.finding.warning a[href*="decisions/0005"]`))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/decisions/0005-prototype-first/index.html"; waitPath(ctx, want) != want {
		t.Errorf("the decision link did not open %s", want)
	}
	if got := eval(`document.querySelector("h1").innerText`); got != "Prototype first" {
		t.Errorf("the decision page's heading is %q", got)
	}

	// A team's page at a phone's width: no sideways scrolling, and what
	// to look at first comes first.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)); err != nil {
		t.Fatal(err)
	}
	for _, team := range []string{"web", "reporting", "payments"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"usage/"+team+"/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.documentElement.scrollWidth <= innerWidth ? "" : document.documentElement.scrollWidth + " > " + innerWidth`); got != "" {
			t.Errorf("usage/%s/ scrolls sideways at 360px: %v", team, got)
		}
		if got := eval(`document.querySelector("main section h2").innerText`); got != "Look at first" {
			t.Errorf("usage/%s/ starts with %q", team, got)
		}
	}
	if got := eval(`document.querySelector(".attention li")?.innerText ?? ""`); got == "" {
		t.Error("payments has nothing to look at, but its Kafka use is excepted and should be listed")
	}
	b.NoErrors(t)
}
