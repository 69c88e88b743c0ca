package buildcache

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// entries lists the entry files of the cache folder dir, by kind.
func entries(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		kind, _, ok := strings.Cut(filepath.ToSlash(rel), "/")
		if ok && !strings.HasPrefix(d.Name(), ".tmp-") {
			out[kind] = append(out[kind], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDamagedEntries damages entries of each kind (truncated, a byte
// changed, emptied): the next build warns of each, builds the same files
// as a build without the cache, and writes them again, so that the build
// after that warns of nothing.
func TestDamagedEntries(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../incremental/testdata/site.txtar")
	cacheDir := t.TempDir()
	c, _ := open(t, cacheDir, "v1")
	build(t, dir, c)
	found := entries(t, cacheDir)
	damage := []struct {
		kind string
		how  func(data []byte) []byte
	}{
		{"page", func(d []byte) []byte { return d[:len(d)/2] }},
		{"md", func(d []byte) []byte { d[len(d)-1] ^= 1; return d }},
		{"gen", func([]byte) []byte { return nil }},
		{"search", func(d []byte) []byte { d[3] = 'X'; return d }},
		{"min", func(d []byte) []byte { return append(d, '!') }},
	}
	for _, d := range damage {
		if len(found[d.kind]) == 0 {
			t.Fatalf("no %s entries in %v", d.kind, found)
		}
		p := found[d.kind][0]
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, d.how(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, warnings := open(t, cacheDir, "v1")
	same(t, "damaged", build(t, dir, c), build(t, dir, nil))
	if len(*warnings) != len(damage) {
		t.Errorf("got %d warnings, want one per damaged entry (%d):\n%s", len(*warnings), len(damage), strings.Join(*warnings, "\n"))
	}
	for _, w := range *warnings {
		if !strings.Contains(w, "damaged") || !strings.Contains(w, cacheDir) {
			t.Errorf("warning %q does not name the damaged entry", w)
		}
	}
	c, warnings = open(t, cacheDir, "v1")
	again := build(t, dir, c)
	if len(*warnings) != 0 || again.misses != 0 {
		t.Errorf("after the rebuild: %d warnings, %d pages rendered; want none: %q", len(*warnings), again.misses, *warnings)
	}
}

// TestOtherVersion checks that a waymark of another version takes
// nothing from the cache another one filled.
func TestOtherVersion(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../incremental/testdata/site.txtar")
	cacheDir := t.TempDir()
	c, _ := open(t, cacheDir, "v1")
	build(t, dir, c)
	c, _ = open(t, cacheDir, "v2")
	if b := build(t, dir, c); b.hits != 0 {
		t.Errorf("version v2 took %d pages of v1's", b.hits)
	}
}

// TestTrim fills a cache past a small limit: Close removes the least
// recently used entries first, down to three quarters of the limit.
func TestTrim(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../incremental/testdata/site.txtar")
	cacheDir := t.TempDir()
	c, _ := open(t, cacheDir, "v1")
	build(t, dir, c)
	var total int64
	var files []string
	for _, list := range entries(t, cacheDir) {
		for _, p := range list {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			total += info.Size()
			files = append(files, p)
		}
	}
	// One entry used long ago, the rest an hour ago.
	old := files[0]
	for _, p := range files {
		when := time.Now().Add(-2 * time.Hour)
		if p == old {
			when = time.Now().Add(-48 * time.Hour)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	limit := total - 1
	c, err := Open(Options{Dir: cacheDir, Version: []byte("v1"), MaxBytes: limit})
	if err != nil {
		t.Fatal(err)
	}
	c.put("md", [32]byte{1}, []byte("a new entry"))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the least recently used entry %s is still there (%v)", old, err)
	}
	if _, ok := c.get("md", [32]byte{1}); !ok {
		t.Error("the newest entry was removed")
	}
	var left int64
	for _, list := range entries(t, cacheDir) {
		for _, p := range list {
			info, _ := os.Stat(p)
			left += info.Size()
		}
	}
	if left > limit*3/4 {
		t.Errorf("%d bytes left, want at most %d", left, limit*3/4)
	}
	if size, err := readSize(filepath.Join(cacheDir, sizeFile)); err != nil || size != left {
		t.Errorf("size file says %d (%v), entries take %d", size, err, left)
	}
}

// TestConcurrentBuilds runs builds of one site with one cache folder at
// the same time, each with a cache of its own as separate processes
// have: each builds what a build without the cache builds.
func TestConcurrentBuilds(t *testing.T) {
	dir := sitetest.TxtarDir(t, "../incremental/testdata/site.txtar")
	cacheDir := t.TempDir()
	want := build(t, dir, nil)
	var wg sync.WaitGroup
	results := make([]built, 4)
	for i := range results {
		wg.Go(func() {
			c, _ := open(t, cacheDir, "v1")
			results[i] = build(t, dir, c)
		})
	}
	wg.Wait()
	for i, got := range results {
		same(t, "concurrent build "+string(rune('1'+i)), got, want)
	}
	c, warnings := open(t, cacheDir, "v1")
	if b := build(t, dir, c); b.misses != 0 || len(*warnings) != 0 {
		t.Errorf("after the concurrent builds: %d pages rendered, warnings %q", b.misses, *warnings)
	}
}
