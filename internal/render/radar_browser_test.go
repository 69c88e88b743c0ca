package render

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestRadarBrowser opens the fixture site's radar in Chromium: every blip
// is drawn as a named link, the keyboard reaches the blips, a blip link
// leads to the blip's page, radar/#kafka highlights Kafka, and pages fit a
// phone's width.
func TestRadarBrowser(t *testing.T) {
	s, files := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
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
	open := func(path, selector string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(selector))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}

	// The radar renders, every blip a link with a name and a <title>.
	open("radar/", ".radar-svg")
	if got, want := eval(`document.querySelectorAll(".radar-svg a.blip[href]").length`), float64(len(s.Radar.Blips)); got != want {
		t.Errorf("%v blip links drawn, want %v", got, want)
	}
	if got := eval(`[...document.querySelectorAll(".radar-svg a.blip")].filter(a => !a.getAttribute("aria-label") || a.querySelector("title").textContent !== a.getAttribute("aria-label")).length`); got != 0.0 {
		t.Errorf("%v blips lack an accessible name matching their <title>", got)
	}
	if w := eval(`document.querySelector(".radar-svg").getBoundingClientRect().width`).(float64); w < 400 {
		t.Errorf("radar drawn %vpx wide", w)
	}
	if got := eval(`document.querySelectorAll(".legend [data-blip]").length`); got != float64(len(s.Radar.Blips)) {
		t.Errorf("legend lists %v blips, want %d", got, len(s.Radar.Blips))
	}

	// Tab from the top of the page reaches the first blip, and Enter
	// follows it.
	var first string
	for range 40 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if id, _ := eval(`document.activeElement.matches("a.blip") ? document.activeElement.id : ""`).(string); id != "" {
			first = id
			break
		}
	}
	if want := "blip-" + s.Radar.Blips[0].ID; first != want {
		t.Fatalf("Tab reached %q, want the first blip %s", first, want)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/" + s.Radar.Blips[0].ID + "/index.html"; waitPath(ctx, want) != want {
		t.Errorf("Enter on the first blip did not open %s", want)
	}

	// Clicking a blip opens its page; clicking a quadrant's name opens the
	// quadrant, enlarged.
	open("radar/", ".radar-svg")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`svg a#blip-rabbitmq`))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/rabbitmq/index.html"; waitPath(ctx, want) != want {
		t.Errorf("clicking RabbitMQ did not open %s", want)
	}
	open("radar/", ".radar-svg")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`svg a.sector-label[href*="platforms"]`))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/platforms/index.html"; waitPath(ctx, want) != want {
		t.Errorf("clicking Platforms did not open %s", want)
	}
	if got := eval(`document.querySelectorAll(".radar-svg a.blip").length`); got != float64(len(s.Radar.InQuadrant("platforms"))) {
		t.Errorf("the platforms page draws %v blips, want %d", got, len(s.Radar.InQuadrant("platforms")))
	}

	// radar/#kafka highlights Kafka, in the drawing and in the legend; a new
	// hash moves the highlight.
	open("radar/#kafka", ".radar-svg")
	highlighted := `[...document.querySelectorAll(".highlight")].map(e => e.id || e.dataset.blip).join(",")`
	if got := waitEval(ctx, highlighted, "blip-kafka,kafka"); got != "blip-kafka,kafka" {
		t.Errorf("radar/#kafka highlights %q", got)
	}
	if got := eval(`getComputedStyle(document.querySelector("#blip-rabbitmq")).opacity`); got == "1" {
		t.Errorf("other blips are not dimmed while Kafka is highlighted")
	}
	eval(`location.hash = "rabbitmq"`)
	if got := waitEval(ctx, highlighted, "blip-rabbitmq,rabbitmq"); got != "blip-rabbitmq,rabbitmq" {
		t.Errorf("after #rabbitmq the highlight is on %q", got)
	}

	// A phone-sized viewport never scrolls sideways.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"", "radar/", "radar/platforms/", "radar/kafka/", "roadmap/", "licenses/"} {
		open(path, "h1")
		if got := eval(`document.documentElement.scrollWidth <= innerWidth ? "" : document.documentElement.scrollWidth + " > " + innerWidth`); got != "" {
			t.Errorf("%s scrolls sideways at 390px: %v", path, got)
		}
	}
	open("radar/", ".radar-svg")
	if w := eval(`document.querySelector(".radar-svg").getBoundingClientRect().right <= innerWidth`); w != true {
		t.Errorf("the radar is wider than a phone's screen")
	}
	b.NoErrors(t)
}

// waitEval evaluates expr until it yields want or five seconds pass, and
// returns the last value as text.
func waitEval(ctx context.Context, expr, want string) string {
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err == nil {
			got = fmt.Sprint(v)
			if got == want {
				break
			}
		}
	}
	return got
}
