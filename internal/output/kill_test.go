package output

import (
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
	next, err := NewStaging(out)
	if err != nil {
		t.Fatalf("NewStaging after the kill: %v", err)
	}
	assertTree(t, out, want)
	if got, want := entries(t, filepath.Dir(out)), []string{filepath.Base(next.dir), "public"}; !slices.Equal(got, want) {
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

			wantNew := tt.kill(t, s)

			if wantNew {
				recoverAndCheck(t, out, want)
			} else {
				recoverAndCheck(t, out, previous)
			}
		})
	}
}

// TestKillPublishAtEveryStep stops Publish after each of its steps, as a
// kill would, and checks that the next build repairs the output.
func TestKillPublishAtEveryStep(t *testing.T) {
	var steps []string
	s, _ := killedState(t, filepath.Join(t.TempDir(), "public"))
	s.step = func(step string) { steps = append(steps, step) }
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	if got, want := len(steps), 4+len(userFiles); got != want {
		t.Fatalf("Publish took steps %q, want %d", steps, want)
	}
	moved := slices.Index(steps, "new output moved in")
	if moved < 0 {
		t.Fatalf("no step %q in %q", "new output moved in", steps)
	}

	want := newOutput(t)
	for i, step := range steps {
		t.Run(step, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			s, previous := killedState(t, out)
			n := 0
			s.step = func(string) {
				if n == i {
					runtime.Goexit() // no deferred clean-up, like a kill
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

			if i < moved {
				recoverAndCheck(t, out, previous)
			} else {
				recoverAndCheck(t, out, want)
			}
		})
	}
}

func writeStagedManifest(t *testing.T, s *Staging) {
	t.Helper()
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
// the new build now uses as a folder, or as a file inside it, is kept (and
// named) rather than deleted, and that building resumes once it is moved.
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
			s := stage(t, out, tt.build)

			err := s.Publish()

			if err == nil {
				t.Fatal("Publish = nil, want an error about the user's file")
			}
			old := s.dir + ".old"
			for _, want := range []string{tt.userFile, old, "move the file out of the way"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			kept := filepath.Join(old, filepath.FromSlash(tt.userFile))
			if got, want := readFile(t, kept), "precious"; got != want {
				t.Fatalf("user file %s = %q, want %q", kept, got, want)
			}
			if got, want := readFiles(t, out), withManifest(tt.build); !maps.Equal(got, want) {
				t.Errorf("output:\ngot  %q\nwant %q", got, want)
			}

			// The next build refuses to go on rather than delete the file.
			if _, err := NewStaging(out); err == nil || !strings.Contains(err.Error(), tt.userFile) {
				t.Fatalf("NewStaging with the file still in the way = %v, want an error naming %s", err, tt.userFile)
			}
			if got, want := readFile(t, kept), "precious"; got != want {
				t.Fatalf("user file %s = %q, want %q", kept, got, want)
			}

			rename(t, kept, filepath.Join(t.TempDir(), "rescued"))
			build(t, out, siteV2)
			if got, want := readFiles(t, out), withManifest(siteV2); !maps.Equal(got, want) {
				t.Errorf("output after the user moved the file:\ngot  %q\nwant %q", got, want)
			}
			if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
				t.Errorf("beside the output: %q, want %q", got, want)
			}
		})
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
