package preview

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// corpus returns a copy, made for this benchmark, of the generated corpus
// of n documents (../shared/bench/gen-corpus, generated once per machine
// into the temporary folder, as internal/render's benchmarks do).
func corpus(b *testing.B, n int) string {
	b.Helper()
	gen := os.Getenv("WAYMARK_GEN_CORPUS")
	if gen == "" {
		gen = filepath.Join("..", "..", "..", "shared", "bench", "gen-corpus")
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("corpus generator not found at %s (set WAYMARK_GEN_CORPUS): %v", gen, err)
	}
	shared := filepath.Join(os.TempDir(), fmt.Sprintf("waymark-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(shared, "radar")); err != nil {
		tmp := shared + ".tmp"
		_ = os.RemoveAll(tmp)
		if out, err := exec.Command(gen, fmt.Sprint(n), tmp).CombinedOutput(); err != nil {
			b.Fatalf("gen-corpus: %v\n%s", err, out)
		}
		if err := os.Rename(tmp, shared); err != nil {
			b.Fatal(err)
		}
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(shared)); err != nil {
		b.Fatal(err)
	}
	return dir
}

// editLoop starts a watching server on the corpus, then saves one record
// n times, each time waiting for the reload event, and returns how long
// each save took to become a reload event.
func editLoop(b *testing.B, s *Server, dir string, n int, each func(i int)) []time.Duration {
	b.Helper()
	names, _ := fs.Glob(os.DirFS(dir), "decisions/0042-*.md")
	if len(names) != 1 {
		b.Fatalf("record 42 not found: %v", names)
	}
	return saveLoop(b, s, filepath.Join(dir, names[0]), n, func(orig []byte, i int) []byte {
		return fmt.Appendf(nil, "%s\nSaved edit number %d.\n", orig, i)
	}, each)
}

// saveLoop saves the file p n times, each time as edit makes it from the
// file's first text, waits for the reload event of the connected client,
// and returns how long each save took to become a reload event.
func saveLoop(b *testing.B, s *Server, p string, n int, edit func(orig []byte, i int) []byte, each func(i int)) []time.Duration {
	b.Helper()
	orig, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	es, _ := connect(b, s, nil)
	var took []time.Duration
	for i := range n {
		text := edit(orig, i)
		start := time.Now()
		if err := os.WriteFile(p, text, 0o644); err != nil {
			b.Fatal(err)
		}
		if e := es.next(b); e.name != "reload" {
			b.Fatalf("event %q, want reload", e.name)
		}
		took = append(took, time.Since(start))
		if each != nil {
			each(i)
		}
		// An author saves, then looks: saves closer together than the
		// watcher's storm window (100ms) are batched by design.
		time.Sleep(pause)
	}
	return took
}

// pause is the time between two saves of editLoop.
const pause = 150 * time.Millisecond

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkSaveToReload measures, with the 10,000-document corpus loaded
// and watched, the time from writing an edit of one record to its disk
// to the reload event arriving at a connected client: watching, batching,
// the incremental build, publishing and the event. ns/op is the mean;
// ms-median is the median of the iterations of one run.
func BenchmarkSaveToReload(b *testing.B) {
	dir := corpus(b, 10000)
	s := start(b, dir)
	var all []time.Duration
	for b.Loop() {
		b.StopTimer()
		all = append(all, editLoop(b, s, dir, 1, nil)...)
		b.StartTimer()
	}
	reportSaves(b, all)
}

// BenchmarkSaveToReloadSBOM measures the same from a save of one SBOM
// of the default site with 200 generated SBOMs of 1,500 components each
// (sitetest.UsageCorpus): each save changes one component's version.
func BenchmarkSaveToReloadSBOM(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(sitetest.UsageCorpus(b, "../..", 200, 1500))); err != nil {
		b.Fatal(err)
	}
	s := start(b, dir)
	p := filepath.Join(dir, "usage", "team-07", "project-007.cdx.json")
	i := 0
	var all []time.Duration
	for b.Loop() {
		b.StopTimer()
		i++
		all = append(all, saveLoop(b, s, p, 1, func(orig []byte, _ int) []byte {
			return bytes.Replace(orig, []byte(`"version": "`), fmt.Appendf(nil, `"version": "%d.`, i), 1)
		}, nil)...)
		b.StartTimer()
	}
	reportSaves(b, all)
	if log := s.Log.(*syncWriter).String(); strings.Contains(log, "failed") {
		b.Fatalf("a build failed:\n%s", log)
	}
}

// reportSaves reports the mean of the saves' times as ns/op and their
// median as ms-median.
func reportSaves(b *testing.B, all []time.Duration) {
	b.Helper()
	var sum time.Duration
	for _, d := range all {
		sum += d
	}
	b.ReportMetric(float64(sum.Nanoseconds())/float64(len(all)), "ns/op")
	b.ReportMetric(float64(median(all).Microseconds())/1000, "ms-median")
}

// BenchmarkThousandRebuilds saves one record of the 10,000-document corpus
// 1,000 times through the watching server, and reports the live heap after
// a garbage collection before the first and after the last rebuild.
func BenchmarkThousandRebuilds(b *testing.B) {
	dir := corpus(b, 10000)
	s := start(b, dir)
	heap := func() float64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / (1 << 20)
	}
	for b.Loop() {
		startHeap := heap()
		var mid float64
		took := editLoop(b, s, dir, 1000, func(i int) {
			if i == 99 {
				mid = heap()
			}
		})
		endHeap := heap()
		b.ReportMetric(startHeap, "MB-heap-start")
		b.ReportMetric(mid, "MB-heap-after-100")
		b.ReportMetric(endHeap, "MB-heap-after-1000")
		b.ReportMetric(float64(median(took).Microseconds())/1000, "ms-median")
	}
	if log := s.Log.(*syncWriter).String(); strings.Contains(log, "failed") {
		b.Fatalf("a build failed:\n%s", log)
	}
}
