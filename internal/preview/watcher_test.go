package preview

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fakeNotifier is a Notifier whose events, errors, Add failures and
// failure to be made at all the test decides.
type fakeNotifier struct {
	events  chan fsnotify.Event
	errors  chan error
	addErr  func(dir string) error
	openErr error // returned by open instead of the notifier

	mu    sync.Mutex
	added []string
}

func newFake() *fakeNotifier {
	return &fakeNotifier{events: make(chan fsnotify.Event), errors: make(chan error)}
}

// open is the Watcher's NewNotifier.
func (f *fakeNotifier) open() (Notifier, error) {
	if f.openErr != nil {
		return nil, f.openErr
	}
	return f, nil
}

func (f *fakeNotifier) Add(dir string) error {
	if f.addErr != nil {
		if err := f.addErr(dir); err != nil {
			return err
		}
	}
	f.mu.Lock()
	f.added = append(f.added, dir)
	f.mu.Unlock()
	return nil
}

func (f *fakeNotifier) Remove(dir string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.added = slices.DeleteFunc(f.added, func(d string) bool { return d == dir })
	return nil
}

func (f *fakeNotifier) Events() <-chan fsnotify.Event { return f.events }
func (f *fakeNotifier) Errors() <-chan error          { return f.errors }
func (f *fakeNotifier) Close() error                  { return nil }

func (f *fakeNotifier) watched() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.added)
}

// startWatcher starts a watcher of dir with a fake notifier.
func startWatcher(t *testing.T, dir string, f *fakeNotifier, timing Timing) (*Watcher, *syncWriter) {
	t.Helper()
	log := &syncWriter{}
	w := &Watcher{Root: dir, NewNotifier: f.open, Timing: timing, Warn: func(format string, args ...any) {
		log.Write([]byte(strings.TrimSpace(fmt.Sprintf(format, args...)) + "\n"))
	}}
	ctx, cancel := context.WithCancel(context.Background())
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = w.Close()
	})
	return w, log
}

func nextBatch(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(20 * time.Second):
		t.Fatal("no batch within 20s")
	}
	return Batch{}
}

func TestIgnored(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"decisions/0001-x.md", false},
		{"decisions/images/flow.svg", false},
		{"waymark.yaml", false},
		{"themes/mine/static/style.css", false},
		{"decisions/0001-x.md~", true},
		{"decisions/.0001-x.md.swp", true},
		{"decisions/0001-x.md.swp", true},
		{"decisions/0001-x.md.swx", true},
		{"decisions/4913", true},
		{"decisions/0001-x.md.bck", true},
		{"decisions/.#0001-x.md", true},
		{"decisions/#0001-x.md#", true},
		{"decisions/0001-x.md___jb_tmp___", true},
		{"decisions/0001-x.md.tmp", true},
		{".git/index", true},
		{"decisions/.hidden/x.md", true},
		{"public/index.html", true},
		{"public", true},
		{"content/public/page.md", false},
		{"node_modules/x/y.js", true},
	} {
		if got := ignored(c.path); got != c.want {
			t.Errorf("ignored(%q) = %v", c.path, got)
		}
	}
}

// TestWatcherWatchesEveryFolder: every folder is watched at the start,
// ignored ones excepted.
func TestWatcherWatchesEveryFolder(t *testing.T) {
	dir := copySite(t)
	writeFile(t, dir, ".git/objects/x", "")
	writeFile(t, dir, "public/index.html", "")
	f := newFake()
	startWatcher(t, dir, f, Timing{})
	got := f.watched()
	for _, want := range []string{dir, filepath.Join(dir, "decisions"), filepath.Join(dir, "decisions", "images"), filepath.Join(dir, "radar"), filepath.Join(dir, "content")} {
		if !slices.Contains(got, want) {
			t.Errorf("%s not watched", want)
		}
	}
	for _, p := range got {
		if strings.Contains(p, ".git") || strings.Contains(p, "public") {
			t.Errorf("%s watched", p)
		}
	}
}

// offered returns the batch the watcher offers once every goroutine of the
// test's bubble waits, if it offers one. It takes the batch, as the build
// loop would.
func offered(w *Watcher) (Batch, bool) {
	synctest.Wait()
	select {
	case b := <-w.Batches():
		return b, true
	default:
		return Batch{}, false
	}
}

// TestWatcherBatches: an editor's save is one batch; scratch files and
// permission changes are dropped. The watcher runs on testing/synctest's
// clock, which moves only when every goroutine waits: a busy machine
// cannot split the save.
func TestWatcherBatches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := copySite(t)
		f := newFake()
		w, _ := startWatcher(t, dir, f, Timing{})
		rec := filepath.Join(dir, "decisions", "0001-record-architecture-decisions.md")
		for _, ev := range []fsnotify.Event{
			{Name: filepath.Join(dir, "decisions", "4913"), Op: fsnotify.Create},
			{Name: filepath.Join(dir, "decisions", "4913"), Op: fsnotify.Remove},
			{Name: rec, Op: fsnotify.Rename},
			{Name: rec + "~", Op: fsnotify.Create},
			{Name: rec, Op: fsnotify.Create},
			{Name: rec, Op: fsnotify.Write},
			{Name: rec, Op: fsnotify.Chmod},
			{Name: rec + "~", Op: fsnotify.Remove},
			{Name: filepath.Join(dir, "decisions", ".0001.md.swp"), Op: fsnotify.Write},
		} {
			f.events <- ev
		}
		time.Sleep(w.Timing.Settle)
		b, ok := offered(w)
		if !ok || b.Full || !slices.Equal(b.Paths, []string{"decisions/0001-record-architecture-decisions.md"}) {
			t.Fatalf("batch %+v (offered: %v), want the record alone", b, ok)
		}
		// A permission change alone is no batch, however long one waits.
		f.events <- fsnotify.Event{Name: rec, Op: fsnotify.Chmod}
		time.Sleep(time.Hour)
		if b, ok := offered(w); ok {
			t.Fatalf("chmod made a batch: %+v", b)
		}
	})
}

// TestWatcherTiming follows the batching rules step by step on
// testing/synctest's clock: a lone change waits Settle after the last
// change; a change within Window of the last batch's continues a storm,
// which ends after a quiet Window, or at MaxWait however long it lasts;
// while the consumer is building, the next batch grows.
func TestWatcherTiming(t *testing.T) {
	tm := Timing{}.withDefaults()
	if tm.Settle != 20*time.Millisecond || tm.Window != 100*time.Millisecond || tm.MaxWait != 2*time.Second {
		t.Fatalf("defaults changed to %+v: check the steps below", tm)
	}
	type step struct {
		after  time.Duration // time that passes first
		want   []string      // the batch then offered; nil: none
		busy   bool          // the consumer is building: do not take a batch
		change string        // a file that changes next, if any
	}
	const ns = time.Nanosecond
	// storm is a change every 60ms (longer than Settle, shorter than
	// Window) from b on, for longer than MaxWait.
	storm := []step{{0, nil, false, "a"}, {tm.Settle, []string{"a"}, false, ""}, {50 * time.Millisecond, nil, false, "b"}}
	var stormed []string
	for i := range 32 {
		stormed = append(stormed, fmt.Sprintf("c%02d", i))
		storm = append(storm, step{60 * time.Millisecond, nil, false, stormed[i]})
	}
	// The last change came at 70+32*60 = 1990ms, b at 70ms: MaxWait ends
	// the batch at 2070ms, before a quiet Window would at 2090ms.
	storm = append(storm, step{80*time.Millisecond - ns, nil, false, ""}, step{ns, append([]string{"b"}, stormed...), false, ""})

	for _, c := range []struct {
		name  string
		steps []step
	}{
		{"a lone change waits Settle", []step{
			{0, nil, false, "a"}, {tm.Settle - ns, nil, false, ""}, {ns, []string{"a"}, false, ""},
		}},
		{"every change restarts Settle", []step{
			{0, nil, false, "a"}, {tm.Settle - ns, nil, false, "b"}, {tm.Settle - ns, nil, false, ""}, {ns, []string{"a", "b"}, false, ""},
		}},
		{"a change within Window of a batch starts a storm, which waits Window", []step{
			{0, nil, false, "a"}, {tm.Settle, []string{"a"}, false, ""},
			// b at 70ms, 70ms after a; c 60ms later would have ended a
			// batch that waited only Settle.
			{50 * time.Millisecond, nil, false, "b"}, {60 * time.Millisecond, nil, false, "c"},
			{tm.Window - ns, nil, false, ""}, {ns, []string{"b", "c"}, false, ""},
		}},
		{"a change after a quiet Window waits Settle again", []step{
			{0, nil, false, "a"}, {tm.Settle, []string{"a"}, false, ""},
			{tm.Window, nil, false, "b"}, {tm.Settle - ns, nil, false, ""}, {ns, []string{"b"}, false, ""},
		}},
		{"a storm ends at MaxWait", storm},
		{"changes during a build join the next batch", []step{
			{0, nil, false, "a"}, {tm.Settle, nil, true, "b"}, {time.Second, nil, true, "c"},
			{tm.Settle, []string{"a", "b", "c"}, false, ""},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				dir := t.TempDir()
				f := newFake()
				w, _ := startWatcher(t, dir, f, Timing{})
				start := time.Now()
				for i, st := range c.steps {
					time.Sleep(st.after)
					if !st.busy {
						b, ok := offered(w)
						if got := b.Paths; ok != (st.want != nil) || !slices.Equal(got, st.want) {
							t.Fatalf("step %d, at %s: offered %v %v, want %v", i, time.Since(start), ok, got, st.want)
						}
					}
					if st.change != "" {
						f.events <- fsnotify.Event{Name: filepath.Join(dir, st.change), Op: fsnotify.Write}
					}
				}
				if b, ok := offered(w); ok {
					t.Fatalf("after the last step: a batch %v", b.Paths)
				}
			})
		})
	}
}

// TestWatcherOverflow: an overflowing event queue means changes were
// missed: a warning and a full rebuild, and watching goes on.
func TestWatcherOverflow(t *testing.T) {
	dir := copySite(t)
	f := newFake()
	w, log := startWatcher(t, dir, f, Timing{})
	f.errors <- fsnotify.ErrEventOverflow
	if b := nextBatch(t, w); !b.Full {
		t.Fatalf("after an overflow: %+v, want a full batch", b)
	}
	if !strings.Contains(log.String(), "too many changes") {
		t.Errorf("no warning: %q", log.String())
	}
	f.events <- fsnotify.Event{Name: filepath.Join(dir, "waymark.yaml"), Op: fsnotify.Write}
	if b := nextBatch(t, w); b.Full || !slices.Equal(b.Paths, []string{"waymark.yaml"}) {
		t.Fatalf("after recovering: %+v", b)
	}
	f.errors <- errors.New("inotify read failed")
	if b := nextBatch(t, w); !b.Full {
		t.Fatalf("after an error: %+v", b)
	}
}

// TestWatcherLimit: when a folder cannot be watched (inotify's watch
// limit), the watcher warns, asks for a full build, and polls.
func TestWatcherLimit(t *testing.T) {
	dir := copySite(t)
	f := newFake()
	f.addErr = func(d string) error {
		if strings.HasSuffix(d, "radar") {
			return os.NewSyscallError("inotify_add_watch", syscall.ENOSPC)
		}
		return nil
	}
	w, log := startWatcher(t, dir, f, Timing{Poll: 50 * time.Millisecond})
	if b := nextBatch(t, w); !b.Full {
		t.Fatalf("after a watch limit: %+v, want a full batch", b)
	}
	if !strings.Contains(log.String(), "cannot watch") {
		t.Errorf("no warning: %q", log.String())
	}
	if want := "max_user_watches"; runtime.GOOS == "linux" && !strings.Contains(log.String(), want) {
		t.Errorf("warning %q does not say to raise %s", log.String(), want)
	}
	// Polling sees changes in folders that are not watched.
	writeFile(t, dir, "radar/new-blip.md", "changed")
	var got Batch
	waitFor(t, "polling to see radar/new-blip.md", func() bool {
		select {
		case got = <-w.Batches():
		default:
		}
		return slices.Contains(got.Paths, "radar/new-blip.md")
	})
}

// TestWatcherFolderGone: a folder that is gone by the time it is to be
// watched (moved on or removed at once) is no reason to poll.
func TestWatcherFolderGone(t *testing.T) {
	dir := copySite(t)
	f := newFake()
	f.addErr = func(d string) error {
		if strings.HasSuffix(d, "images") {
			return os.NewSyscallError("inotify_add_watch", syscall.ENOENT)
		}
		return nil
	}
	_, log := startWatcher(t, dir, f, Timing{})
	if got := log.String(); got != "" {
		t.Errorf("warned: %q", got)
	}
	if got := f.watched(); !slices.Contains(got, filepath.Join(dir, "radar")) {
		t.Errorf("radar not watched: %q", got)
	}
}

// TestServerFullRebuildOnOverflow: the server rebuilds everything after an
// overflow and says so.
func TestServerFullRebuildOnOverflow(t *testing.T) {
	dir := copySite(t)
	f := newFake()
	var mu sync.Mutex
	var calls [][]string
	inner := rebuilder(dir)
	s := start(t, dir, func(s *Server) {
		s.NewNotifier = f.open
		s.Rebuild = func(changed []string) Result {
			mu.Lock()
			calls = append(calls, changed)
			mu.Unlock()
			return inner(changed)
		}
	})
	f.errors <- fsnotify.ErrEventOverflow
	waitFor(t, "a full rebuild", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(calls) == 2 && calls[1] == nil
	})
	if !strings.Contains(s.Log.(*syncWriter).String(), "too many changes") {
		t.Errorf("no warning in the log: %q", s.Log.(*syncWriter).String())
	}
}

// TestWatcherInstanceLimit: when no notifier can be had (inotify's
// instance limit makes fsnotify.NewWatcher fail with "too many open
// files"), the watcher warns, saying which limit to raise, and polls.
func TestWatcherInstanceLimit(t *testing.T) {
	dir := copySite(t)
	f := newFake()
	f.openErr = fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE)
	w, log := startWatcher(t, dir, f, Timing{Poll: 50 * time.Millisecond})
	warning := log.String()
	if !strings.Contains(warning, "cannot watch "+dir) || !strings.Contains(warning, "too many open files") {
		t.Errorf("warning %q does not name the folder and the error", warning)
	}
	if want := "max_user_instances"; runtime.GOOS == "linux" && !strings.Contains(warning, want) {
		t.Errorf("warning %q does not say to raise %s", warning, want)
	}
	if got := f.watched(); len(got) != 0 {
		t.Errorf("watching %q without a notifier", got)
	}
	writeFile(t, dir, "radar/new-blip.md", "changed")
	var got Batch
	waitFor(t, "polling to see radar/new-blip.md", func() bool {
		select {
		case got = <-w.Batches():
		default:
		}
		return slices.Contains(got.Paths, "radar/new-blip.md")
	})
}

// TestServerInstanceLimit: the preview serves, and sees edits, when no
// notifier can be had: it polls instead of exiting.
func TestServerInstanceLimit(t *testing.T) {
	dir := copySite(t)
	f := newFake()
	f.openErr = fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE)
	s := start(t, dir, func(s *Server) {
		s.NewNotifier = f.open
		s.Batching = Timing{Poll: 50 * time.Millisecond}
	})
	if code, _ := get(t, s, recordPage); code != 200 {
		t.Fatalf("record page: %d", code)
	}
	if log := s.Log.(*syncWriter).String(); !strings.Contains(log, "checking the site for changes every 50ms") {
		t.Errorf("no warning in the log: %q", log)
	}
	writeFile(t, dir, record, readFile(t, dir, record)+"\nSeen by polling.\n")
	waitFor(t, "the edit to be served", func() bool {
		_, body := get(t, s, recordPage)
		return strings.Contains(body, "Seen by polling.")
	})
}
