package preview

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// flush returns once every change made so far has been built and its
// result published, and returns the changed paths of the builds that
// took them. It writes a file that is no source (its build changes
// nothing) and waits until a build took it: the watcher sees events in
// the order they happened, so every change before it is in that build or
// an earlier one. A second such file, once its build has started, shows
// that the first build has been published (one build at a time).
func (c *controlled) flush(t testing.TB) [][]string {
	t.Helper()
	before := len(c.builds())
	var took [][]string
	for range 2 {
		c.flushes++
		name := fmt.Sprintf("flush-%d.txt", c.flushes)
		writeFile(t, c.Dir, name, "")
		c.settle(t)
		waitFor(t, "a build of "+name, func() bool {
			for _, b := range c.builds()[before:] {
				if slices.Contains(b, name) {
					return true
				}
			}
			return false
		})
		if took == nil {
			took = c.builds()[before:]
		}
	}
	return took
}

// foldersUnder lists every folder under root that the watcher should
// watch, as absolute paths.
func foldersUnder(t testing.TB, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if ignored(rel) {
				return fs.SkipDir
			}
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	return dirs
}

// TestRenamedFolders renames and moves folders, a leaf and one with
// folders in it, at several depths, and then edits and adds files inside
// them: every edit and new file is served, the moved pages are served at
// their new addresses and no longer at the old, and the watcher watches
// exactly the folders that exist. The watcher sees the real events one at
// a time through the relay, and the test decides when batches end: a busy
// machine cannot change which changes a build sees.
func TestRenamedFolders(t *testing.T) {
	dir := copySite(t)
	outside := t.TempDir()
	// pages maps each free page's source to the text its page must show.
	pages := map[string]string{}
	write := func(name, text string) {
		t.Helper()
		writeFile(t, dir, name, "---\ntitle: "+filepath.Base(name)+"\n---\n"+text+"\n")
		pages[name] = text
	}
	// move renames a folder within the site, or out of it or into it
	// (from or to "outside/..."), and moves its pages in the model.
	move := func(from, to string) {
		t.Helper()
		abs := func(p string) string {
			if rest, ok := strings.CutPrefix(p, "outside/"); ok {
				return filepath.Join(outside, rest)
			}
			return filepath.Join(dir, filepath.FromSlash(p))
		}
		if err := os.MkdirAll(filepath.Dir(abs(to)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(abs(from), abs(to)); err != nil {
			t.Fatal(err)
		}
		for _, name := range slices.Sorted(maps.Keys(pages)) {
			if rest, ok := strings.CutPrefix(name, from+"/"); ok {
				pages[to+"/"+rest] = pages[name]
				delete(pages, name)
			}
		}
	}
	url := func(name string) string {
		return "/" + strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md") + "/"
	}
	write("content/guides/g.md", "A guide at the top.")
	write("content/guides/deep/g.md", "A guide further down.")
	write("content/guides/deep/deeper/g.md", "A guide at the bottom.")
	s := startControlled(t, dir)

	gone := map[string]bool{} // pages that must be 404 now
	check := func(step string, took [][]string, changed ...string) {
		t.Helper()
		for _, name := range slices.Sorted(maps.Keys(pages)) {
			if !strings.HasPrefix(name, "content/") {
				continue // moved out of the site
			}
			if code, body := get(t, s.Server, url(name)); code != 200 || !strings.Contains(body, pages[name]) {
				t.Errorf("%s: %s: %d, has %q: %v", step, url(name), code, pages[name], strings.Contains(body, pages[name]))
			}
			delete(gone, url(name))
		}
		for _, u := range slices.Sorted(maps.Keys(gone)) {
			if code, _ := get(t, s.Server, u); code != 404 {
				t.Errorf("%s: %s still served (%d)", step, u, code)
			}
		}
		var built []string
		for _, b := range took {
			built = append(built, b...)
		}
		for _, p := range changed {
			if !slices.Contains(built, p) {
				t.Errorf("%s: %s in no build; builds took %q", step, p, took)
			}
		}
		if got, want := s.relay.watched(), foldersUnder(t, dir); !slices.Equal(got, want) {
			t.Errorf("%s: watching\n\t%s\nwant\n\t%s", step, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	}
	check("at the start", nil)

	for _, st := range []struct {
		name     string
		from, to string   // a folder to move first, if any
		edit     []string // pages edited or added after the move
		changed  []string // paths the builds must have taken
	}{
		{"a folder with folders in it renamed", "content/guides", "content/handbook",
			[]string{"content/handbook/deep/g.md", "content/handbook/deep/deeper/new.md"},
			[]string{"content/guides", "content/handbook/g.md", "content/handbook/deep/g.md", "content/handbook/deep/deeper/g.md", "content/handbook/deep/deeper/new.md"}},
		{"a leaf folder renamed", "content/handbook/deep/deeper", "content/handbook/deep/bottom",
			[]string{"content/handbook/deep/bottom/g.md", "content/handbook/deep/bottom/another.md"},
			[]string{"content/handbook/deep/deeper", "content/handbook/deep/bottom/g.md", "content/handbook/deep/bottom/new.md"}},
		{"edited again after the last rename", "", "",
			[]string{"content/handbook/deep/bottom/g.md", "content/handbook/deep/g.md"},
			[]string{"content/handbook/deep/bottom/g.md", "content/handbook/deep/g.md"}},
		{"a folder moved up", "content/handbook/deep", "content/deep",
			[]string{"content/deep/g.md", "content/deep/bottom/g.md"},
			[]string{"content/handbook/deep", "content/deep/g.md", "content/deep/bottom/g.md"}},
		{"a folder moved down", "content/deep", "content/handbook/again/deep",
			[]string{"content/handbook/again/deep/bottom/g.md"},
			[]string{"content/deep", "content/handbook/again/deep/bottom/g.md"}},
		{"a folder moved out of the site", "content/handbook/again", "outside/again", nil,
			[]string{"content/handbook/again"}},
		{"and back in", "outside/again", "content/back",
			[]string{"content/back/deep/g.md"},
			[]string{"content/back/deep/g.md", "content/back/deep/bottom/another.md"}},
	} {
		before := maps.Clone(pages)
		if st.from != "" {
			move(st.from, st.to)
			for name := range before {
				if _, ok := pages[name]; !ok {
					gone[url(name)] = true
				}
			}
		}
		for i, name := range st.edit {
			write(name, fmt.Sprintf("Written after %s, number %d.", st.name, i))
		}
		check(st.name, s.flush(t), st.changed...)
	}
}
