// Package preview serves a site from memory while its author edits it, and
// reloads the browser after every save.
//
// # What it serves
//
// Only the files of the last good build, looked up by name in the build's
// own map: a URL path is never joined onto the disk, so "..", encoded
// slashes, backslashes, NUL bytes and symlinks lead nowhere. A folder URL
// serves its index.html, "/x" redirects to "/x/" when that is a page, and
// anything else gets the site's 404.html with status 404. There are no
// directory listings and no CORS headers; every response says no-store and
// nosniff.
//
// # Who may ask
//
// The server listens on 127.0.0.1 unless told otherwise. Requests whose
// Host header names anything but localhost, 127.0.0.1, [::1] or a name
// given in Server.Hosts are refused with 421 Misdirected Request, which
// defeats DNS rebinding. The reload channel also refuses any request whose
// Origin is not the preview's own, including "null" and other addresses.
// A request's headers must arrive within 10 seconds, and a kept-alive
// connection that asks nothing more for Server.IdleTimeout (two minutes)
// is closed; reload streams are never cut.
//
// # Live reload
//
// Every HTML page served gets a small script (never part of a build's
// files) that listens to /__waymark/events, a Server-Sent Events stream:
// "hello" says the current build's version when the script connects (a
// page older than that reloads at once, so no build is missed between
// serving a page and connecting), "reload" follows every build that
// changed any page, "css" every build that changed only stylesheets, which
// are swapped in place. A build whose output is byte for byte the same
// sends nothing. Events are sent only after the new files are live.
//
// # When a build fails
//
// The last good site stays served, and every page shows an overlay with
// each error: file and line, the message, the fix and the lines around it,
// all escaped. Fixing the file reloads the page without the overlay.
//
// # Watching
//
// See Watcher: the site folder is watched recursively, changes are batched
// and handed to the Rebuild function one batch at a time.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Result is what a build produced.
type Result struct {
	// Files are every output file (site-relative name → contents) of a
	// good build; nil when the build failed. The server never changes them.
	Files map[string][]byte
	// Problems are everything the build found; the errors among them are
	// shown in the overlay when Err is set.
	Problems []*diag.Problem
	// Err is non-nil when the build failed.
	Err error
}

// RebuildFunc builds the site after changes to the given site-relative,
// slash-separated paths; nil means that anything may have changed. The
// server calls it from one goroutine at a time.
type RebuildFunc func(changed []string) Result

// Server is a preview server. Set its fields, then call Open; call Close
// to stop it.
type Server struct {
	// Addr is the address to listen on, host:port. A missing host means
	// 127.0.0.1, never all interfaces; port 0 picks a free port.
	Addr string
	// Rebuild builds the site; it is required.
	Rebuild RebuildFunc
	// Dir is the site folder to watch; empty means no watching (tests
	// then call Changed).
	Dir string
	// Source is the site folder, read for the lines around an error; nil
	// shows errors without them.
	Source fs.FS
	// Hosts are host names, besides localhost, 127.0.0.1 and ::1, that
	// requests may name in their Host header.
	Hosts []string
	// Log receives one line per build and every warning; nil discards.
	Log io.Writer
	// NewNotifier, when set, replaces fsnotify (tests inject events and
	// errors through it).
	NewNotifier func() (Notifier, error)
	// Batching overrides the watcher's timings (see Watcher); zero values
	// keep the defaults.
	Batching Timing
	// Clock, when set, replaces the real clock in batching (tests decide
	// when a batch falls due).
	Clock Clock
	// IdleTimeout is how long a kept-alive connection may wait for its
	// next request before it is closed; zero means two minutes. Reload
	// streams are requests in progress, never idle, and nothing bounds
	// how long a response may take to write: a stream lasts as long as
	// its page is open.
	IdleTimeout time.Duration

	ln      net.Listener
	http    *http.Server
	hub     hub
	cur     atomic.Pointer[state]
	watcher *Watcher
	changes chan Batch // batches for the build loop when there is no watcher
	ctx     context.Context
	stop    context.CancelFunc
	done    sync.WaitGroup
	builds  atomic.Int64
	logMu   sync.Mutex
}

// state is what the server shows: one build's files, or the last good
// build's files and the errors of a failed one.
type state struct {
	version  int64
	files    map[string][]byte // nil until a build succeeds
	failed   bool
	problems []*diag.Problem
	overlay  []byte // HTML of the error overlay when failed
}

// Open listens, builds the site, and starts serving and watching. It
// returns once the server is ready; an address in use is reported at
// once.
func (s *Server) Open() error {
	if s.Rebuild == nil {
		return errors.New("preview: no Rebuild function")
	}
	addr, err := ListenAddr(s.Addr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.hub.init()
	s.cur.Store(&state{})

	// Watch before the first build, so that saves during it are seen.
	var batches <-chan Batch
	if s.Dir != "" {
		s.watcher = &Watcher{Root: s.Dir, NewNotifier: s.NewNotifier, Timing: s.Batching, Clock: s.Clock, Warn: s.logf}
		if err := s.watcher.Start(s.ctx); err != nil {
			s.stop()
			_ = ln.Close()
			return err
		}
		batches = s.watcher.Batches()
	} else {
		s.changes = make(chan Batch)
		batches = s.changes
	}
	s.publish(s.build(nil))
	// One build at a time: while this loop builds, the watcher keeps
	// adding changes to the batch it will hand over next.
	s.done.Go(func() {
		for b := range batches {
			if b.Full {
				b.Paths = nil
			}
			s.publish(s.build(b.Paths))
		}
	})
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       cmpOr(s.IdleTimeout, 2*time.Minute),
		// No WriteTimeout or ReadTimeout: either would cut reload streams.
		BaseContext: func(net.Listener) context.Context { return s.ctx },
	}
	s.done.Go(func() { _ = s.http.Serve(ln) })
	return nil
}

// ListenAddr returns the address to listen on for addr: a missing host
// becomes 127.0.0.1 (":0" and ":1313" never mean all interfaces).
func ListenAddr(addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:1313"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("address %q: %w (write HOST:PORT, such as 127.0.0.1:1313)", addr, err)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// IsLoopback reports whether addr (host:port) only accepts connections
// from this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Address returns the address the server listens on.
func (s *Server) Address() net.Addr { return s.ln.Addr() }

// URL returns the address to open in a browser, such as
// http://127.0.0.1:1313/.
func (s *Server) URL() string {
	host, port, _ := net.SplitHostPort(s.ln.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Close stops watching and serving: open reload streams end, and Close
// waits for a build in progress to finish.
func (s *Server) Close() error {
	s.stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if s.changes != nil {
		close(s.changes)
	}
	s.done.Wait()
	if s.watcher != nil {
		if werr := s.watcher.Close(); err == nil {
			err = werr
		}
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Changed hands a batch of changed paths to the build loop, as the
// watcher would; for servers without Dir. It returns once the build has
// started.
func (s *Server) Changed(paths []string) { s.changes <- Batch{Paths: paths} }

// build runs one build and times it.
func (s *Server) build(changed []string) (Result, time.Duration) {
	s.builds.Add(1)
	start := time.Now()
	res := s.Rebuild(changed)
	return res, time.Since(start)
}

// publish makes a build's result live, then tells the browsers.
func (s *Server) publish(res Result, took time.Duration) {
	old := s.cur.Load()
	next := &state{version: old.version + 1, files: res.Files, problems: res.Problems}
	if res.Err != nil {
		next.files, next.failed = old.files, true
		next.overlay = s.overlay(res)
		if old.failed && sameErrors(old.problems, res.Problems) {
			next.version = old.version // nothing new to show
			s.cur.Store(next)
			return
		}
		s.cur.Store(next)
		s.logf("build failed in %s:\n%s", took.Round(time.Millisecond), errorLines(res))
		s.hub.send(event{name: "reload", data: fmt.Sprint(next.version)})
		return
	}
	changed := diff(old.files, res.Files)
	if len(changed) == 0 && !old.failed {
		next.version = old.version
		s.cur.Store(next)
		if old.files != nil {
			s.logf("rebuilt in %s: no page changed", took.Round(time.Millisecond))
		}
		return
	}
	s.cur.Store(next)
	if old.files == nil {
		s.logf("built %d files in %s%s", len(res.Files), took.Round(time.Millisecond), warnings(res.Problems))
		if old.failed {
			s.hub.send(event{name: "reload", data: fmt.Sprint(next.version)})
		}
		return
	}
	s.logf("rebuilt in %s: %s%s", took.Round(time.Millisecond), summary(changed), warnings(res.Problems))

	if css, ok := stylesheetsOnly(changed); !old.failed && ok {
		s.hub.send(event{name: "css", data: cssData(next.version, css)})
		return
	}
	s.hub.send(event{name: "reload", data: fmt.Sprint(next.version)})
}

// diff lists the names whose contents differ between two builds.
func diff(old, cur map[string][]byte) []string {
	var out []string
	for name, data := range cur {
		if prev, ok := old[name]; !ok || !same(prev, data) {
			out = append(out, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			out = append(out, name)
		}
	}
	return out
}

// same compares contents, quickly when a build reused the slice.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return string(a) == string(b)
}

// stylesheetsOnly returns the stylesheets among names, and whether a
// stylesheet swap shows every change: the only other file it allows is
// 404.html, which carries the stylesheet inline (so that it is styled at
// any depth) and is never the page a reader has open after a save.
func stylesheetsOnly(names []string) ([]string, bool) {
	var css []string
	for _, n := range names {
		switch {
		case strings.HasSuffix(n, ".css"):
			css = append(css, n)
		case n == "404.html":
		default:
			return nil, false
		}
	}
	return css, len(css) > 0
}

func summary(changed []string) string {
	pages := 0
	for _, n := range changed {
		if strings.HasSuffix(n, ".html") {
			pages++
		}
	}
	return fmt.Sprintf("%s changed (%s)", plural(len(changed), "file"), plural(pages, "page"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func warnings(ps []*diag.Problem) string {
	n := 0
	for _, p := range ps {
		if p.Severity != diag.Error {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return ", " + plural(n, "warning") + " (waymark check lists them)"
}

func errorLines(res Result) string {
	var b strings.Builder
	for _, p := range errorsOf(res) {
		b.WriteString("  " + p.Error() + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func sameErrors(a, b []*diag.Problem) bool {
	ea, eb := errorsOf(Result{Problems: a}), errorsOf(Result{Problems: b})
	if len(ea) != len(eb) {
		return false
	}
	for i := range ea {
		if *ea[i] != *eb[i] {
			return false
		}
	}
	return true
}

func (s *Server) logf(format string, args ...any) {
	if s.Log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.Log, format+"\n", args...)
}
