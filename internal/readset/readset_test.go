package readset

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// readLikeABuild asks fsys what a build of a site asks: it walks a
// folder and reads every file, looks for an optional file, reads a
// theme file through fs.Sub and Open, and checks a link.
func readLikeABuild(t *testing.T, fsys fs.FS) {
	t.Helper()
	err := fs.WalkDir(fsys, "decisions", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, err = fs.ReadFile(fsys, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "waymark.yaml"); err != nil {
		t.Fatal(err)
	}
	_, _ = fs.Stat(fsys, "themes/own")      // absent: the built-in theme is used
	_, _ = fs.Lstat(fsys, "docs/linked.md") // a linked file outside the folders
	sub, err := fs.Sub(fsys, "themes/house")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sub.Open("templates/base.html")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestSame(t *testing.T) {
	write := func(t *testing.T, dir, p, data string) {
		t.Helper()
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		same   bool
	}{
		{"nothing", func(*testing.T, string) {}, true},
		{"a file rewritten with its own bytes, a later time", func(t *testing.T, dir string) {
			write(t, dir, "decisions/0001-a.md", "# A\n")
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(dir, "decisions/0001-a.md"), later, later); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a file nobody read changed", func(t *testing.T, dir string) { write(t, dir, "notes/todo.txt", "other") }, true},
		{"a record's bytes", func(t *testing.T, dir string) { write(t, dir, "decisions/0001-a.md", "# A!\n") }, false},
		{"a record's bytes, same size, old time", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "decisions/0001-a.md")
			fi, _ := os.Stat(p)
			write(t, dir, "decisions/0001-a.md", "# B\n")
			if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a new record", func(t *testing.T, dir string) { write(t, dir, "decisions/0002-b.md", "# B\n") }, false},
		{"a new folder of records", func(t *testing.T, dir string) { write(t, dir, "decisions/sub/0003-c.md", "# C\n") }, false},
		{"a record removed", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "decisions/0001-a.md")) }, false},
		{"the configuration", func(t *testing.T, dir string) { write(t, dir, "waymark.yaml", "title: Other\n") }, false},
		{"an absent theme appears", func(t *testing.T, dir string) { write(t, dir, "themes/own/x", "") }, false},
		{"the linked file appears", func(t *testing.T, dir string) { write(t, dir, "docs/linked.md", "# L\n") }, false},
		{"a theme template opened and read", func(t *testing.T, dir string) {
			write(t, dir, "themes/house/templates/base.html", "<p>other</p>")
		}, false},
		{"a record replaced by a folder", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "decisions/0001-a.md"))
			write(t, dir, "decisions/0001-a.md/x", "")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "waymark.yaml", "title: Site\n")
			write(t, dir, "decisions/0001-a.md", "# A\n")
			write(t, dir, "themes/house/templates/base.html", "<p>base</p>")
			write(t, dir, "notes/todo.txt", "")
			rec := Record(os.DirFS(dir))
			readLikeABuild(t, rec)
			reads, ok := rec.Reads()
			if !ok {
				t.Fatal("a clean build's reads are not usable")
			}
			tt.change(t, dir)
			if got := reads.Same(os.DirFS(dir)); got != tt.same {
				t.Errorf("Same = %v, want %v", got, tt.same)
			}
		})
	}
}

func TestUnusable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := Record(os.DirFS(dir))
	if _, err := rec.ReadFile("a.md"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.ReadFile("a.md"); err != nil {
		t.Fatal(err)
	}
	if _, ok := rec.Reads(); ok {
		t.Error("a file that changed within the build left a usable read set")
	}
	rec = Record(os.DirFS(dir))
	_, _ = rec.ReadFile("../outside") // an invalid name: not "does not exist"
	if _, ok := rec.Reads(); ok {
		t.Error("a read that failed with an error left a usable read set")
	}
}

func TestEncode(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := Record(os.DirFS(dir))
	_, _ = rec.ReadDir(".")
	_, _ = rec.ReadFile("a.md")
	_, _ = rec.Stat("missing")
	reads, _ := rec.Reads()
	got, rest, err := Decode(append(reads.Append(nil), "tail"...))
	if err != nil || string(rest) != "tail" {
		t.Fatalf("Decode: %v, rest %q", err, rest)
	}
	if got.Sum() != reads.Sum() || len(got) != 3 {
		t.Errorf("decoded %v, want %v", got, reads)
	}
	for _, bad := range [][]byte{nil, {5}, reads.Append(nil)[:20]} {
		if _, _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%q) = nil error", bad)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Reads{{Kind: File, Path: "a.md"}, {Kind: Dir, Path: "."}}.Append(nil))
	f.Add([]byte{1, 9, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, rest, err := Decode(b)
		if err != nil {
			return
		}
		again, _, err := Decode(rs.Append(nil))
		if err != nil || again.Sum() != rs.Sum() {
			t.Fatalf("round trip: %v", err)
		}
		if len(rest) > len(b) {
			t.Fatal("rest longer than the input")
		}
	})
}
