package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUnchangedFilesLinked builds twice: a file with the same bytes is
// the previous build's file (same inode, same time), linked rather than
// written; a changed file, a file the user changed the mode of, and a
// user's file at a path the build now writes are written afresh.
func TestUnchangedFilesLinked(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := map[string]string{
		"index.html":             "<h1>same</h1>",
		"changed.html":           "before",
		"same-size.html":         "aaaa",
		"chmod.html":             "mode changed by the user",
		"decisions/a/index.html": "deep, same",
	}
	build(t, out, first)
	if err := os.Chmod(filepath.Join(out, "chmod.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "user.html"), []byte("the user's"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for _, name := range []string{"index.html", "changed.html", "same-size.html", "chmod.html", "decisions/a/index.html", "user.html"} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = info
	}
	second := map[string]string{
		"index.html":             "<h1>same</h1>",
		"changed.html":           "after, longer",
		"same-size.html":         "bbbb",
		"chmod.html":             "mode changed by the user",
		"decisions/a/index.html": "deep, same",
		"user.html":              "the user's",
	}
	build(t, out, second)
	for name, wantLinked := range map[string]bool{
		"index.html": true, "decisions/a/index.html": true,
		"changed.html": false, "same-size.html": false, "chmod.html": false, "user.html": false,
	} {
		p := filepath.Join(out, name)
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := os.SameFile(info, before[name]); got != wantLinked {
			t.Errorf("%s: the previous build's file kept = %v, want %v", name, got, wantLinked)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != second[name] {
			t.Errorf("%s = %q, want %q", name, data, second[name])
		}
		if name == "chmod.html" && info.Mode().Perm() == 0o600 {
			t.Errorf("%s kept the mode the user gave it", name)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*")); len(leftovers) > 0 {
		t.Errorf("leftovers: %v", leftovers)
	}
}
