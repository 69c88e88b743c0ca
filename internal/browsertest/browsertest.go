// Package browsertest drives a real headless Chromium for tests of what a
// person sees: pages served from memory on 127.0.0.1, console errors
// collected, the browser stopped by the test.
//
// Chromium is looked up as $WAYMARK_CHROMIUM, then chromium,
// chromium-browser, google-chrome on $PATH. When none is found the test is
// skipped, unless WAYMARK_REQUIRE_BROWSER=1 (as in CI), which makes it fail.
package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Find returns the path of a Chromium binary, or "".
func Find() string {
	if p := os.Getenv("WAYMARK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is one headless Chromium with one tab.
type Browser struct {
	Ctx context.Context // pass to chromedp actions

	mu     sync.Mutex
	errors []string
}

// New starts Chromium for t and stops it when t ends, or after five
// minutes, whichever comes first. The browser runs with no sandbox (tests
// run as root in CI), and with background networking, component updates,
// sync and QUIC off, so it makes no connection except to the test's own
// servers.
func New(t testing.TB) *Browser {
	t.Helper()
	return NewWithin(t, 5*time.Minute)
}

// NewWithin is New for a test that drives many pages: the browser stops
// after d. On a busy two-core machine under the race detector, a page
// with axe-core takes seconds, so a limit that fits one page's test
// would cut short a test of every page kind.
func NewWithin(t testing.TB, d time.Duration) *Browser {
	t.Helper()
	exe := Find()
	if exe == "" {
		if os.Getenv("WAYMARK_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found and WAYMARK_REQUIRE_BROWSER=1: install chromium or set WAYMARK_CHROMIUM")
		}
		t.Skip("no Chromium found; install chromium or set WAYMARK_CHROMIUM (WAYMARK_REQUIRE_BROWSER=1 makes this a failure)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, d)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	b := &Browser{Ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // start the browser now
		t.Fatalf("starting Chromium %s: %v", exe, err)
	}
	go b.collect(ctx)
	return b
}

// collect records console errors, uncaught exceptions and failed loads.
func (b *Browser) collect(ctx context.Context) {
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.add(fmt.Sprintf("exception: %s (%s:%d)", msg, d.URL, d.LineNumber+1))
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				b.add("console." + string(ev.Type) + ": " + strings.Join(parts, " "))
			}
		}
	}()
	for ev, err := range chromedp.Events(ctx, log.EntryAdded) {
		if err != nil {
			return
		}
		if ev.Entry.Level == log.EntryLevelError {
			b.add("log: " + ev.Entry.Text + " " + ev.Entry.URL)
		}
	}
}

func (b *Browser) add(msg string) {
	b.mu.Lock()
	b.errors = append(b.errors, msg)
	b.mu.Unlock()
}

// Errors returns the console errors, exceptions and failed loads so far.
func (b *Browser) Errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// NoErrors fails t if the browser has reported any error so far. Console
// events arrive asynchronously, so it waits briefly first.
func (b *Browser) NoErrors(t testing.TB) {
	t.Helper()
	time.Sleep(200 * time.Millisecond)
	for _, e := range b.Errors() {
		t.Errorf("browser: %s", e)
	}
}

// Serve serves files (site-relative name → contents) under the URL path
// prefix (such as "/guide/") on 127.0.0.1 until t ends, as a static host
// would: a folder URL serves its index.html, a missing file 404.html. It
// returns the site's base URL.
func Serve(t testing.TB, files map[string][]byte, prefix string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		name = strings.TrimPrefix(path.Clean("/"+name), "/")
		data, found := files[name]
		status := http.StatusOK
		if !found {
			data, status = files["404.html"], http.StatusNotFound
			name = "404.html"
		}
		w.Header().Set("Content-Type", contentType(name))
		w.WriteHeader(status)
		_, _ = w.Write(data)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return fmt.Sprintf("http://%s%s", ln.Addr(), prefix)
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	case ".png":
		return "image/png"
	}
	return "application/octet-stream"
}
