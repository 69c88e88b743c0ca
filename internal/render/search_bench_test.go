package render

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkSearchIndex is the search index's share of a build of the
// 1,000-document corpus: extracting text from the rendered bodies,
// tokenising, inverting and encoding the files (markdown is rendered once,
// before the timer starts).
func BenchmarkSearchIndex(b *testing.B) {
	dir := sitetest.Corpus(b, 1000)
	s, err := site.Load(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	if err != nil {
		b.Fatal(err)
	}
	r := New(s, nil, nil)
	var bodies []page.Page
	for _, p := range page.Assemble(s) {
		if p.Body != nil {
			p.View.Content, _ = r.renderBody(p.Body)
			bodies = append(bodies, p)
		}
	}
	size := 0
	for _, p := range bodies {
		size += len(p.View.Content)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		ix := NewSearchIndex(s, nil, false)
		parallel.For(len(bodies), func(i int) { ix.add(bodies[i].View.URL, bodies[i].View.Content) })
		if _, err := ix.files(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// searchQueries are the queries of BenchmarkSearchBrowser: rare and common
// words, two words, a prefix as typed, a typo, one letter, and "the",
// which every document holds.
var searchQueries = []string{"prastubar", "quamorgon ci", "secrets management", "latency", "obser", "replicaton", "k", "the"}

// BenchmarkSearchBrowser measures search on the generated corpus in
// Chromium. For each query, opened from the URL on a fresh page, it
// reports the compressed (gzip -6) size of the index files and result
// pages search.js fetched to show the first page of results with their
// snippets, and the
// time search.js takes to answer the query once its files are loaded
// (median of 25 runs, performance.now() around waymarkSearch.query). The
// metrics are the median and worst over the queries; ns/op is one query
// including the round trip to the browser.
func BenchmarkSearchBrowser(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := sitetest.Corpus(b, n)
			s, err := site.Load(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
			if err != nil {
				b.Fatal(err)
			}
			out := NewMemory()
			if err := Render(out, s); err != nil {
				b.Fatal(err)
			}
			files := out.Files
			base := browsertest.Serve(b, files, "/guide/")
			br := browsertest.New(b)
			ctx := br.Ctx
			gz := map[string]int{}
			var sizes, typed, times []float64
			for _, q := range searchQueries {
				for _, typing := range []bool{false, true} {
					page := base + "search/index.html?q=" + url.QueryEscape(q)
					if typing {
						page = base + "search/index.html"
					}
					if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("search-q"))); err != nil {
						b.Fatal(err)
					}
					if typing {
						if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("search-q"), q)); err != nil {
							b.Fatal(err)
						}
					}
					// Wait for the results and their snippets.
					_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => {
						const s = document.getElementById("search-status").textContent;
						if (!s.includes("“" + %q + "”")) return false;
						return [...document.querySelectorAll(".search-snippet")].every(p => p.textContent);
					})()`, q), chromedp.WithPollingTimeout(2*time.Minute)))
					if err != nil {
						b.Fatalf("%q: %v", q, err)
					}
					names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`waymarkSearch.files()`))
					if err != nil {
						b.Fatal(err)
					}
					total := 0
					for _, name := range names {
						if _, ok := gz[name]; !ok {
							gz[name] = gzipSize(files[path.Clean("search/"+name)])
						}
						total += gz[name]
					}
					if typing {
						typed = append(typed, float64(total)/1024)
						continue
					}
					sizes = append(sizes, float64(total)/1024)
					q, _ := json.Marshal(q)
					ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`(async () => {
						const ts = [];
						for (let i = 0; i < 25; i++) {
							const t0 = performance.now();
							await waymarkSearch.query(%s, {});
							ts.push(performance.now() - t0);
						}
						ts.sort((a, b) => a - b);
						return ts[12];
					})()`, q), chromedp.EvalAwaitPromise))
					if err != nil {
						b.Fatal(err)
					}
					times = append(times, ms)
					b.Logf("docs=%d %-20s first query %6.1f KB gzip, %5.2f ms", n, q, float64(total)/1024, ms)
				}
			}
			b.Logf("docs=%d typed key by key, KB gzip: %.1f", n, typed)
			br.NoErrors(b)
			i := 0
			for b.Loop() {
				q, _ := json.Marshal(searchQueries[i%len(searchQueries)])
				i++
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`waymarkSearch.query(%s, {}).then(r => r.hits.length)`, q), chromedp.EvalAwaitPromise)); err != nil {
					b.Fatal(err)
				}
			}
			// After the loop, which resets what is reported before it.
			b.ReportMetric(median(sizes), "KB-gz-median")
			b.ReportMetric(slices.Max(sizes), "KB-gz-max")
			b.ReportMetric(slices.Max(typed), "KB-gz-typed-max")
			b.ReportMetric(median(times), "ms-query-median")
			b.ReportMetric(slices.Max(times), "ms-query-max")
		})
	}
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Len()
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
