package output

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSecondBuildRefusedWhileFirstRuns starts a second build of an output
// folder while a first is writing it: told not to wait, it is refused
// with a message naming the first, and the first's staging folder and
// output are untouched by it.
func TestSecondBuildRefusedWhileFirstRuns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, siteV1)
	first := stage(t, out, siteV2)
	staged := treeListing(t, first.dir)

	_, err := NewStaging(context.Background(), out, Wait{})

	if err == nil {
		t.Fatal("a second NewStaging while the first build runs = nil, want a refusal")
	}
	for _, want := range []string{"refusing to build into " + out, fmt.Sprintf("pid %d", os.Getpid()), "wait for it to finish"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	assertTree(t, first.dir, staged)
	if err := first.Publish(); err != nil {
		t.Fatal(err)
	}
	if got, want := readFiles(t, out), withManifest(siteV2); !maps.Equal(got, want) {
		t.Errorf("output:\ngot  %q\nwant %q", got, want)
	}
	if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
		t.Errorf("beside the output: %q, want %q (the lock file goes with the lock)", got, want)
	}
}

// TestSecondBuildWaits starts a second build while a first is writing:
// it waits, says so once, and goes on when the first has published.
func TestSecondBuildWaits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := stage(t, out, siteV1)
	type result struct {
		s   *Staging
		err error
	}
	told := make(chan string, 2)
	got := make(chan result, 1)
	go func() {
		s, err := NewStaging(context.Background(), out, Wait{For: time.Minute, Waiting: func(holder string) { told <- holder }})
		got <- result{s, err}
	}()
	holder := <-told
	if want := fmt.Sprintf("pid %d", os.Getpid()); !strings.Contains(holder, want) {
		t.Errorf("waiting for %q, want it to name %q", holder, want)
	}
	select {
	case r := <-got:
		t.Fatalf("the second build went on while the first ran: %v", r.err)
	case <-time.After(200 * time.Millisecond):
	}
	if err := first.Publish(); err != nil {
		t.Fatal(err)
	}
	r := <-got
	if r.err != nil {
		t.Fatalf("second NewStaging: %v", r.err)
	}
	if len(told) != 0 {
		t.Errorf("told %d more times that it waits, want once", len(told))
	}
	for _, name := range slices.Sorted(maps.Keys(siteV2)) {
		if err := r.s.WriteFile(name, []byte(siteV2[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.s.Publish(); err != nil {
		t.Fatal(err)
	}
	if got, want := readFiles(t, out), withManifest(siteV2); !maps.Equal(got, want) {
		t.Errorf("output:\ngot  %q\nwant %q", got, want)
	}
}

// TestWaitingEnds checks that a wait ends, with a refusal, when its time
// is up or its context is cancelled.
func TestWaitingEnds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := stage(t, out, siteV1)
	defer first.Discard()

	_, err := NewStaging(context.Background(), out, Wait{For: 100 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "for longer than the 100ms waited") {
		t.Errorf("after the wait: %v, want a refusal that says how long it waited", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := NewStaging(ctx, out, Wait{For: time.Hour}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v, want context.Canceled", err)
	}
}

// TestLockOfKilledBuild checks that a lock file a killed build left
// behind does not stop the next build.
func TestLockOfKilledBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := stage(t, out, siteV1)
	kill(first)
	if _, err := os.Stat(lockPath(out)); err != nil {
		t.Fatalf("the killed build's lock file: %v", err)
	}
	build(t, out, siteV2)
	if got, want := readFiles(t, out), withManifest(siteV2); !maps.Equal(got, want) {
		t.Errorf("output:\ngot  %q\nwant %q", got, want)
	}
	if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
		t.Errorf("beside the output: %q, want %q", got, want)
	}
}
