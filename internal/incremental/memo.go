package incremental

import (
	"hash/maphash"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/usage"
)

// memo is the work of previous builds that an incremental build may reuse.
// Every entry is keyed so that it can only be reused while its inputs are
// unchanged: parsed sources until their file changes, rendered markdown
// while the document and the resolver's answers are the same, minified
// files while their input bytes are the same.
type memo struct {
	seed maphash.Seed

	mu       sync.Mutex           // guards parsed and bodies, used by parallel workers
	parsed   map[string]any       // site path → pristine parse result of the file as it is now
	bodies   map[string]bodyEntry // source → its rendered markdown
	minified map[string]minEntry  // output name → minified data
	pages    map[string]pageEntry // output name → page, with the fingerprint of what it was made from
	epoch    uint64               // fingerprint of the resolver's answers (pages, assets)

	theme     *render.Theme // parsed once per configuration, again after a template changed
	siteTheme bool          // the theme has a folder of the site's own (its templates may change)

	walk   *walkResult // the last walk of the source folders
	walkOK bool        // no file came or went since walk: load may skip walking

	radar      *radar.Radar // the last radar, its blips and its findings
	radarBlips []*radar.Blip
	findings   []*diag.Problem

	usage *usage.Report // the last judgement of the usage files

	// sameMeta says that no metadata changed since the previous build, so
	// files generated from metadata alone are taken from prevGenerated.
	sameMeta      bool
	sameText      bool // no source changed at all (a template did): every page's text is the last build's
	prevGenerated map[string][]byte
	generatedNow  map[string][]byte

	jobs []page.Page // the templated pages of the last build, views without content

	search *render.SearchIndex // the last build's search index

	history *onceHistory // the dates from version control, read once per memo
}

// walkResult is what walking the source folders found.
type walkResult struct {
	sources site.Sources
	known   map[string]bool // every file found
}

type bodyEntry struct {
	key uint64
	res markdown.Result
}

type minEntry struct {
	key uint64
	out []byte
}

func newMemo() *memo {
	return &memo{seed: maphash.MakeSeed(), parsed: map[string]any{}, bodies: map[string]bodyEntry{},
		minified: map[string]minEntry{}, pages: map[string]pageEntry{}, generatedNow: map[string][]byte{}}
}

// Walk returns the last walk while no file came or went since, else
// walks and keeps a walk that met no problem.
func (m *memo) Walk(walk func() (site.Sources, bool)) site.Sources {
	if m.walkOK && m.walk != nil {
		return m.walk.sources
	}
	m.walk = nil
	src, clean := walk()
	if clean {
		w := &walkResult{sources: src, known: map[string]bool{}}
		for _, list := range [][]string{src.Records, src.Blips, src.Pages, src.Usage, slices.Collect(maps.Keys(src.Assets))} {
			for _, p := range list {
				w.known[p] = true
			}
		}
		m.walk = w
	}
	return src
}

// Parse returns the memo's parse result for p, or parses p and keeps the
// result. Only successful parses are kept: a file with problems is parsed
// again by every build, so that its problems are reported every time.
func (m *memo) Parse(p string, parse func(string) any) any {
	m.mu.Lock()
	v, ok := m.parsed[p]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = parse(p)
	if v != nil {
		m.mu.Lock()
		m.parsed[p] = v
		m.mu.Unlock()
	}
	return v
}

// Radar returns the last radar and its findings when the blips are the
// very same parse results.
func (m *memo) Radar(blips []*radar.Blip, make func() (*radar.Radar, []*diag.Problem)) (*radar.Radar, []*diag.Problem) {
	if m.radar != nil && slices.Equal(m.radarBlips, blips) {
		return m.radar, m.findings
	}
	r, f := make()
	m.radar, m.radarBlips, m.findings = r, slices.Clone(blips), f
	return r, f
}

// Judged hands judge the last judgement of the usage files, from which
// it takes that of every BOM still kept, and keeps the new one.
func (m *memo) Judged(judge func(prev *usage.Report) *usage.Report) *usage.Report {
	m.usage = judge(m.usage)
	return m.usage
}

// sameMeta reports whether two parse results of one source differ at
// most in their markdown body and the lines things were found on, so that
// no page but the source's own can differ: for a blip, only in the part
// of its body past the summary (page.BlipSummary) the radar's pages show.
func sameMeta(a, b any) bool {
	switch x := a.(type) {
	case *decision.Record:
		y, ok := b.(*decision.Record)
		if !ok {
			return false
		}
		xc, yc := *x, *y
		xc.Body, yc.Body, xc.BodyLine, yc.BodyLine, xc.Lines, yc.Lines = nil, nil, 0, 0, nil, nil
		return reflect.DeepEqual(xc, yc)
	case *radar.Blip:
		y, ok := b.(*radar.Blip)
		if !ok || page.BlipSummary(x) != page.BlipSummary(y) {
			return false // the radar's pages show the summary
		}
		xc, yc := *x, *y
		xc.Body, yc.Body, xc.BodyLine, yc.BodyLine, xc.Lines, yc.Lines = nil, nil, 0, 0, nil, nil
		return reflect.DeepEqual(xc, yc)
	case *site.Page:
		y, ok := b.(*site.Page)
		if !ok {
			return false
		}
		xc, yc := *x, *y
		xc.Body, yc.Body, xc.BodyLine, yc.BodyLine = nil, nil, 0, 0
		return reflect.DeepEqual(xc, yc)
	}
	return false
}

// bodyOf returns the markdown body of a parse result.
func bodyOf(v any) ([]byte, int) {
	switch x := v.(type) {
	case *decision.Record:
		return x.Body, x.BodyLine
	case *radar.Blip:
		return x.Body, x.BodyLine
	case *site.Page:
		return x.Body, x.BodyLine
	}
	return nil, 0
}

// resolverEpoch fingerprints every answer the site gives markdown link
// rewriting, independent of map order.
func (m *memo) resolverEpoch(s *site.Site) uint64 {
	var sum uint64
	for _, kv := range []map[string]string{s.PageURLs(), s.Assets} {
		for k, v := range kv {
			sum += maphash.String(m.seed, k+"\x00"+v)
		}
		sum = sum*31 + 7
	}
	return sum
}

// Markdown returns the previous build's rendering of doc when doc and
// the resolver's answers are unchanged.
func (m *memo) Markdown(doc *markdown.Doc, render func() (markdown.Result, error)) (markdown.Result, error) {
	key := m.docKey(doc)
	m.mu.Lock()
	e, ok := m.bodies[doc.Source]
	m.mu.Unlock()
	if ok && e.key == key {
		return e.res, nil
	}
	res, err := render()
	if err == nil {
		m.mu.Lock()
		m.bodies[doc.Source] = bodyEntry{key, res}
		m.mu.Unlock()
	}
	return res, err
}

// Generated returns the previous build's file when no metadata changed;
// the renderer passes through it only files made from metadata alone.
func (m *memo) Generated(name string, make func() ([]byte, error)) ([]byte, error) {
	if d, ok := m.prevGenerated[name]; ok && m.sameMeta {
		m.generatedNow[name] = d
		return d, nil
	}
	d, err := make()
	if err == nil {
		m.generatedNow[name] = d
	}
	return d, err
}

// Minified returns the previous minification of the same input bytes.
func (m *memo) Minified(name string, data []byte, minify func() ([]byte, error)) ([]byte, error) {
	key := maphash.Bytes(m.seed, data)
	if e, ok := m.minified[name]; ok && e.key == key {
		return e.out, nil
	}
	out, err := minify()
	if err != nil {
		return nil, err
	}
	m.minified[name] = minEntry{key, out}
	return out, nil
}

// SameText reports that only templates changed since the last build.
func (m *memo) SameText() bool { return m.sameText }

// prune forgets what belongs to files the site no longer has, so that
// memory does not grow with the number of builds.
func (m *memo) prune(s *site.Site) {
	m.mu.Lock()
	defer m.mu.Unlock()
	pages := s.PageURLs()
	usage := map[string]bool{}
	if s.Usage != nil {
		for _, b := range s.Usage.Report.BOMs {
			usage[b.Source] = true
		}
	}
	for p := range m.parsed {
		if _, ok := pages[p]; !ok && !usage[p] {
			delete(m.parsed, p)
		}
	}
	for p := range m.bodies {
		if _, ok := pages[p]; !ok {
			delete(m.bodies, p)
		}
	}
}

// mapWriter collects output files without copying them: the renderer
// hands over freshly made slices.
type mapWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (w *mapWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	w.files[name] = data
	w.mu.Unlock()
	return nil
}

// walkStillTrue reports whether the last walk still lists every source
// and published file after changes to the given paths: each changed path
// is a file the walk found that is still a regular file, or a path that
// neither was found nor exists (an editor's temporary file), nor held
// found files (a folder moved away).
func (m *memo) walkStillTrue(fsys fs.FS, changed map[string]bool) bool {
	if m.walk == nil {
		return false
	}
	for p := range changed {
		info, err := fs.Lstat(fsys, p)
		switch {
		case m.walk.known[p]:
			if err != nil || !info.Mode().IsRegular() {
				return false
			}
		case err == nil:
			return false
		default:
			for k := range m.walk.known {
				if strings.HasPrefix(k, p+"/") {
					return false
				}
			}
		}
	}
	return true
}

// Search makes the search index: the renderer continues the previous
// build's index itself (render.NewSearchIndex).
func (m *memo) Search(make func() ([]search.File, error)) ([]search.File, error) { return make() }
