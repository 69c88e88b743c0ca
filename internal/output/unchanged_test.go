package output

import (
	"maps"
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

// TestSameBuildLeavesOutput publishes the same build again: the output
// folder itself is kept (no swap, no new folders), with the user's file
// and the manifest as they were, and no staging folder is left. Then
// each kind of difference (a changed file, a new file, a missing file,
// the output's mode) publishes a new folder.
func TestSameBuildLeavesOutput(t *testing.T) {
	files := map[string]string{"index.html": "home", "decisions/a/index.html": "a", "feed.xml": "<feed/>"}
	for _, c := range []struct {
		name   string
		change func(out string, next map[string]string)
		kept   bool
	}{
		{"same", func(string, map[string]string) {}, true},
		{"changed file", func(_ string, next map[string]string) { next["feed.xml"] = "<feed>new</feed>" }, false},
		{"new file", func(_ string, next map[string]string) { next["decisions/b/index.html"] = "b" }, false},
		{"missing file", func(_ string, next map[string]string) { delete(next, "feed.xml") }, false},
		{"output mode", func(out string, _ map[string]string) {
			if err := os.Chmod(out, 0o700); err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			build(t, out, files)
			if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("guide.example.com"), 0o644); err != nil {
				t.Fatal(err)
			}
			next := maps.Clone(files)
			c.change(out, next)
			before, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			build(t, out, next)
			after, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if kept := os.SameFile(before, after); kept != c.kept {
				t.Errorf("output folder kept = %v, want %v", kept, c.kept)
			}
			if after.Mode().Perm() != 0o755 {
				t.Errorf("output mode %v, want 0755", after.Mode().Perm())
			}
			ref := filepath.Join(t.TempDir(), "public")
			build(t, ref, next)
			writeFiles(t, ref, map[string]string{"CNAME": "guide.example.com"})
			assertTree(t, out, treeListing(t, ref))
			if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*")); len(leftovers) > 0 {
				t.Errorf("leftovers: %v", leftovers)
			}
		})
	}
}
