package output

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The tests in this file leave the folders exactly as a build killed at
// some point would, then check that the next NewStaging repairs them: the
// output equals the previous build or the new one, byte for byte, and no
// user file is lost.

// killedState prepares a previous output (siteV1 plus userFiles) at out and
// a staged siteV2 build, and returns that build and the listing of the
// previous output.
func killedState(t *testing.T, out string) (s *Staging, previous string) {
	t.Helper()
	build(t, out, siteV0) // with spares, the tree siteV2 is staged from
	build(t, out, siteV1)
	writeFiles(t, out, userFiles)
	previous = treeListing(t, out)
	return stage(t, out, siteV2), previous
}

// newOutput is the listing of out after publishing siteV2 over siteV1 and
// userFiles with nothing going wrong.
func newOutput(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	s, _ := killedState(t, out)
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	if got, want := readFiles(t, out), merge(withManifest(siteV2), userFiles); !maps.Equal(got, want) {
		t.Fatalf("reference build:\ngot  %q\nwant %q", got, want)
	}
	return treeListing(t, out)
}

// recoverAndCheck runs the next build's NewStaging and checks that out
// then has the listing want and nothing else is left beside it.
func recoverAndCheck(t *testing.T, out, want string) {
	t.Helper()
	next, err := newStaging(out)
	if err != nil {
		t.Fatalf("NewStaging after the kill: %v", err)
	}
	assertTree(t, out, want)
	if got, want := entries(t, filepath.Dir(out)), []string{".public.lock", filepath.Base(next.dir), "public"}; !slices.Equal(got, want) {
		t.Errorf("beside the output: %q, want %q", got, want)
	}
	if err := next.Discard(); err != nil {
		t.Fatal(err)
	}
	// And building goes on as usual.
	build(t, out, siteV1)
	if got, want := readFiles(t, out), merge(withManifest(siteV1), userFiles); !maps.Equal(got, want) {
		t.Errorf("build after recovery:\ngot  %q\nwant %q", got, want)
	}
	if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
		t.Errorf("beside the output after a build: %q, want %q", got, want)
	}
}

func TestRecoverKilledBuild(t *testing.T) {
	tests := []struct {
		name string
		// kill leaves the folders as a build killed at that point would;
		// it reports whether the previous output or the new one is wanted.
		kill func(t *testing.T, s *Staging) (wantNew bool)
	}{
		{
			name: "while writing into the staging folder",
			kill: func(t *testing.T, s *Staging) bool {
				// A second abandoned staging folder, from an older kill.
				writeFiles(t, filepath.Dir(s.out), map[string]string{
					".public.staging-12345/index.html":   "half",
					".public.staging-12345/deep/x/y.css": "half",
				})
				return false
			},
		},
		{
			name: "after writing the manifest",
			kill: func(t *testing.T, s *Staging) bool {
				writeStagedManifest(t, s)
				return false
			},
		},
		{
			name: "after moving the previous output aside",
			kill: func(t *testing.T, s *Staging) bool {
				writeStagedManifest(t, s)
				rename(t, s.out, s.dir+".old")
				return false
			},
		},
		{
			name: "after moving the new output in",
			kill: func(t *testing.T, s *Staging) bool {
				writeStagedManifest(t, s)
				rename(t, s.out, s.dir+".old")
				rename(t, s.dir, s.out)
				return true
			},
		},
		{
			name: "after carrying over some user files",
			kill: func(t *testing.T, s *Staging) bool {
				writeStagedManifest(t, s)
				rename(t, s.out, s.dir+".old")
				rename(t, s.dir, s.out)
				rename(t, filepath.Join(s.dir+".old", "CNAME"), filepath.Join(s.out, "CNAME"))
				if err := os.MkdirAll(filepath.Join(s.out, "nested"), 0o755); err != nil {
					t.Fatal(err)
				}
				return true
			},
		},
		{
			name: "while deleting the previous output",
			kill: func(t *testing.T, s *Staging) bool {
				writeStagedManifest(t, s)
				old := s.dir + ".old"
				rename(t, s.out, old)
				rename(t, s.dir, s.out)
				for rel := range userFiles {
					dest := filepath.Join(s.out, filepath.FromSlash(rel))
					if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
						t.Fatal(err)
					}
					rename(t, filepath.Join(old, filepath.FromSlash(rel)), dest)
				}
				// Deletion got as far as the manifest; old build files remain.
				rename(t, old, s.dir+".trash")
				if err := os.Remove(filepath.Join(s.dir+".trash", Manifest)); err != nil {
					t.Fatal(err)
				}
				return true
			},
		},
	}
	want := newOutput(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			s, previous := killedState(t, out)
			if err := os.Chmod(s.dir, 0o755); err != nil { // as Publish does first
				t.Fatal(err)
			}

			kill(s)
			wantNew := tt.kill(t, s)

			if wantNew {
				recoverAndCheck(t, out, want)
			} else {
				recoverAndCheck(t, out, previous)
			}
		})
	}
}

// publishSteps returns the steps Publish takes from killedState, in
// order, the one-step exchange of folders taken or not.
func publishSteps(t *testing.T, exchange bool) []string {
	t.Helper()
	var steps []string
	s, _ := killedState(t, filepath.Join(t.TempDir(), "public"))
	if !exchange {
		s.exchange = noExchange
	}
	s.step = func(step string) { steps = append(steps, step) }
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	return steps
}

func noExchange(string, string) error { return errNoExchange }

// TestKillPublishAtEveryStep stops Publish after each of its steps, as a
// kill would, and checks that the output then holds the previous or the
// new build, each with every user file, and that the next build repairs
// whatever is left beside it. With the one-step exchange the output is
// whole at every step; with two renames it is missing between them, and
// the next build puts it back.
func TestKillPublishAtEveryStep(t *testing.T) {
	want := newOutput(t)
	for _, exchange := range []bool{true, false} {
		steps := publishSteps(t, exchange)
		// manifest written, a step for each user file, the swap (one step
		// or two), the previous output moved to trash.
		swapSteps := 1
		if !exchange {
			swapSteps = 2
		}
		if got, want := len(steps), 1+len(userFiles)+swapSteps+1; got != want {
			t.Fatalf("exchange %v: Publish took steps %q, want %d", exchange, steps, want)
		}
		for _, rel := range slices.Sorted(maps.Keys(userFiles)) {
			if !slices.Contains(steps, "kept "+rel) {
				t.Errorf("exchange %v: no step keeps %s: %q", exchange, rel, steps)
			}
		}
		in := "new output swapped in"
		if !exchange {
			in = "new output moved in"
		}
		moved := slices.Index(steps, in)
		if moved < 0 {
			t.Fatalf("no step %q in %q", in, steps)
		}
		for i, step := range steps {
			t.Run(fmt.Sprintf("exchange %v/%s", exchange, step), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "public")
				s, previous := killedState(t, out)
				if !exchange {
					s.exchange = noExchange
				}
				n := 0
				s.step = func(string) {
					if n == i {
						kill(s)
						runtime.Goexit() // only the lock's release is deferred, and kill did that as the system would
					}
					n++
				}
				var returned bool
				done := make(chan struct{})
				go func() {
					defer close(done)
					_ = s.Publish()
					returned = true
				}()
				<-done
				if returned {
					t.Fatalf("Publish did not stop after step %q", step)
				}

				wantNow := previous
				if i >= moved {
					wantNow = want
				}
				if exchange || step != "previous output moved aside" {
					// What a web server serving out sees until the next build.
					assertTree(t, out, wantNow)
				}
				recoverAndCheck(t, out, wantNow)
			})
		}
	}
}

// writeStagedManifest does what Publish does up to the manifest.
func writeStagedManifest(t *testing.T, s *Staging) {
	t.Helper()
	if err := s.linkSame(); err != nil {
		t.Fatal(err)
	}
	if s.base {
		if err := s.dropOthers(); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(s.list)
	if err := writeManifest(filepath.Join(s.dir, Manifest), s.list); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

// TestPublishKeepsUserFileItCannotPlace checks that a user file whose path
// the new build now uses as a folder, or as a file inside it, stops
// Publish before anything moves, with an error naming the file and what
// to do, and that building resumes once it is moved.
func TestPublishKeepsUserFileItCannotPlace(t *testing.T) {
	tests := []struct {
		name     string
		userFile string
		build    map[string]string
	}{
		{name: "the build writes a file where the user has a folder", userFile: "docs/guide.pdf", build: map[string]string{"docs": "built"}},
		{name: "the build writes into a folder where the user has a file", userFile: "about", build: map[string]string{"about/index.html": "built"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			build(t, out, siteV1)
			writeFiles(t, out, map[string]string{tt.userFile: "precious"})
			before := treeListing(t, out)
			s := stage(t, out, tt.build)

			err := s.Publish()

			if err == nil {
				t.Fatal("Publish = nil, want an error about the user's file")
			}
			for _, want := range []string{filepath.Join(out, tt.userFile), "move it out of " + out, out + " is as it was"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			assertTree(t, out, before)
			if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
				t.Errorf("beside the output: %q, want %q", got, want)
			}

			// The advice works.
			rename(t, filepath.Join(out, tt.userFile), filepath.Join(t.TempDir(), "rescued"))
			build(t, out, tt.build)
			if got, want := readFiles(t, out), withManifest(tt.build); !maps.Equal(got, want) {
				t.Errorf("output after the user moved the file:\ngot  %q\nwant %q", got, want)
			}
			if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
				t.Errorf("beside the output: %q, want %q", got, want)
			}
		})
	}
}
