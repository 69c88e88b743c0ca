package preview

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// namesSite is a site whose records have names a URL cannot carry as
// they are ("#", "?", "%", spaces, non-ASCII).
const namesSite = "../render/testdata/sites/names.txtar"

// TestServesEncodedNames: the preview decodes a request's path to the
// file's own name, and its redirect to a page's folder encodes it again.
func TestServesEncodedNames(t *testing.T) {
	s := start(t, sitetest.TxtarDir(t, namesSite))
	waitFor(t, "the first build", func() bool { code, _ := get(t, s, "/"); return code == http.StatusOK })
	for _, c := range []struct{ path, want string }{
		{"/decisions/0007-c%23-and-f%23/", "C# and F# for the billing services"},
		{"/decisions/0008-why%3F/", "Why we ask why"},
		{"/decisions/0009-100%25-uptime/index.html", "A hundred percent uptime"},
		{"/decisions/0010-%C3%BCn%C3%AFcode%20spaces/", "Unicode and spaces"},
		{"/radar/c%23/", "billing services"},
		{"/glossary%20of%20terms/", "Glossary"},
	} {
		code, body := get(t, s, c.path)
		if code != http.StatusOK || !strings.Contains(body, c.want) {
			t.Errorf("GET %s: %d, want 200 with %q", c.path, code, c.want)
		}
	}
	if code, _ := get(t, s, "/decisions/img/flow%20chart.svg"); code != http.StatusOK {
		t.Errorf("GET the image: %d", code)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(strings.TrimSuffix(s.URL(), "/") + "/decisions/0007-c%23-and-f%23")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, want := resp.Header.Get("Location"), "/decisions/0007-c%23-and-f%23/"; resp.StatusCode != http.StatusMovedPermanently || got != want {
		t.Errorf("redirect: %d to %q, want 301 to %q", resp.StatusCode, got, want)
	}
}

// TestBrowserEncodedNames: in Chromium, a click on each record of the
// decision index opens the record's page, not the 404 page.
func TestBrowserEncodedNames(t *testing.T) {
	s := start(t, sitetest.TxtarDir(t, namesSite))
	waitFor(t, "the first build", func() bool { code, _ := get(t, s, "/"); return code == http.StatusOK })
	b := browsertest.New(t)
	ctx := b.Ctx
	for _, title := range []string{"C# and F# for the billing services", "Why we ask why", "A hundred percent uptime", "Unicode and spaces"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"decisions/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		link := `[...document.querySelectorAll("main a")].find(a => a.textContent.includes(` + jsString(title) + `))`
		waitEval(t, ctx, "the link to "+title, `!!`+link)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(`+link+`).click(), true`)); err != nil {
			t.Fatal(err)
		}
		waitEval(t, ctx, "the page of "+title,
			`document.readyState === "complete" && !!document.querySelector("h1") && document.querySelector("h1").textContent.includes(`+jsString(title)+`)`)
	}
	b.NoErrors(t)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
