package preview

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
)

// TestBrowserLiveReload: Chromium shows a decision; the file is edited and
// the page reloads by itself with the new text; a broken file shows the
// overlay over the page; the fix removes it.
func TestBrowserLiveReload(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	b := browsertest.New(t)
	ctx := b.Ctx

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+strings.TrimPrefix(recordPage, "/")), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || !strings.Contains(h1, "Kafka vs RabbitMQ") {
		t.Fatalf("h1 %q, %v", h1, err)
	}
	// A mark that only this instance of the page has: a reload wipes it.
	mark := func() {
		t.Helper()
		waitEval(t, ctx, "the reload stream to connect", `(() => { window.__notReloaded = true; return window.waymarkConnected === true; })()`)
	}
	mark()

	orig := readFile(t, dir, record)
	writeFile(t, dir, record, orig+"\nThis paragraph arrived by itself.\n")
	waitEval(t, ctx, "the page to reload with the new text",
		`document.readyState === "complete" && !window.__notReloaded && document.body.innerText.includes("This paragraph arrived by itself.")`)
	mark()

	writeFile(t, dir, record, strings.Replace(orig, "status: accepted", "status: [accepted", 1))
	waitEval(t, ctx, "the overlay",
		`!!document.getElementById("waymark-overlay") && document.getElementById("waymark-overlay").innerText.includes("`+record+`")`)
	// The last good page is still underneath.
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.innerText.includes("This paragraph arrived by itself.")`)); err != nil || !ok {
		t.Errorf("last good page not under the overlay: %v", err)
	}
	mark()

	writeFile(t, dir, record, orig+"\nFixed, and the overlay is gone.\n")
	waitEval(t, ctx, "the fix to remove the overlay",
		`document.readyState === "complete" && !window.__notReloaded && !document.getElementById("waymark-overlay") && document.body.innerText.includes("Fixed, and the overlay is gone.")`)
	b.NoErrors(t)
}

// waitEval evaluates a JavaScript condition until it is true, failing the
// test after a deadline. Evaluations during a reload fail and are retried.
func waitEval(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (last error: %v)", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBrowserStylesheetSwap: a change to the site theme's stylesheet is
// applied without reloading the page.
func TestBrowserStylesheetSwap(t *testing.T) {
	dir := copySite(t)
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), os.DirFS(filepath.Join("..", "..", "themes", "default"))); err != nil {
		t.Fatal(err)
	}
	s := start(t, dir)
	b := browsertest.New(t)
	ctx := b.Ctx
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+strings.TrimPrefix(recordPage, "/")), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	waitEval(t, ctx, "the reload stream to connect", `(() => { window.__notReloaded = true; return window.waymarkConnected === true; })()`)
	css := readFile(t, dir, "themes/default/static/style.css")
	writeFile(t, dir, "themes/default/static/style.css", css+"\nh1{outline:7px solid rgb(255, 0, 0)}\n")
	waitEval(t, ctx, "the new stylesheet to apply", `getComputedStyle(document.querySelector("h1")).outlineWidth === "7px"`)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__notReloaded === true`)); err != nil || !ok {
		t.Errorf("the page reloaded for a stylesheet change (%v)", err)
	}
	b.NoErrors(t)
}
