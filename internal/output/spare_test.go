package output

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSpare publishes four builds with a spare: each from the third on
// starts from the output two builds back, never changes the live output
// while it stages (its files share inodes with the spare's), and
// publishes what a build without a spare publishes, keeping the inodes
// of unchanged files.
func TestSpare(t *testing.T) {
	root := t.TempDir()
	out, spare := filepath.Join(root, "public"), filepath.Join(t.TempDir(), "spare")
	builds := []map[string]string{
		{"index.html": "home", "a/index.html": "a", "b/index.html": "b", "c": "a file"},
		{"index.html": "home", "a/index.html": "a, edited", "b/index.html": "b", "c": "a file"},
		{"index.html": "home", "a/index.html": "a", "b/index.html": "b, edited", "c/index.html": "a folder now", "d/index.html": "new"},
		{"index.html": "home", "a/index.html": "a", "c": "a file again", "d/index.html": "new"},
	}
	user := map[string]string{"CNAME": "example.org\n"}
	publish := func(i int) *Staging {
		t.Helper()
		s, err := NewStagingWithSpare(context.Background(), out, Wait{}, spare)
		if err != nil {
			t.Fatal(err)
		}
		if want := i >= 2; s.base != want {
			t.Errorf("build %d: started from the spare = %v, want %v", i+1, s.base, want)
		}
		var live map[string]string
		if i > 0 {
			live = readFiles(t, out)
		}
		for _, name := range slices.Sorted(maps.Keys(builds[i])) {
			if err := s.WriteFile(name, []byte(builds[i][name])); err != nil {
				t.Fatalf("build %d: WriteFile(%s): %v", i+1, name, err)
			}
		}
		if i > 0 {
			if got := readFiles(t, out); !maps.Equal(got, live) {
				t.Errorf("build %d changed the live output while staging:\ngot  %q\nwant %q", i+1, got, live)
			}
		}
		return s
	}
	for i := range builds {
		var before os.FileInfo
		if i > 0 {
			before, _ = os.Stat(filepath.Join(out, "index.html"))
		}
		if err := publish(i).Publish(); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if i == 0 {
			writeFiles(t, out, user)
		}
		if got, want := readFiles(t, out), merge(withManifest(builds[i]), user); !maps.Equal(got, want) {
			t.Errorf("build %d:\ngot  %q\nwant %q", i+1, got, want)
		}
		if i > 0 {
			after, _ := os.Stat(filepath.Join(out, "index.html"))
			if !os.SameFile(before, after) {
				t.Errorf("build %d: the unchanged index.html was written again", i+1)
			}
			if _, err := os.Stat(spare); err != nil {
				t.Errorf("build %d: no spare kept: %v", i+1, err)
			}
		}
	}
	if got, want := entries(t, root), []string{"public"}; !slices.Equal(got, want) {
		t.Errorf("beside the output: %q, want %q", got, want)
	}

	// A build discarded puts its staging folder back as the spare; one
	// that is the last build again leaves the output as it is.
	s := publish(2)
	if err := s.Discard(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spare); err != nil {
		t.Errorf("after Discard: no spare: %v", err)
	}
	if got, want := readFiles(t, out), merge(withManifest(builds[3]), user); !maps.Equal(got, want) {
		t.Errorf("after Discard:\ngot  %q\nwant %q", got, want)
	}
}

// TestSpareNotInsideOutput keeps no spare inside the output folder, nor
// one that holds it: the first would be published, the second replaced.
func TestSpareNotInsideOutput(t *testing.T) {
	for _, where := range []string{"public/.spare", "."} {
		root := t.TempDir()
		out := filepath.Join(root, "public")
		for range 3 {
			s, err := NewStagingWithSpare(context.Background(), out, Wait{}, filepath.Join(root, where))
			if err != nil {
				t.Fatal(err)
			}
			if s.spare != "" {
				t.Errorf("spare %s kept for output %s", where, out)
			}
			if err := s.WriteFile("index.html", []byte("home")); err != nil {
				t.Fatal(err)
			}
			if err := s.Publish(); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := readFiles(t, out), withManifest(map[string]string{"index.html": "home"}); !maps.Equal(got, want) {
			t.Errorf("spare at %s: output %q, want %q", where, got, want)
		}
	}
}
