package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/themes"
)

// corpus returns a folder holding the generated benchmark corpus of n
// documents (../shared/bench/gen-corpus), generating it once per machine.
func corpus(b *testing.B, n int) string {
	b.Helper()
	gen := os.Getenv("WAYMARK_GEN_CORPUS")
	if gen == "" {
		gen = filepath.Join("..", "..", "..", "shared", "bench", "gen-corpus")
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("corpus generator not found at %s (set WAYMARK_GEN_CORPUS): %v", gen, err)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("waymark-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "radar")); err == nil {
		return dir
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

// BenchmarkBuild is a cold build (load, render, minify) of the generated
// corpus into memory-less output: files are handed to a writer that drops
// them, so the figure is waymark's work, not the disk's.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := corpus(b, n)
			b.ReportAllocs()
			for b.Loop() {
				s, err := Load(Options{Site: os.DirFS(dir), Theme: themes.Default()})
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Render(nullWriter{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type nullWriter struct{}

func (nullWriter) WriteFile(string, []byte) error { return nil }
