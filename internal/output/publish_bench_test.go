package output

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/parallel"
)

// BenchmarkRepublish publishes a site of 10,000 pages (a folder with an
// index.html of 12 KB each, as the corpus has) over its previous build
// with the same bytes: what a repeated build costs after rendering. Each
// step of Publish is timed and reported on its own.
func BenchmarkRepublish(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	const pages = 10000
	names := make([]string, pages)
	data := make([][]byte, pages)
	for i := range names {
		names[i] = fmt.Sprintf("decisions/%04d-a-record/index.html", i)
		data[i] = bytes.Repeat([]byte(fmt.Sprintf("<p>page %d</p>", i)), 12<<10/14)
	}
	publish := func(step func(string)) {
		s, err := newStaging(out)
		if err != nil {
			b.Fatal(err)
		}
		if step != nil {
			step("staging made")
		}
		s.step = step
		errs := make([]error, pages)
		parallel.For(pages, func(i int) { errs[i] = s.WriteFile(names[i], data[i]) })
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		if step != nil {
			step("written")
		}
		if err := s.Publish(); err != nil {
			b.Fatal(err)
		}
		if step != nil {
			step("previous output removed")
		}
	}
	publish(nil)
	steps := map[string]time.Duration{}
	b.ResetTimer()
	for b.Loop() {
		last := time.Now()
		publish(func(name string) {
			steps[name] += time.Since(last)
			last = time.Now()
		})
	}
	for name, d := range steps {
		b.ReportMetric(float64(d.Milliseconds())/float64(b.N), "ms-to-"+strings.ReplaceAll(name, " ", "-"))
	}
}
