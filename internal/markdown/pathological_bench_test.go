package markdown

import (
	"math"
	"sort"
	"testing"
	"time"
)

// BenchmarkPathological renders each pathological document at its big
// size: the answer, a page or an error, must come in well under 2 s.
func BenchmarkPathological(b *testing.B) {
	r := New(Options{})
	for _, c := range pathologicals {
		body := []byte(c.gen(c.big))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				_, _ = r.Render(Doc{Source: "content/guide.md", URL: "guide/", Body: body, BodyLine: 1}, site)
			}
		})
	}
}

// BenchmarkPathologicalScaling renders each pathological document at its
// big size and at a tenth of it, and fails when ten times the input takes
// more than twenty times as long: the work must stay about linear in the
// document, whether it is rendered or refused. The ratio of the fastest
// runs is reported as the metric "time-ratio".
func BenchmarkPathologicalScaling(b *testing.B) {
	r := New(Options{})
	for _, c := range pathologicals {
		big := []byte(c.gen(c.big))
		small := []byte(c.gen(sizeFor(c.gen, len(big)/10, c.big)))
		b.Run(c.name, func(b *testing.B) {
			// The fastest of each: the machine's other work only adds.
			tSmall, tBig := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			for b.Loop() {
				t0 := time.Now()
				_, _ = r.Render(Doc{Source: "content/guide.md", URL: "guide/", Body: small, BodyLine: 1}, site)
				t1 := time.Now()
				_, _ = r.Render(Doc{Source: "content/guide.md", URL: "guide/", Body: big, BodyLine: 1}, site)
				tSmall, tBig = min(tSmall, t1.Sub(t0)), min(tBig, time.Since(t1))
			}
			ratio := float64(tBig) / float64(tSmall)
			b.ReportMetric(ratio, "time-ratio")
			b.ReportMetric(float64(len(big))/float64(len(small)), "size-ratio")
			if ratio > 20 {
				b.Errorf("%d bytes took %.1f times as long as %d bytes", len(big), ratio, len(small))
			}
		})
	}
}

// sizeFor returns the repetitions, up to most, for which gen makes about
// size bytes. (Some generators grow with the square of n: n is never
// tried beyond most.)
func sizeFor(gen func(int) string, size, most int) int {
	return sort.Search(most, func(n int) bool { return len(gen(n)) >= size })
}
