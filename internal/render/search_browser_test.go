package render

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// result is a result as the search page shows it.
type result struct{ Title, Href string }

// shown waits until the search page shows its results for q and returns
// them. The status line names the query, so results of an earlier query
// are never mistaken for these.
func shown(t *testing.T, ctx context.Context, q string) []result {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const s = document.getElementById("search-status").textContent;
		if (!s.includes("“" + %q + "”")) return false;
		return JSON.stringify([...document.querySelectorAll(".search-result h2 a")].map(a => ({Title: a.textContent, Href: a.getAttribute("href")})));
	})()`, q)
	var got string
	var err error
	// Evaluation fails while a navigation is in flight: retry.
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var v any
		if v, err = chromedp.Run(ctx, chromedp.Evaluate[any](js)); err == nil {
			if s, ok := v.(string); ok {
				got = s
				break
			}
		}
	}
	if got == "" {
		st, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-status")))
		t.Fatalf("no results shown for %q (status %q): %v", q, st, err)
	}
	var rs []result
	if err := json.Unmarshal([]byte(got), &rs); err != nil {
		t.Fatal(err)
	}
	return rs
}

// typeQuery empties the search box and types q into it, key by key.
func typeQuery(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").value = ""`),
		chromedp.SendKeys(chromedp.ID("search-q"), q),
	); err != nil {
		t.Fatal(err)
	}
}

func titles(rs []result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title)
	}
	return out
}

// TestSearchBrowser searches the default site, served under a sub-path,
// as a reader would: typing, with a typo, with filters, from the URL,
// from another page and with the keyboard.
func TestSearchBrowser(t *testing.T) {
	_, files := buildDir(t, "../..")
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html"), chromedp.WaitVisible(chromedp.ID("search-q"))); err != nil {
		t.Fatal(err)
	}
	// Typing shows results; the best is the blip named so.
	typeQuery(t, ctx, "kafka")
	rs := shown(t, ctx, "kafka")
	if len(rs) < 5 || rs[0].Title != "Apache Kafka" || rs[0].Href != "../radar/kafka/index.html" {
		t.Fatalf("kafka: results %q", rs)
	}
	all := len(rs)
	// Matched words are highlighted in titles and snippets.
	marks, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const li = document.querySelector(".search-result");
		const m = li.querySelector("h2 mark"), s = li.querySelector(".search-snippet mark");
		return m && s ? m.textContent + "|" + s.textContent : false;
	})()`))
	if err != nil || !strings.EqualFold(marks, "Kafka|Kafka") {
		t.Errorf("highlights = %q, %v", marks, err)
	}

	// One typo.
	typeQuery(t, ctx, "rabit")
	if rs := shown(t, ctx, "rabit"); len(rs) == 0 || rs[0].Title != "RabbitMQ" {
		t.Errorf("rabit: results %q", titles(rs))
	}
	// The reader's own words find both brokers.
	typeQuery(t, ctx, "message queue")
	rs = shown(t, ctx, "message queue")
	for _, want := range []string{"Apache Kafka", "RabbitMQ"} {
		if !slices.Contains(titles(rs), want) {
			t.Errorf("message queue: %q not among %q", want, titles(rs))
		}
	}

	// A filter narrows the results, and the URL carries query and filter.
	typeQuery(t, ctx, "kafka")
	shown(t, ctx, "kafka")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector("select[name=type]");
		s.value = "decision";
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`)); err != nil {
		t.Fatal(err)
	}
	var filtered []result
	for range 50 { // the change re-runs the query; wait for its results
		filtered = shown(t, ctx, "kafka")
		if len(filtered) < all {
			break
		}
	}
	if len(filtered) == 0 || len(filtered) >= all {
		t.Fatalf("type=decision left %d of %d results", len(filtered), all)
	}
	for _, r := range filtered {
		if !strings.HasPrefix(r.Href, "../decisions/") || !strings.HasPrefix(r.Title, "ADR-") {
			t.Errorf("type=decision shows %q", r)
		}
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/guide/search/index.html?q=kafka&type=decision") {
		t.Errorf("location = %q, %v", loc, err)
	}
	// A reload comes back to the same results.
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("search-q"))); err != nil {
		t.Fatal(err)
	}
	if got := shown(t, ctx, "kafka"); !slices.Equal(got, filtered) {
		t.Errorf("after reload: %q, want %q", got, filtered)
	}
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("search-q"))); err != nil || v != "kafka" {
		t.Errorf("box after reload = %q, %v", v, err)
	}

	// A linked query, with the folder URL a static host serves.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/?q=rabit&type=blip")); err != nil {
		t.Fatal(err)
	}
	rs = shown(t, ctx, "rabit")
	if len(rs) == 0 || rs[0].Title != "RabbitMQ" {
		t.Errorf("?q=rabit&type=blip: %q", titles(rs))
	}
	for _, r := range rs {
		if !strings.HasPrefix(r.Href, "../radar/") {
			t.Errorf("?q=rabit&type=blip shows %q", r)
		}
	}

	// From another page: "/" focuses the header box; Enter searches.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"radar/kafka/index.html"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// A key press as a keyboard makes it: one keyDown that carries its
	// text, so that the page can prevent the "/" from being typed.
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		p := input.DispatchKeyEventParams{Type: typ, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191}
		if typ == input.DispatchKeyEventTypeKeyDown {
			p.Text = "/"
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("postgres"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if rs := shown(t, ctx, "postgres"); len(rs) == 0 || rs[0].Title != "PostgreSQL" {
		t.Errorf("header search postgres: %q", titles(rs))
	}

	// The keyboard moves through the results and opens one.
	typeQuery(t, ctx, "kafka")
	rs = shown(t, ctx, "kafka")
	active := func() string {
		t.Helper()
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	for _, step := range []struct{ key, want string }{
		{kb.ArrowDown, "search-result-0"}, {kb.ArrowDown, "search-result-1"}, {kb.ArrowUp, "search-result-0"},
		{kb.ArrowUp, "search-q"}, {kb.ArrowDown, "search-result-0"}, {kb.ArrowDown, "search-result-1"}, {kb.Escape, "search-q"},
		{kb.ArrowDown, "search-result-0"}, {kb.ArrowDown, "search-result-1"},
	} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(step.key)); err != nil {
			t.Fatal(err)
		}
		if got := active(); got != step.want {
			t.Fatalf("after %q focus is on %q, want %q", step.key, got, step.want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	want := "/guide/" + strings.TrimPrefix(rs[1].Href, "../")
	if got := waitPath(ctx, want); got != want {
		t.Errorf("Enter on the second result went to %s, want %s", got, want)
	}
	b.NoErrors(t)
}

// TestSearchAgrees checks that search.js and the Go reference, Index.Search,
// rank the same results in the same order.
func TestSearchAgrees(t *testing.T) {
	_, files := buildDir(t, "../..")
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html"), chromedp.WaitVisible(chromedp.ID("search-q"))); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(func(name string) ([]byte, error) {
		if data, ok := files["search/"+name]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("%s: not built", name)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q string
		f search.Filter
	}{
		{"kafka", search.Filter{}}, {"rabit", search.Filter{}}, {"message queue", search.Filter{}}, {"k", search.Filter{}},
		{"pro", search.Filter{}}, {"licence", search.Filter{}}, {"lisence", search.Filter{}}, {"kubernets", search.Filter{}},
		{"adr-0005", search.Filter{}}, {"hold", search.Filter{Type: "blip"}}, {"kafka", search.Filter{Status: "superseded"}},
		{"", search.Filter{Tag: "messaging"}}, {"", search.Filter{Ring: "adopt", Sector: "platforms"}}, {"the", search.Filter{}},
		{"Ärger über 数据库", search.Filter{}}, {`</script><!-- "quotes"`, search.Filter{}},
	} {
		hits, err := ix.Search(c.q, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range hits {
			want = append(want, h.URL)
		}
		q, _ := json.Marshal(c.q)
		f, _ := json.Marshal(map[string]string{"type": c.f.Type, "status": c.f.Status, "ring": c.f.Ring, "sector": c.f.Sector, "tag": c.f.Tag})
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			fmt.Sprintf(`waymarkSearch.query(%s, %s).then(r => r.hits.map(h => h.url))`, q, f), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q %+v: search.js gives %q, Go gives %q", c.q, c.f, got, want)
		}
	}
	// Both tokenise alike, accents and scripts included.
	for _, s := range []string{"Kafka vs RabbitMQ: prototype-first!", "Ärger mit der Straße; ΣΊΣΥΦΟΣ; İstanbul", "数据库 と キュー; Очередь", "café cafe\u0301 x² Ⅻ " + strings.Repeat("é", 40)} {
		q, _ := json.Marshal(s)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`waymarkSearch.tokens(%s)`, q)))
		if err != nil {
			t.Fatal(err)
		}
		if want := search.Tokens(s); !slices.Equal(got, want) {
			t.Errorf("tokens of %q: search.js gives %q, Go gives %q", s, got, want)
		}
	}
	b.NoErrors(t)
}

// oddSite is the fixture site with a page and a blip whose titles would
// end a script element or open a comment if pasted into one unescaped.
func oddSite(t *testing.T) fstest.MapFS {
	fsys := sitetest.Txtar(t, "testdata/site.txtar")
	fsys["content/odd.md"] = &fstest.MapFile{Data: []byte("---\ntitle: '</script><!-- \"quotes\" & more'\n---\nA page about </script><!-- \"quotes\".\n")}
	fsys["radar/odd.md"] = &fstest.MapFile{Data: []byte("---\ntitle: '</script><!-- \"odd blip\"'\nquadrant: tools\nring: assess\n---\nA blip with an odd name.\n")}
	return fsys
}

// TestSearchOddTitles: titles with </script><!-- and quotes break neither
// the index nor the pages, and show as written.
func TestSearchOddTitles(t *testing.T) {
	_, files := buildFS(t, oddSite(t))
	for name, data := range files {
		if id, ok := strings.CutPrefix(name, "search/"); ok && strings.HasSuffix(id, ".js") {
			if j, err := search.Unwrap(strings.TrimSuffix(id, ".js"), data); err != nil || !json.Valid(j) {
				t.Errorf("%s does not hold valid JSON: %v", name, err)
			}
		}
	}
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	for _, c := range []struct{ path, want string }{
		{"odd/index.html", `</script><!-- "quotes" & more`},
		{"radar/odd/index.html", `</script><!-- "odd blip"`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+c.path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		if got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); err != nil || got != c.want {
			t.Errorf("%s: h1 = %q, %v", c.path, got, err)
		}
		// The page is whole: its footer and scripts came after the title.
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("footer, script[src]").length`)); err != nil || n != 2 {
			t.Errorf("%s: %d footer and scripts, %v", c.path, n, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html?q=%3C%2Fscript%3E%3C!--+%22quotes%22"), chromedp.WaitVisible(chromedp.ID("search-q"))); err != nil {
		t.Fatal(err)
	}
	rs := shown(t, ctx, `</script><!-- "quotes"`)
	if len(rs) == 0 || rs[0].Title != `</script><!-- "quotes" & more` || rs[0].Href != "../odd/index.html" {
		t.Errorf("results %q", rs)
	}
	typeQuery(t, ctx, "odd blip")
	if rs := shown(t, ctx, "odd blip"); len(rs) == 0 || rs[0].Title != `</script><!-- "odd blip"` {
		t.Errorf("results %q", rs)
	}
	b.NoErrors(t)
}

// TestSearchNoScript: without JavaScript the search page says so and
// links to the decisions and the radar.
func TestSearchNoScript(t *testing.T) {
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html?q=kafka"),
		chromedp.WaitVisible(chromedp.CSS(".search-nojs"))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".search-nojs")))
	if err != nil || !strings.Contains(text, "needs JavaScript") {
		t.Errorf("no-script message = %q, %v", text, err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".search-nojs a")].map(a => a.href)`))
	if err != nil || !slices.Equal(links, []string{base + "decisions/index.html", base + "radar/index.html"}) {
		t.Errorf("no-script links = %q, %v", links, err)
	}
}

// TestSearchFromDisk searches a site written to disk and opened from there,
// as a reader who opens public/index.html does: browsers refuse such a
// page fetch(), so the index files are loaded as scripts, and the results
// come without snippets (those are cut from the result pages).
func TestSearchFromDisk(t *testing.T) {
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := browsertest.New(t)
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "search", "index.html")), RawQuery: "q=rabit"}).String()
	if err := chromedp.Do(b.Ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	rs := shown(t, b.Ctx, "rabit") // a typo: the vocabulary files load too
	if len(rs) == 0 || rs[0].Title != "RabbitMQ" {
		t.Fatalf("from disk, \"rabit\" shows %q; want RabbitMQ first", titles(rs))
	}
	for _, r := range rs {
		if _, ok := files[path.Join("search", r.Href)]; !ok {
			t.Errorf("result %q links to %q, which was not built", r.Title, r.Href)
		}
	}
	snippets, err := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`document.querySelectorAll(".search-snippet").length`))
	if err != nil || snippets != 0 {
		t.Errorf("%d snippets shown from disk (%v); want none", snippets, err)
	}
	b.NoErrors(t)
}
