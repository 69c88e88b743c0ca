package buildcache

import (
	"fmt"
	"os"
	"testing"

	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkCachedBuild is a build of the generated corpus through a
// cache a previous build filled (load, assemble, keys, reading entries),
// into a writer that drops the files: the repeated build without the
// disk's share of publishing.
func BenchmarkCachedBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			opts := site.Options{Site: os.DirFS(sitetest.Corpus(b, n)), Theme: themes.Default()}
			dir := b.TempDir()
			once := func() (hits, misses int) {
				c, err := Open(Options{Dir: dir, Version: []byte("bench")})
				if err != nil {
					b.Fatal(err)
				}
				s, err := site.Load(opts)
				if err != nil {
					b.Fatal(err)
				}
				th, err := render.LoadTheme(s)
				if err != nil {
					b.Fatal(err)
				}
				reuse, err := c.For(s, th)
				if err != nil {
					b.Fatal(err)
				}
				if err := render.Build(drop{}, s, th, reuse); err != nil {
					b.Fatal(err)
				}
				if err := c.Close(); err != nil {
					b.Fatal(err)
				}
				return reuse.Stats()
			}
			once()
			b.ReportAllocs()
			for b.Loop() {
				if _, misses := once(); misses != 0 {
					b.Fatalf("%d pages rendered", misses)
				}
			}
		})
	}
}

type drop struct{}

func (drop) WriteFile(string, []byte) error { return nil }
