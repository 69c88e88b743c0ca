// Package sitetest helps tests build whole sites: the generated benchmark
// corpus, txtar fixtures (in memory or written to a folder), a copy of the
// repository's own site, and a folder with files replaced in memory. Only
// tests import it.
package sitetest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
	"golang.org/x/tools/txtar"
)

// Corpus returns a folder holding the generated benchmark corpus of n
// documents (../shared/bench/gen-corpus), generating it once per machine.
func Corpus(b testing.TB, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("waymark-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "radar")); err == nil {
		return dir
	}
	gen := os.Getenv("WAYMARK_GEN_CORPUS")
	if gen == "" {
		gen = filepath.Join("..", "..", "..", "shared", "bench", "gen-corpus")
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("corpus generator not found at %s (set WAYMARK_GEN_CORPUS): %v", gen, err)
	}
	tmp := dir + ".tmp"
	_ = os.RemoveAll(tmp)
	if out, err := exec.Command(gen, fmt.Sprint(n), tmp).CombinedOutput(); err != nil {
		b.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	return dir
}

// Overlay is a site folder with some files replaced in memory, so that
// benchmarks can edit the shared corpus without touching it.
type Overlay struct {
	fs.FS
	mu    sync.Mutex
	files map[string][]byte
}

// NewOverlay returns fsys with the given files replaced.
func NewOverlay(fsys fs.FS, files map[string][]byte) *Overlay {
	return &Overlay{FS: fsys, files: files}
}

// Open opens a replaced file, or fsys's.

// Set replaces the file name with data.
func (o *Overlay) Set(name string, data []byte) {
	o.mu.Lock()
	o.files[name] = data
	o.mu.Unlock()
}

func (o *Overlay) Open(name string) (fs.File, error) {
	o.mu.Lock()
	data, ok := o.files[name]
	o.mu.Unlock()
	if ok {
		return (fstest.MapFS{name: &fstest.MapFile{Data: data, Mode: 0o644}}).Open(name)
	}
	f, err := o.FS.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	// Perhaps a folder that only the replaced files are in.
	m := fstest.MapFS{}
	o.mu.Lock()
	for n, d := range o.files {
		m[n] = &fstest.MapFile{Data: d, Mode: 0o644}
	}
	o.mu.Unlock()
	return m.Open(name)
}

// Txtar reads a txtar archive into an in-memory site.
func Txtar(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// TxtarDir writes a txtar archive's files into a new temporary folder, for
// tests that need a site on disk (to edit it between builds), and returns
// the folder.
func TxtarDir(t testing.TB, file string) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range Txtar(t, file) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// CopyDefaultSite copies the repository's own site (its waymark.yaml,
// decisions, radar, content and usage) into a new temporary folder; root is the
// repository's root relative to the test's package.
func CopyDefaultSite(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"waymark.yaml", "decisions", "radar", "content", "usage"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Radar reads the radar of the site in fsys: its settings from
// waymark.yaml and every blip of its radar folder, parsed.
func Radar(t testing.TB, fsys fs.FS) (radar.Settings, []*radar.Blip) {
	t.Helper()
	cfg := config.Default()
	if src, err := fs.ReadFile(fsys, config.FileName); err == nil {
		if cfg, err = config.Parse(config.FileName, src); err != nil {
			t.Fatal(err)
		}
	}
	files, err := fs.Glob(fsys, path.Join(cfg.Radar, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no blips in %s: %v", cfg.Radar, err)
	}
	var blips []*radar.Blip
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := radar.Parse(f, data, cfg.RadarSettings())
		if err != nil {
			t.Fatal(err)
		}
		blips = append(blips, b)
	}
	return cfg.RadarSettings(), blips
}
