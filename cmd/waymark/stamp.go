package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/waymark-dev/waymark/internal/buildcache"
	"github.com/waymark-dev/waymark/internal/githistory"
	"github.com/waymark-dev/waymark/internal/output"
	"github.com/waymark-dev/waymark/internal/readset"
	"github.com/waymark-dev/waymark/internal/site"
)

// stamping is a build through the build cache that notes what it reads,
// so that the next build can find that nothing changed and leave the
// output folder as it is (buildcache.Stamp).
type stamping struct {
	cache   *buildcache.Cache
	out     string
	dir     string // the site folder
	options [32]byte
	reads   *readset.FS
	history *notedHistory
}

// newStamping starts a build of the site of opts into out that notes
// what it reads: the options it returns read through it.
func newStamping(c *buildcache.Cache, f *siteFlags, opts site.Options, out string) (*stamping, site.Options) {
	h := sha256.New()
	fmt.Fprintf(h, "base-url %q\ndecisions %q\ntoday %s\nhistory %t\n", *f.baseURL, *f.decisions, opts.Today, opts.History != nil)
	st := &stamping{cache: c, out: out, dir: *f.dir, options: [32]byte(h.Sum(nil)), reads: readset.Record(opts.Site)}
	opts.Site = st.reads
	if opts.History != nil {
		st.history = &notedHistory{History: opts.History}
		opts.History = st.history
	}
	return st, opts
}

// said is what a build printed, kept in its stamp to be said again.
type said struct {
	Decisions, Blips, Pages int
	Warnings                []string // the first maxBuildWarnings
	More                    int      // how many more there were
	Notices                 []string
}

func saidOf(s *site.Site) said {
	warn := s.Problems.Warnings()
	sd := said{Decisions: len(s.Decisions.Records), Blips: len(s.Radar.Blips), Pages: len(s.Pages), Notices: s.Notices,
		More: max(len(warn)-maxBuildWarnings, 0)}
	for _, p := range warn[:min(len(warn), maxBuildWarnings)] {
		sd.Warnings = append(sd.Warnings, p.Error())
	}
	return sd
}

// again reports whether the last build into the output folder stands:
// every read gives the same answer, the options and the history are the
// same and the output folder is as that build left it. It then returns
// what that build said.
func (st *stamping) again(ctx context.Context, wait output.Wait) (said, bool) {
	stamp, ok := st.cache.Stamp(st.out)
	if !ok || stamp.Options != st.options {
		return said{}, false
	}
	var wg sync.WaitGroup
	historySame := true
	if stamp.HistoryDir != "" && st.history != nil {
		wg.Go(func() {
			log, err := st.history.History.FileDates(stamp.HistoryDir)
			historySame = err == nil && log.Sum() == stamp.History
		})
	}
	readsSame := stamp.Reads.Same(os.DirFS(st.dir))
	wg.Wait()
	if !readsSame || !historySame {
		return said{}, false
	}
	var sd said
	if json.Unmarshal(stamp.Said, &sd) != nil {
		return said{}, false
	}
	intact, err := output.Intact(ctx, st.out, wait, stamp.Output)
	if err != nil || !intact {
		return said{}, false
	}
	return sd, true
}

// keep keeps the stamp of a build that published fp and said sd. A build
// whose reads cannot stand for it (a file changed while it was read, a
// read failed) or whose output has no fingerprint keeps none, and the
// last stamp goes: it no longer describes the output folder.
func (st *stamping) keep(fp output.Fingerprint, sd said) {
	reads, ok := st.reads.Reads()
	data, err := json.Marshal(sd)
	stamp := &buildcache.Stamp{Options: st.options, Reads: reads, Output: fp, Said: data}
	if st.history != nil {
		var hok bool
		stamp.HistoryDir, stamp.History, hok = st.history.noted()
		ok = ok && hok
	}
	if !ok || err != nil || fp == (output.Fingerprint{}) {
		st.cache.DropStamp(st.out)
		return
	}
	st.cache.KeepStamp(st.out, stamp)
}

// notedHistory is a site.History that notes the history it gave.
type notedHistory struct {
	site.History
	mu    sync.Mutex
	dir   string
	sum   [32]byte
	calls int
	err   error
}

func (n *notedHistory) FileDates(dir string) (*githistory.Log, error) {
	log, err := n.History.FileDates(dir)
	n.mu.Lock()
	defer n.mu.Unlock()
	n.calls++
	n.dir, n.err = dir, err
	if log != nil {
		n.sum = log.Sum()
	}
	return log, err
}

// noted returns the folder whose history was read and its digest, and
// false when it cannot stand for the build (read twice, or failed).
func (n *notedHistory) noted() (string, [32]byte, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.dir, n.sum, n.calls <= 1 && n.err == nil
}

// tell prints what a build said: its warnings and notices on stderr, what
// it built and what to do next on stdout.
func tell(stdout, stderr io.Writer, sd said, out, took string) {
	for _, n := range sd.Notices {
		fmt.Fprintln(stderr, "note:", n)
	}
	for _, w := range sd.Warnings {
		fmt.Fprintln(stderr, w)
	}
	if sd.More > 0 {
		fmt.Fprintf(stderr, "… and %d more; waymark check lists them all\n", sd.More)
	}
	fmt.Fprintf(stdout, "built %s into %s in %s\n", list(count(sd.Decisions, "decision"), count(sd.Blips, "blip"), count(sd.Pages, "page")), out, took)
	if n := len(sd.Warnings) + sd.More; n > 0 {
		fmt.Fprintf(stdout, "next: see to the %s above (waymark check lists every problem)\n", count(n, "warning"))
	} else {
		fmt.Fprintf(stdout, "next: publish %s on any static host\n", out)
	}
}
