package preview

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Notifier reports changes in watched folders; fsnotify is the real one,
// tests inject events and errors through a fake.
type Notifier interface {
	// Add watches the files directly inside dir (not recursively).
	Add(dir string) error
	// Remove stops watching dir.
	Remove(dir string) error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
	Close() error
}

// fsNotifier adapts *fsnotify.Watcher.
type fsNotifier struct{ w *fsnotify.Watcher }

func (n fsNotifier) Add(dir string) error          { return n.w.Add(dir) }
func (n fsNotifier) Remove(dir string) error       { return n.w.Remove(dir) }
func (n fsNotifier) Events() <-chan fsnotify.Event { return n.w.Events }
func (n fsNotifier) Errors() <-chan error          { return n.w.Errors }
func (n fsNotifier) Close() error                  { return n.w.Close() }

// Clock is the watcher's sense of time. The real one is the time package;
// a test passes one that moves only when told, so that which changes make
// one batch does not depend on how busy the machine is.
type Clock interface {
	Now() time.Time
	// At returns a channel that receives once the clock reaches t; at
	// once if it already has.
	At(t time.Time) <-chan time.Time
}

// realClock is the time package.
type realClock struct{}

func (realClock) Now() time.Time                  { return time.Now() }
func (realClock) At(t time.Time) <-chan time.Time { return time.After(time.Until(t)) }

// Timing tunes how changes are batched.
type Timing struct {
	// Settle is how long the first change after a calm spell waits for
	// more (an editor's save is several events within a millisecond or
	// two). Default 20ms.
	Settle time.Duration
	// Window is the quiet spell that ends a batch whose first change
	// came within Window of the previous batch's last (a branch switch, a
	// formatter run, a build tool): such a storm becomes one more build,
	// however long it lasts, up to MaxWait. Default 100ms.
	Window time.Duration
	// MaxWait bounds how long a batch may grow while changes keep
	// coming. Default 2s.
	MaxWait time.Duration
	// Poll is the interval of the polling fallback. Default 1s.
	Poll time.Duration
}

func (t Timing) withDefaults() Timing {
	t.Settle = cmpOr(t.Settle, 20*time.Millisecond)
	t.Window = cmpOr(t.Window, 100*time.Millisecond)
	t.MaxWait = cmpOr(t.MaxWait, 2*time.Second)
	t.Poll = cmpOr(t.Poll, time.Second)
	return t
}

func cmpOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Batch is a set of changed paths, relative to the watched root and
// slash-separated. Full means that changes may have been missed (an event
// queue overflowed, a folder could not be watched): rebuild everything.
type Batch struct {
	Paths []string
	Full  bool
}

// Watcher watches a site folder recursively, folders created later
// included, and hands out batches of changes, one at a time: while the
// consumer builds, changes pile up into the next batch.
//
// Hidden files and folders (.git, .#lock files, .swp files), the output
// folder public/ at the top, node_modules, and editors' temporary files
// (name~, *.swp, *.swx, *.bck, *.tmp, vim's 4913, #autosave#, JetBrains'
// *___) are ignored. A change of permissions alone is ignored. Saves in
// place, by writing a temporary file and renaming it over the old one, and
// vim's rename-to-backup are all seen, because folders are watched rather
// than files.
//
// A folder renamed or moved, at any depth, is watched again under its new
// name, with every folder in it, and the watches of its old name are
// dropped; the batch names the old folder and every file under the new
// one. (inotify watches a folder, not a name: without this, edits in a
// renamed folder would be reported under its old name, or not at all.)
//
// When the notifier reports an overflow, or a folder cannot be watched
// (inotify's watch limit, kqueue's descriptor limit), Warn is called, a
// Full batch follows, and for a folder that cannot be watched the
// watcher falls back to polling the whole tree every Timing.Poll. When no
// notifier can be had at all (inotify's instance limit, "too many open
// files"), Warn is called and the watcher polls from the start.
type Watcher struct {
	Root        string
	NewNotifier func() (Notifier, error) // nil: fsnotify
	Timing      Timing
	Clock       Clock // nil: the real clock
	Warn        func(format string, args ...any)

	notifier Notifier         // nil when none could be had: polling alone
	dirs     map[string]dirID // folders watched, by absolute path; used by the loop alone once started
	byID     map[dirID]string // the same folders by identity, where the system tells it
	out      chan Batch
	found    chan []string // paths from polling
	full     chan struct{}
	pollOn   sync.Once
	ctx      context.Context
	wg       sync.WaitGroup
}

// Start watches every folder under Root and starts batching.
func (w *Watcher) Start(ctx context.Context) error {
	w.Timing = w.Timing.withDefaults()
	if w.Warn == nil {
		w.Warn = func(string, ...any) {}
	}
	if w.Clock == nil {
		w.Clock = realClock{}
	}
	if w.NewNotifier == nil {
		w.NewNotifier = newFSNotifier
	}
	if _, err := os.Stat(w.Root); err != nil {
		return err
	}
	w.ctx = ctx
	w.out = make(chan Batch)
	w.found = make(chan []string, 64)
	w.full = make(chan struct{}, 1)
	w.dirs, w.byID = map[string]dirID{}, map[dirID]string{}
	n, err := w.NewNotifier()
	if err != nil {
		// Polling's first look at the tree is taken before Start returns,
		// and so before the first build: no change can fall between them.
		w.fallBack(false, "warning: cannot watch %s for changes (%v): checking the site for changes every %s instead; %s", w.Root, err, w.Timing.Poll, limitAdvice(err))
	} else {
		w.notifier = n
		w.addTree(w.Root)
	}
	w.wg.Go(w.loop)
	return nil
}

func newFSNotifier() (Notifier, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return fsNotifier{fw}, nil
}

// Batches returns the channel of batches; it is closed when the context
// given to Start ends.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops the notifier.
func (w *Watcher) Close() error {
	w.wg.Wait()
	if w.notifier == nil {
		return nil
	}
	return w.notifier.Close()
}

// ignored reports whether a path relative to the root is none of the
// site's business.
func ignored(rel string) bool {
	if rel == "." || rel == "" {
		return false
	}
	rel = filepath.ToSlash(rel)
	if rel == "public" || strings.HasPrefix(rel, "public/") {
		return true
	}
	for seg := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(seg, ".") || seg == "node_modules" {
			return true
		}
	}
	base := rel[strings.LastIndex(rel, "/")+1:]
	switch {
	case base == "4913",
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, "___"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	}
	switch filepath.Ext(base) {
	case ".swp", ".swx", ".swpx", ".bck", ".tmp":
		return true
	}
	return false
}

// addTree watches dir and every folder below it, and returns the files
// in them, relative to the root: they may have been written before the
// watch was in place (mkdir -p a/b && echo > a/b/x.md).
func (w *Watcher) addTree(dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(w.Root, p)
		if err != nil || ignored(rel) {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if w.notifier == nil {
				return fs.SkipAll // polling sees everything
			}
			if err := w.watch(p, d); errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir // gone already (moved on, removed): its parent's event tells
			} else if err != nil {
				w.cannotWatch(p, err)
				return fs.SkipAll
			}
			return nil
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	return files
}

// cannotWatch warns, asks for a full build, and starts polling.
func (w *Watcher) cannotWatch(dir string, err error) {
	w.fallBack(true, "warning: cannot watch %s (%v): checking the site for changes every %s instead; %s", dir, err, w.Timing.Poll, limitAdvice(err))
}

// fallBack warns, once, and polls the whole tree from then on; full asks
// for a full build, for changes the notifier may have missed.
func (w *Watcher) fallBack(full bool, warning string, args ...any) {
	w.pollOn.Do(func() {
		w.Warn(warning, args...)
		seen := w.scan()
		w.wg.Go(func() { w.poll(seen) })
		if full {
			w.askFull()
		}
	})
}

// limitAdvice says how to lift the limit behind err, a failure to watch.
func limitAdvice(err error) string {
	switch {
	case runtime.GOOS == "linux" && errors.Is(err, syscall.ENOSPC):
		return "raise fs.inotify.max_user_watches (sudo sysctl fs.inotify.max_user_watches=524288)"
	case runtime.GOOS == "linux" && errors.Is(err, syscall.EMFILE):
		return "raise fs.inotify.max_user_instances (sudo sysctl fs.inotify.max_user_instances=1024), or stop other programs that watch files"
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "raise the limit of open files (ulimit -n), or stop other programs that watch files"
	}
	return "restart waymark serve once the cause is fixed to watch again"
}

func (w *Watcher) askFull() {
	select {
	case w.full <- struct{}{}:
	default:
	}
}

// loop batches changes and hands batches out one at a time.
func (w *Watcher) loop() {
	defer close(w.out)
	t := w.Timing
	pending := map[string]bool{}
	full := false
	// first and last are the times of the pending batch's first and last
	// change; prev is that of the last change handed out. A batch whose
	// first change comes within Window of prev continues a storm.
	var first, last, prev time.Time
	storm := false
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.notifier != nil {
		events, errs = w.notifier.Events(), w.notifier.Errors()
	}
	// wake receives when the pending batch falls due, at time armed.
	var wake <-chan time.Time
	var armed time.Time
	note := func() {
		now := w.Clock.Now()
		if first.IsZero() {
			first = now
			storm = now.Sub(prev) < t.Window
		}
		last = now
	}
	for {
		var out chan Batch
		if len(pending) > 0 || full {
			quiet := t.Settle
			if storm {
				quiet = t.Window
			}
			due := last.Add(quiet)
			if limit := first.Add(t.MaxWait); limit.Before(due) {
				due = limit
			}
			if w.Clock.Now().Before(due) {
				if !due.Equal(armed) {
					wake, armed = w.Clock.At(due), due
				}
			} else {
				out = w.out
			}
		}
		select {
		case <-w.ctx.Done():
			return
		case out <- Batch{Paths: slices.Sorted(maps.Keys(pending)), Full: full}:
			pending, full = map[string]bool{}, false
			first, prev = time.Time{}, last
		case <-wake:
			wake, armed = nil, time.Time{}
		case ev, ok := <-events:
			if !ok {
				return
			}
			if w.event(ev, pending) {
				note()
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.Warn("warning: too many changes at once for the file watcher; rebuilding everything")
			} else {
				w.Warn("warning: file watcher: %v; rebuilding everything", err)
			}
			full = true
			note()
		case paths := <-w.found:
			for _, p := range paths {
				pending[p] = true
			}
			note()
		case <-w.full:
			full = true
			note()
		}
	}
}

// event records one notifier event; it reports whether it mattered.
func (w *Watcher) event(ev fsnotify.Event, pending map[string]bool) bool {
	rel, err := filepath.Rel(w.Root, ev.Name)
	if err != nil || strings.HasPrefix(rel, "..") || ignored(rel) {
		return false
	}
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new folder: watch it, and take what is already in it into
			// this batch, so that a folder and its files are built together.
			for _, p := range w.addTree(ev.Name) {
				pending[p] = true
			}
		}
	}
	pending[filepath.ToSlash(rel)] = true
	return true
}

// watch watches the folder p. A folder watched under another name was
// moved there (its parent's event may not have come yet, or never will
// when the new parent was watched after the move): the old watches go
// first, or inotify would hand them back, reporting under the old name.
func (w *Watcher) watch(p string, d fs.DirEntry) error {
	info, err := d.Info()
	id, known := idOf(info)
	if err == nil && known {
		if old, ok := w.byID[id]; ok && old != p {
			w.forget(old)
		}
	}
	if err := w.notifier.Add(p); err != nil {
		return err
	}
	if prev, ok := w.dirs[p]; ok && w.byID[prev] == p {
		delete(w.byID, prev)
	}
	w.dirs[p] = id
	if err == nil && known {
		w.byID[id] = p
	}
	return nil
}

// forget drops the watches of a folder that was renamed, moved or
// removed, and of every folder in it. The watches must go before the
// folder is watched under its new name: inotify would otherwise hand back
// the old watches, which report events under the old name (and fsnotify
// drops a moved folder's own watch when it learns of the move).
func (w *Watcher) forget(dir string) {
	if _, ok := w.dirs[dir]; !ok {
		return // a file, or a folder that was not watched
	}
	for d, id := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			// Removing fails when the watch is gone already (the kernel
			// drops the watch of a removed folder): nothing to do then.
			_ = w.notifier.Remove(d)
			delete(w.dirs, d)
			if w.byID[id] == d {
				delete(w.byID, id)
			}
		}
	}
}

// poll walks the tree every Timing.Poll and reports what changed since
// the walk that found seen, for when the notifier cannot watch every
// folder.
func (w *Watcher) poll(seen map[string]fileStamp) {
	for {
		select {
		case <-w.ctx.Done():
			return
		case <-w.Clock.At(w.Clock.Now().Add(w.Timing.Poll)):
		}
		now := w.scan()
		var changed []string
		for p, st := range now {
			if old, ok := seen[p]; !ok || old != st {
				changed = append(changed, p)
			}
		}
		for p := range seen {
			if _, ok := now[p]; !ok {
				changed = append(changed, p)
			}
		}
		seen = now
		if len(changed) > 0 {
			select {
			case w.found <- changed:
			case <-w.ctx.Done():
				return
			}
		}
	}
}

type fileStamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func (w *Watcher) scan() map[string]fileStamp {
	out := map[string]fileStamp{}
	_ = filepath.WalkDir(w.Root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(w.Root, p)
		if err != nil || ignored(rel) {
			if d != nil && d.IsDir() && rel != "." {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			out[filepath.ToSlash(rel)] = fileStamp{info.Size(), info.ModTime(), info.Mode()}
		}
		return nil
	})
	return out
}
