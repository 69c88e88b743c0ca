package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/output"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestMain lets a test run the command as a process of its own: the test
// binary, started with WAYMARK_RUN_MAIN=1, is waymark. Builds keep their
// cache in a folder of the test run's, not in the user's cache folder.
func TestMain(m *testing.M) {
	if os.Getenv("WAYMARK_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "waymark-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv(cacheEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// waymarkCommand is waymark with args, to be run as a process.
func waymarkCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "WAYMARK_RUN_MAIN=1")
	return cmd
}

// waymarkProcess is waymark started as a process of its own.
type waymarkProcess struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
}

func startWaymark(t *testing.T, args ...string) *waymarkProcess {
	t.Helper()
	p := &waymarkProcess{cmd: waymarkCommand(args...)}
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return p
}

// syncBuffer is a bytes.Buffer that a process writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// readTree returns every file under root by slash path.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestConcurrentBuilds runs two waymark builds of a generated site of
// 2,000 documents into one folder at the same time, as two processes.
// Earlier, the second removed the first's staging folder and the first
// published an incomplete site and reported success. Now the second
// waits for the first: both succeed, and the output is the site a lone
// build makes, every file of it whole, with the user's CNAME kept and
// nothing left beside it.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-document site three times")
	}
	corpus := sitetest.Corpus(t, 2000)
	ref := filepath.Join(t.TempDir(), "public")
	// The two builds take another base URL than the build before them, so
	// that neither finds the output as its inputs would make it: both
	// build, rather than leave it as it is.
	const baseURL = "https://example.org/concurrent/"
	if out, err := waymarkCommand("build", "--site", corpus, "--out", ref, "--base-url", baseURL).CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%.2000s", err, out)
	}
	want := readTree(t, ref)
	want["CNAME"] = "docs.example.org\n"

	for _, tt := range []struct {
		name string
		// overlap starts the two builds so that they overlap.
		overlap func(t *testing.T, out string, args []string) (a, b *waymarkProcess)
	}{
		{
			// As in the report: the second starts while the first renders.
			name: "the second starts while the first writes its staging folder",
			overlap: func(t *testing.T, out string, args []string) (a, b *waymarkProcess) {
				a = startWaymark(t, args...)
				waitFor(t, "the first build's staging folder", func() bool {
					m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*"))
					return len(m) > 0
				})
				return a, startWaymark(t, args...)
			},
		},
		{
			// Both are made to wait on a lock the test holds, then race.
			name: "both start at once",
			overlap: func(t *testing.T, out string, args []string) (a, b *waymarkProcess) {
				lock := filepath.Join(filepath.Dir(out), ".public.lock")
				f, err := os.OpenFile(lock, os.O_RDWR|os.O_CREATE, 0o644)
				if err != nil {
					t.Fatal(err)
				}
				if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
					t.Fatal(err)
				}
				a, b = startWaymark(t, args...), startWaymark(t, args...)
				waitFor(t, "both builds to wait", func() bool {
					return strings.Contains(a.stderr.String(), "waiting for") && strings.Contains(b.stderr.String(), "waiting for")
				})
				os.Remove(lock)
				f.Close()
				return a, b
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			args := []string{"build", "--site", corpus, "--out", out, "--base-url", baseURL}
			if err := waymarkCommand(args[:5]...).Run(); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte(want["CNAME"]), 0o644); err != nil {
				t.Fatal(err)
			}

			a, b := tt.overlap(t, out, args)

			for i, p := range []*waymarkProcess{a, b} {
				if err := p.cmd.Wait(); err != nil {
					t.Errorf("build %d: %v\n%.2000s", i+1, err, p.stderr.String())
				} else if !strings.Contains(p.stdout.String(), "built 1000 decisions") {
					t.Errorf("build %d printed %q", i+1, p.stdout.String())
				}
			}
			waited := 0
			for _, p := range []*waymarkProcess{a, b} {
				if strings.Contains(p.stderr.String(), "waiting for another waymark build") {
					waited++
				}
			}
			t.Logf("%d of 2 builds waited for a lock", waited)
			got := readTree(t, out)
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
				var missing []string
				for _, name := range slices.Sorted(maps.Keys(want)) {
					if _, ok := got[name]; !ok {
						missing = append(missing, name)
					}
				}
				t.Fatalf("output has %d files, want the %d of a lone build; missing: %.20q", len(got), len(want), missing)
			}
			for name, data := range got {
				// Pages are compared whole, not byte for byte: the code
				// highlighter gives up a pattern after 250 ms, which a
				// loaded machine under -race reaches, and then marks a
				// word otherwise.
				if strings.HasSuffix(name, ".html") {
					if !strings.HasSuffix(data, "</html>") {
						t.Errorf("%s is cut short", name)
					}
				} else if data != want[name] {
					t.Errorf("%s differs from a lone build's", name)
				}
			}
			if got, want := entryNames(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
				t.Errorf("beside the output: %q, want %q", got, want)
			}
		})
	}
}

// TestConcurrentBuildRefused holds the output folder's lock as another
// build would and checks that a build that cannot wait long enough says
// who holds it and leaves the output alone.
func TestConcurrentBuildRefused(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(site, "public")
	if _, _, err := waymark(t, "build", "--site", site); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	// A live build of the same folder, in this process.
	holder, err := output.NewStaging(t.Context(), out, output.Wait{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Discard()

	p := startWaymark(t, "build", "--site", site)
	waitFor(t, "the build to wait", func() bool { return strings.Contains(p.stderr.String(), "waiting for") })
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err = p.cmd.Wait()
	if err == nil {
		t.Fatal("an interrupted waiting build exited 0")
	}
	if want := fmt.Sprintf("waiting for another waymark build (pid %d,", os.Getpid()); !strings.Contains(p.stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", p.stderr.String(), want)
	}
	if got := readTree(t, out); !maps.Equal(got, before) {
		t.Error("the output changed")
	}
}

// waitFor polls cond until it holds, failing the test after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

func entryNames(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}
