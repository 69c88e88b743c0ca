package decision_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// BenchmarkParse reads every record of the 10,000-document corpus, the
// share of a build that reading record files takes.
func BenchmarkParse(b *testing.B) {
	dir := filepath.Join(sitetest.Corpus(b, 10000), "decisions")
	names, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(names) == 0 {
		b.Fatalf("no records in %s: %v", dir, err)
	}
	srcs := make([][]byte, len(names))
	for i, n := range names {
		if srcs[i], err = os.ReadFile(n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			if _, err := decision.Parse("decisions/"+filepath.Base(names[i]), "", src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
