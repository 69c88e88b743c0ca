package build

import (
	"os"
	"testing"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/themes"
)

// BenchmarkSearchIndex is the search index's share of a build of the
// 1,000-document corpus: extracting text from the rendered bodies,
// tokenising, inverting and encoding the files (markdown is rendered once,
// before the timer starts).
func BenchmarkSearchIndex(b *testing.B) {
	dir := corpus(b, 1000)
	s, err := Load(Options{Site: os.DirFS(dir), Theme: themes.Default()})
	if err != nil {
		b.Fatal(err)
	}
	md := markdown.New(markdown.Options{})
	var bodies []job
	for _, j := range s.pageJobs() {
		if j.body != nil {
			j.view.Content = s.renderBody(md, j.body)
			bodies = append(bodies, j)
		}
	}
	size := 0
	for _, j := range bodies {
		size += len(j.view.Content)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		ix := s.newSearchIndex()
		parallel(len(bodies), func(i int) { ix.add(bodies[i].view.URL, bodies[i].view.Content) })
		if _, err := ix.files(); err != nil {
			b.Fatal(err)
		}
	}
}
