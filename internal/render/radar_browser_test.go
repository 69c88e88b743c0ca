package render

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// radarTab opens the fixture site in Chromium and returns helpers to
// evaluate script and open pages in its tab.
func radarTab(t *testing.T) (ctx context.Context, b *browsertest.Browser, eval func(string) any, open func(path, selector string), base string) {
	t.Helper()
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	base = browsertest.Serve(t, files, "/guide/")
	b = browsertest.New(t)
	ctx = b.Ctx
	eval = func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	open = func(path, selector string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(selector))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return ctx, b, eval, open, base
}

// TestRadarBrowser opens the fixture site's radar in Chromium: every blip
// is drawn as a named link, the keyboard reaches the blips, a quadrant's
// name leads to the quadrant, radar/#kafka highlights Kafka, and the
// answer to "what may my team use?" starts in the first screen of a
// desktop.
func TestRadarBrowser(t *testing.T) {
	s, _ := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	ctx, b, eval, open, _ := radarTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1440, 900)); err != nil {
		t.Fatal(err)
	}

	// The radar renders, every blip a link named by its aria-label, which
	// starts with the number it shows.
	open("radar/", ".radar-svg")
	whole := `document.querySelectorAll("#radar-figure a.blip[href]")`
	if got, want := eval(whole+`.length`), float64(len(s.Radar.Blips)); got != want {
		t.Errorf("%v blip links drawn, want %v", got, want)
	}
	if got := eval(`[...` + whole + `].filter(a => !(a.getAttribute("aria-label") || "").startsWith(a.querySelector("text").textContent + ". ")).length`); got != 0.0 {
		t.Errorf("%v blips lack an accessible name that starts with their number", got)
	}
	if w := eval(`document.querySelector("#radar-figure .radar-svg").getBoundingClientRect().width`).(float64); w < 400 {
		t.Errorf("radar drawn %vpx wide", w)
	}
	if got := eval(`document.querySelectorAll(".legend [data-blip]").length`); got != float64(len(s.Radar.Blips)) {
		t.Errorf("legend lists %v blips, want %d", got, len(s.Radar.Blips))
	}
	if top := eval(`document.getElementById("use").getBoundingClientRect().top`).(float64); top > 900-60 {
		t.Errorf("at 1440×900 the answer starts at y=%v, below the first screen", top)
	}
	if got := eval(`document.querySelector(".compact-figure").getClientRects().length`); got != 0.0 {
		t.Errorf("the one-quadrant drawing shows on a desktop")
	}

	// Tab from the top of the page reaches the first blip.
	var first string
	for range 60 {
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

	// Clicking a quadrant's name opens the quadrant.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#radar-figure svg a.sector-label[href*="platforms"]`))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/platforms/index.html"; waitPath(ctx, want) != want {
		t.Errorf("clicking Platforms did not open %s", want)
	}
	if got := eval(`document.querySelectorAll(".radar-svg a.blip").length`); got != float64(len(s.Radar.InQuadrant("platforms"))) {
		t.Errorf("the platforms page draws %v blips, want %d", got, len(s.Radar.InQuadrant("platforms")))
	}

	// radar/#kafka highlights Kafka, in the drawing and in the lists; a
	// new hash moves the highlight.
	open("radar/#kafka", ".radar-svg")
	highlighted := `[...document.querySelectorAll("#radar-figure .highlight, .legend .highlight")].map(e => e.id || e.dataset.blip).join(",")`
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
	b.NoErrors(t)
}

// TestRadarPhone opens the fixture site on a 390×844 phone: the radar
// shows one quadrant at a time with tabs that are links to the quadrant
// pages, no blip's target is under 24px and no text of the radar under
// 11px, the header is compact, and no page scrolls sideways.
func TestRadarPhone(t *testing.T) {
	s, _ := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	ctx, b, eval, open, _ := radarTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	// sizes measures, in every radar drawing on screen, the smallest
	// blip target and the smallest text, in CSS pixels.
	const sizes = `(() => {
		let target = 1e9, text = 1e9, n = 0;
		for (const svg of document.querySelectorAll(".radar-svg")) {
			const r = svg.getBoundingClientRect();
			if (!r.width) continue;
			const scale = r.width / svg.viewBox.baseVal.width;
			for (const c of svg.querySelectorAll("a.blip .target")) { const b = c.getBoundingClientRect(); target = Math.min(target, b.width, b.height); n++; }
			for (const t of svg.querySelectorAll("text")) text = Math.min(text, parseFloat(getComputedStyle(t).fontSize) * scale);
		}
		return JSON.stringify({target: Math.round(target * 10) / 10, text: Math.round(text * 10) / 10, n});
	})()`
	type measure struct {
		Target, Text float64
		N            int
	}
	check := func(page string) {
		t.Helper()
		var m measure
		if err := jsonDecode(eval(sizes).(string), &m); err != nil {
			t.Fatal(err)
		}
		if m.N == 0 {
			t.Errorf("%s: no blip on screen", page)
		}
		if m.Target < 24 {
			t.Errorf("%s: a blip's target is %vpx, under 24px", page, m.Target)
		}
		if m.Text < 11 {
			t.Errorf("%s: a text of the radar is %vpx, under 11px", page, m.Text)
		}
	}

	open("radar/", ".compact-figure .radar-svg")
	if got := eval(`document.querySelector("#radar-figure").getClientRects().length`); got != 0.0 {
		t.Errorf("the whole radar shows on a phone")
	}
	check("radar/")
	if got, want := eval(`document.querySelectorAll(".compact-figure a.blip").length`), float64(len(s.Radar.InQuadrant("platforms"))); got != want {
		t.Errorf("the phone's radar draws %v blips, want those of Platforms, the first quadrant with blips, %v", got, want)
	}
	if h := eval(`document.querySelector(".site-header").getBoundingClientRect().height`).(float64); h > 110 {
		t.Errorf("the header takes %vpx of a phone's screen", h)
	}
	var tabs []struct {
		Href   string
		Height float64
	}
	if err := jsonDecode(eval(`JSON.stringify([...document.querySelectorAll(".quadrant-tabs a")].map(a => ({href: a.getAttribute("href"), height: a.getBoundingClientRect().height})))`).(string), &tabs); err != nil {
		t.Fatal(err)
	}
	if len(tabs) != len(s.Config.Quadrants) {
		t.Errorf("%d quadrant tabs, want %d", len(tabs), len(s.Config.Quadrants))
	}
	for i, tab := range tabs {
		if want := "radar/" + s.Config.Quadrants[i].ID + "/index.html"; !strings.HasSuffix(tab.Href, want) || tab.Height < 24 {
			t.Errorf("tab %d links %q and is %vpx high, want a link to %s at least 24px high", i, tab.Href, tab.Height, want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.quadrant-tabs a[href$="platforms/index.html"]`))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/platforms/index.html"; waitPath(ctx, want) != want {
		t.Fatalf("the Platforms tab did not open %s", want)
	}
	if got := eval(`document.querySelector('.quadrant-tabs a[aria-current="page"]').textContent`); got != "Platforms" {
		t.Errorf("on the platforms page the current tab is %v", got)
	}
	check("radar/platforms/")
	b.NoErrors(t) // the 404 page below logs its status

	for _, path := range []string{"", "radar/", "radar/platforms/", "radar/kafka/", "roadmap/", "licenses/", "radar/editions/",
		"radar/editions/2020-01-10/", "radar/views/messaging/", "decisions/", "decisions/graph/", "decisions/0002-prototype-first/",
		"tags/", "tags/messaging/", "about/", "search/", "no/such/page/"} {
		open(path, "h1")
		if got := eval(`document.documentElement.scrollWidth <= innerWidth ? "" : document.documentElement.scrollWidth + " > " + innerWidth`); got != "" {
			t.Errorf("%s scrolls sideways at 390px: %v", path, got)
		}
	}
	open("", ".radar-svg")
	if got := eval(`document.querySelectorAll(".radar-svg a").length`); got != 0.0 {
		t.Errorf("the home page's small radar has %v links too small to tap; it should be one link to the radar", got)
	}
}

// TestRadarInteraction tries what the radar's script adds: a tooltip on
// hover, focus and tap; the blip's summary on a click and on Enter; the
// filter box and chips that dim what does not match, kept in the address.
func TestRadarInteraction(t *testing.T) {
	ctx, b, eval, open, _ := radarTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1440, 900)); err != nil {
		t.Fatal(err)
	}
	open("radar/", "#radar-figure .radar-svg")
	tip := `document.querySelector(".radar-tip").hidden ? "" : document.querySelector(".radar-tip").textContent`
	centre := func(sel string) (float64, float64) {
		eval(`document.querySelector('` + sel + `').scrollIntoView({block: "center"})`)
		var xy []float64
		if err := jsonDecode(eval(`JSON.stringify((r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector('`+sel+`').getBoundingClientRect()))`).(string), &xy); err != nil {
			t.Fatal(err)
		}
		return xy[0], xy[1]
	}

	// Hover.
	x, y := centre("#blip-kafka .body")
	if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y)); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, tip, "Apache Kafka · Hold, moved out"); got != "Apache Kafka · Hold, moved out" {
		t.Errorf("hovering Kafka shows the tooltip %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, tip, ""); got != "" {
		t.Errorf("the tooltip stays after the pointer left: %q", got)
	}

	// Focus, then Enter: the summary opens in place, with a link to the
	// blip's page; Escape closes it and gives the focus back.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#blip-rabbitmq"))); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, tip, "RabbitMQ · Trial, new"); !strings.HasPrefix(got, "RabbitMQ · Trial") {
		t.Errorf("focusing RabbitMQ shows the tooltip %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	card := `document.querySelector(".blip-card").hidden ? "" : document.querySelector(".blip-card h2").textContent + " → " + document.querySelector(".blip-card a").getAttribute("href")`
	if got := waitEval(ctx, card, "RabbitMQ → ../radar/rabbitmq/index.html"); got != "RabbitMQ → ../radar/rabbitmq/index.html" {
		t.Errorf("Enter on RabbitMQ shows %q, want its summary with a link to its page", got)
	}
	// The card says what the blip is: its summary front matter, or the
	// first paragraph of its text as plain text.
	summary := `document.querySelector(".blip-card").hidden ? "" : (document.querySelector(".blip-card .blip-card-summary") || {}).textContent`
	if got, want := eval(summary), "A message broker that speaks AMQP & MQTT."; got != want {
		t.Errorf("RabbitMQ's card says %q, want its summary %q", got, want)
	}
	if got := eval(`location.pathname`); got != "/guide/radar/index.html" && got != "/guide/radar/" {
		t.Errorf("Enter left the radar for %v", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, card, ""); got != "" {
		t.Errorf("Escape left the summary open: %q", got)
	}
	if got := eval(`document.activeElement.id`); got != "blip-rabbitmq" {
		t.Errorf("after Escape the focus is on %q, want the blip", got)
	}

	// A click opens the summary too; its link leads to the page.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#blip-kafka"))); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, card, "Apache Kafka → ../radar/kafka/index.html"); got != "Apache Kafka → ../radar/kafka/index.html" {
		t.Errorf("clicking Kafka shows %q", got)
	}
	if got, want := eval(summary), "A log. See RabbitMQ."; got != want {
		t.Errorf("Kafka's card says %q, want the first paragraph of its text %q", got, want)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".blip-card a"))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/kafka/index.html"; waitPath(ctx, want) != want {
		t.Errorf("the summary's link did not open %s", want)
	}

	// Tap, on a phone.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	open("radar/platforms/", ".radar-svg")
	x, y = centre("#blip-mongo .body")
	if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}}); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, tip, "MongoDB · Adopt"); !strings.HasPrefix(got, "MongoDB · Adopt") {
		t.Errorf("tapping MongoDB shows the tooltip %q", got)
	}
	if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}}); err != nil {
		t.Fatal(err)
	}

	// The filter: typing dims the rest and goes into the address; a tag
	// chip does the same; both survive a reload.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1440, 900)); err != nil {
		t.Fatal(err)
	}
	open("radar/", "#radar-q")
	dimmed := `[...document.querySelectorAll("#radar-figure a.blip")].filter(a => a.classList.contains("dim")).map(a => a.dataset.blip).sort().join(",")`
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#radar-q"), "rabbit")); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, dimmed, "kafka,mongo"); got != "kafka,mongo" {
		t.Errorf("filtering by \"rabbit\" dims %q, want kafka,mongo", got)
	}
	if got := eval(`[...document.querySelectorAll(".legend li.dim")].length`); got != 2.0 {
		t.Errorf("%v legend entries dimmed, want 2", got)
	}
	if got := eval(`location.search`); got != "?q=rabbit" {
		t.Errorf("the address keeps %q, want ?q=rabbit", got)
	}
	eval(`document.getElementById("radar-q").value = ""; document.getElementById("radar-q").dispatchEvent(new Event("input"))`)
	eval(`document.querySelector(".filter-tags").open = true`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.chip[data-name="tag"][value="messaging"]`))); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, dimmed, "mongo,rabbitmq"); got != "mongo,rabbitmq" {
		t.Errorf("the messaging chip dims %q, want mongo,rabbitmq", got)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#radar-q"))); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, dimmed, "mongo,rabbitmq"); got != "mongo,rabbitmq" {
		t.Errorf("after a reload of %v the filter dims %q", eval(`location.search`), got)
	}
	if got := eval(`document.querySelector('.chip[value="messaging"]').getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("after a reload the messaging chip is not pressed")
	}
	b.NoErrors(t)
}

// TestEditionsAndViewsBrowser opens an earlier edition, where a moved blip
// stands in its older ring, a view, which draws only its blips, and the
// view's radar.svg in an <img>, where it must render on its own.
func TestEditionsAndViewsBrowser(t *testing.T) {
	ctx, b, eval, open, _ := radarTab(t)
	open("radar/editions/2020-01-10/", "#radar-figure .radar-svg")
	if got := eval(`document.querySelector("#blip-kafka").getAttribute("aria-label")`); !strings.Contains(fmt.Sprint(got), "Trial") {
		t.Errorf("in the edition of 10 January 2020 Kafka is %q, want in Trial", got)
	}
	if got := eval(`document.querySelectorAll("#radar-figure a.blip").length`); got != 1.0 {
		t.Errorf("the first edition draws %v blips, want Kafka alone", got)
	}
	open("radar/", "#radar-figure .radar-svg")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.lead a[href*="editions/2020-06-01"]`))); err != nil {
		t.Fatal(err)
	}
	if want := "/guide/radar/editions/2020-06-01/index.html"; waitPath(ctx, want) != want {
		t.Fatalf("\"what changed\" did not open %s", want)
	}
	if got := eval(`document.querySelector(".changes").textContent`); !strings.Contains(fmt.Sprint(got), "moved out from Trial to Hold") {
		t.Errorf("the changes of 1 June 2020 read %q", got)
	}

	open("radar/views/messaging/", "#radar-figure .radar-svg")
	if got := eval(`[...document.querySelectorAll("#radar-figure a.blip")].map(a => a.dataset.blip).join(",")`); got != "kafka" {
		t.Errorf("the messaging view draws %q, want kafka alone", got)
	}
	const img = `new Promise(done => {
		const i = new Image();
		i.onload = () => {
			const c = document.createElement("canvas");
			c.width = i.naturalWidth; c.height = i.naturalHeight;
			const g = c.getContext("2d");
			g.drawImage(i, 0, 0);
			const d = g.getImageData(0, 0, c.width, c.height).data;
			let coloured = 0;
			for (let k = 0; k < d.length; k += 4) if (d[k + 3] > 0 && (d[k] !== d[k + 1] || d[k + 1] !== d[k + 2])) coloured++;
			done(i.naturalWidth + " " + (coloured > 1000 ? "coloured" : "blank"));
		};
		i.onerror = () => done("error");
		i.src = "radar.svg";
	})`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](img, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(got, " coloured") || strings.HasPrefix(got, "0 ") {
		t.Errorf("radar.svg in an <img>: %s, want a coloured picture", got)
	}
	b.NoErrors(t)
}

func jsonDecode(s string, v any) error { return json.Unmarshal([]byte(s), v) }

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
