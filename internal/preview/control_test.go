package preview

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Server tests that count builds watch real files with fsnotify, which
// keeps them out of a testing/synctest bubble. They run the watcher on a
// fakeClock instead and see the events through a relay, so that the test,
// not the machine's load, decides which changes make one batch.

// fakeClock is a Clock that moves only when the test advances it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	alarms []alarm
}

type alarm struct {
	at time.Time
	c  chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) At(t time.Time) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := alarm{t, make(chan time.Time, 1)}
	if t.After(c.now) {
		c.alarms = append(c.alarms, a)
	} else {
		a.c <- c.now
	}
	return a.c
}

// Advance moves the clock on by d and rings the alarms that fall due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.alarms = slices.DeleteFunc(c.alarms, func(a alarm) bool {
		if a.at.After(c.now) {
			return false
		}
		a.c <- c.now
		return true
	})
}

// relay is a Notifier that passes a real fsnotify watcher's events on one
// at a time, each followed by an event the Watcher ignores: once that
// second send returns, the Watcher has dealt with the first, the time
// included. A marker file written after some changes therefore tells the
// test when the Watcher has seen all of them.
type relay struct {
	fw     *fsnotify.Watcher
	root   string
	events chan fsnotify.Event
	stop   chan struct{}
	done   chan struct{}

	mu    sync.Mutex
	n     int
	marks map[string]chan struct{} // marker name → closed once it passed
}

func newRelay(t testing.TB, root string) *relay {
	t.Helper()
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{fw: fw, root: root, events: make(chan fsnotify.Event), stop: make(chan struct{}), done: make(chan struct{}), marks: map[string]chan struct{}{}}
	go r.run()
	return r
}

func (r *relay) Add(dir string) error          { return r.fw.Add(dir) }
func (r *relay) Remove(dir string) error       { return r.fw.Remove(dir) }
func (r *relay) Events() <-chan fsnotify.Event { return r.events }
func (r *relay) Errors() <-chan error          { return r.fw.Errors }

func (r *relay) Close() error {
	close(r.stop)
	err := r.fw.Close()
	<-r.done
	return err
}

// watched lists the folders the fsnotify watcher watches, sorted.
func (r *relay) watched() []string {
	return slices.Sorted(slices.Values(r.fw.WatchList()))
}

func (r *relay) run() {
	defer close(r.done)
	barrier := fsnotify.Event{Name: filepath.Join(r.root, ".relay"), Op: fsnotify.Write}
	for {
		var ev fsnotify.Event
		select {
		case e, ok := <-r.fw.Events:
			if !ok {
				return
			}
			ev = e
		case <-r.stop:
			return
		}
		for _, e := range []fsnotify.Event{ev, barrier} {
			select {
			case r.events <- e:
			case <-r.stop:
				return
			}
		}
		r.mu.Lock()
		if c, ok := r.marks[filepath.Base(ev.Name)]; ok {
			close(c)
			delete(r.marks, filepath.Base(ev.Name))
		}
		r.mu.Unlock()
	}
}

// mark writes a hidden marker file at the root, which the Watcher
// ignores, and returns once the Watcher has seen it, and so every change
// made before it.
func (r *relay) mark(t testing.TB) {
	t.Helper()
	r.mu.Lock()
	r.n++
	name := fmt.Sprintf(".mark-%d", r.n)
	passed := make(chan struct{})
	r.marks[name] = passed
	r.mu.Unlock()
	if err := os.WriteFile(filepath.Join(r.root, name), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-passed:
	case <-time.After(20 * time.Second):
		t.Fatalf("the watcher did not see %s within 20s", name)
	}
}

// controlled is a watching server whose batches the test decides: the
// watcher tells time by clock and sees real file events through relay,
// and every batch handed to the build is recorded.
type controlled struct {
	*Server
	clock *fakeClock
	relay *relay

	mu      sync.Mutex
	batches [][]string // changed paths of every build, the first (nil) included
	flushes int        // files written by flush
}

func startControlled(t testing.TB, dir string) *controlled {
	t.Helper()
	c := &controlled{clock: newFakeClock(), relay: newRelay(t, dir)}
	inner := rebuilder(dir)
	c.Server = start(t, dir, func(s *Server) {
		s.NewNotifier = func() (Notifier, error) { return c.relay, nil }
		s.Clock = c.clock
		s.Rebuild = func(changed []string) Result {
			c.mu.Lock()
			c.batches = append(c.batches, slices.Clone(changed))
			c.mu.Unlock()
			return inner(changed)
		}
	})
	return c
}

// builds returns the changed paths of every build so far.
func (c *controlled) builds() [][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.batches)
}

// settle waits until the watcher has seen every change made so far, then
// lets a quiet Window pass, which ends any batch.
func (c *controlled) settle(t testing.TB) {
	t.Helper()
	c.relay.mark(t)
	c.clock.Advance(c.watcher.Timing.Window)
}
