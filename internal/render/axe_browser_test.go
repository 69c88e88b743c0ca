package render

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
)

// axePages are the default site's pages, one or more of every kind.
var axePages = []string{
	"", "radar/", "radar/platforms/", "radar/kafka/", "radar/editions/", "radar/editions/2016-08-01/",
	"radar/views/integration/", "roadmap/", "licenses/",
	"decisions/", "decisions/timeline/", "decisions/graph/", "decisions/0005-kafka-vs-rabbitmq-prototype-first/",
	"decisions/0007-build-our-own-message-broker/", "decisions/0014-use-rabbitmq-for-business-transactions/",
	"tags/", "tags/messaging/", "about/", "search/?q=kafka", "usage/", "usage/billing/", "no/such/page/",
}

// TestAxe runs axe-core on every kind of page of the default site, in
// light and dark, on a desktop (1440×900) and a phone (390×844): no page
// breaks a WCAG 2 A or AA rule or a best practice that axe-core checks.
func TestAxe(t *testing.T) {
	if testing.Short() {
		t.Skip("runs axe-core on every kind of page, four times")
	}
	script := browsertest.AxeScript(t)
	_, files := buildDir(t, "../..")
	base := browsertest.Serve(t, files, "/guide/")
	// 22 page kinds × 2 widths × 2 schemes: about 90 pages with axe-core.
	b := browsertest.NewWithin(t, 15*time.Minute)
	ctx := b.Ctx
	total := 0
	for _, size := range [][2]int64{{1440, 900}, {390, 844}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1])); err != nil {
			t.Fatal(err)
		}
		for _, scheme := range []string{"light", "dark"} {
			if err := browsertest.ColorScheme(ctx, scheme); err != nil {
				t.Fatal(err)
			}
			for _, p := range axePages {
				if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if p == "search/?q=kafka" {
					waitEval(ctx, `document.querySelectorAll(".search-result").length > 0`, "true")
				}
				vs, err := browsertest.Axe(ctx, script)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				for _, v := range vs {
					t.Errorf("/%s at %dpx, %s: %s", p, size[0], scheme, v)
				}
				total += len(vs)
			}
		}
	}
	t.Logf("axe-core: %d violations on %d pages × 2 widths × 2 colour schemes", total, len(axePages))
}
