package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinksWarned loads a site folder with symbolic links to a record,
// to a folder and to a file outside the site: each is skipped with a
// warning naming it, never silently, and nothing outside is read.
func TestSymlinksWarned(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("# Secret\n\nSECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n")
	write("radar/kafka.md", "---\ntitle: Kafka\nquadrant: tools\nring: hold\n---\nbody\n")
	link("0001-a.md", "decisions/0002-latest.md")
	link(filepath.Join(outside, "secret.md"), "decisions/0003-secret.md")
	link(outside, "content/shared")

	s, err := Load(Options{Site: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Decisions.Records); got != 1 {
		t.Errorf("%d records, want 1", got)
	}
	var got []string
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "skipped") {
			got = append(got, p.Error())
		}
	}
	want := []string{
		"content/shared: warning: symbolic link (to " + outside + ") skipped: waymark reads only regular files; put the file itself (or a copy) in its place",
		"decisions/0002-latest.md: warning: symbolic link (to 0001-a.md) skipped: waymark reads only regular files; put the file itself (or a copy) in its place",
		"decisions/0003-secret.md: warning: symbolic link (to " + filepath.Join(outside, "secret.md") + ") skipped: waymark reads only regular files; put the file itself (or a copy) in its place",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
