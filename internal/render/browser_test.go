package render

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestBrowser opens the fixture site testdata/site.txtar, served under a
// sub-path, in Chromium: each kind of page shows its content with no
// console error, and following links lands on the right pages.
func TestBrowser(t *testing.T) {
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx

	for _, c := range []struct{ path, selector, want string }{
		{"", "h1", "Golden Guide"},
		{"radar/", "#use", "What may my team use?"},
		{"radar/kafka/", "h1", "Apache Kafka"},
		{"decisions/0002-prototype-first/", "h1", "Prototype first"},
		{"decisions/0001-use-queues/", ".banner", "Superseded"},
		{"roadmap/", "h1", "Roadmap"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+c.path), chromedp.WaitVisible(chromedp.CSS(c.selector))); err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(c.selector)))
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %s reads %q, want %q", c.path, c.selector, got, c.want)
		}
		// The stylesheet applied: the header is a flex row.
		display, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-header .wrap")).display`))
		if err != nil || display != "flex" {
			t.Errorf("%s: stylesheet not applied (header display %q, %v)", c.path, display, err)
		}
	}

	// Follow links as a reader would: home → radar → Kafka's summary →
	// Kafka's page → the decision that put it on hold → the record it
	// superseded.
	steps := []struct{ click, wantPath string }{
		{`nav a[href$="radar/index.html"]`, "/guide/radar/index.html"},
		{`svg a#blip-kafka`, "/guide/radar/index.html"}, // opens Kafka's summary in place
		{`.blip-card a`, "/guide/radar/kafka/index.html"},
		{`.timeline a[href*="0002-prototype-first"]`, "/guide/decisions/0002-prototype-first/index.html"},
		{`.facts a[href*="0001-use-queues"]`, "/guide/decisions/0001-use-queues/index.html"},
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(s.click)), chromedp.Click(chromedp.CSS(s.click))); err != nil {
			t.Fatalf("click %s: %v", s.click, err)
		}
		if loc := waitPath(ctx, s.wantPath); loc != s.wantPath {
			t.Fatalf("after clicking %s: at %s, want %s", s.click, loc, s.wantPath)
		}
	}
	b.NoErrors(t)

	// A missing page gets the 404 page, styled, with working links.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"no/such/page/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); err != nil || got != "Page not found" {
		t.Errorf("404 page h1 = %q, %v", got, err)
	}
}

// waitPath waits up to ten seconds for the tab to show want, and returns
// the path it shows. Navigations in flight make evaluation fail; those
// attempts are retried.
func waitPath(ctx context.Context, want string) string {
	var loc string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
		if err == nil && got != "" {
			loc = got
			if got == want {
				break
			}
		}
	}
	return loc
}
