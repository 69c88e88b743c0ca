package build

import (
	"hash/maphash"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/radar"
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

	theme     *theme // parsed once per configuration, again after a template changed
	siteTheme bool   // the theme has a folder of the site's own (its templates may change)

	walk   *walkResult // the last walk of the source folders
	walkOK bool        // no file came or went since walk: load may skip walking

	radar      *radar.Radar // the last radar, its blips and its findings
	radarBlips []*radar.Blip
	findings   []*diag.Problem

	// sameMeta says that no metadata changed since the previous build, so
	// files generated from metadata alone are taken from prevGenerated.
	sameMeta      bool
	sameText      bool // no source changed at all (a template did): every page's text is the last build's
	prevGenerated map[string][]byte
	generatedNow  map[string][]byte

	jobs []job // the templated pages of the last Render, views without content

	search *searchIndex // the last Render's search index
}

// walkResult is what walking the source folders found.
type walkResult struct {
	records, blips, pages []string
	assets                map[string]string
	known                 map[string]bool // every file found
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

// reuse returns the memo's parse result for p, or parses p and keeps the
// result. Only successful parses are kept: a file with problems is parsed
// again by every build, so that its problems are reported every time.
func reuse[T any](m *memo, p string, parse func(string) *T) *T {
	if m == nil {
		return parse(p)
	}
	m.mu.Lock()
	v, ok := m.parsed[p].(*T)
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

// cloneRecord returns a copy of r that decision.Link may change: the
// slices it appends to are clipped, so appends never reach r's arrays.
func cloneRecord(r *decision.Record) *decision.Record {
	if r == nil {
		return nil
	}
	c := *r
	c.Supersedes = slices.Clip(c.Supersedes)
	c.SupersededBy = slices.Clip(c.SupersededBy)
	c.Amends = slices.Clip(c.Amends)
	c.AmendedBy = slices.Clip(c.AmendedBy)
	c.Related = slices.Clip(c.Related)
	return &c
}

// sameMeta reports whether two parse results of one source differ at
// most in their markdown body and the lines things were found on, so that
// no page but the source's own can differ.
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
		if !ok {
			return false
		}
		xc, yc := *x, *y
		xc.Body, yc.Body, xc.BodyLine, yc.BodyLine, xc.Lines, yc.Lines = nil, nil, 0, 0, nil, nil
		return reflect.DeepEqual(xc, yc)
	case *Page:
		y, ok := b.(*Page)
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
	case *Page:
		return x.Body, x.BodyLine
	}
	return nil, 0
}

// resolverEpoch fingerprints every answer the site gives markdown link
// rewriting, independent of map order.
func (m *memo) resolverEpoch(s *Site) uint64 {
	var sum uint64
	for _, kv := range []map[string]string{s.pages, s.Assets} {
		for k, v := range kv {
			sum += maphash.String(m.seed, k+"\x00"+v)
		}
		sum = sum*31 + 7
	}
	return sum
}

// renderMarkdown renders doc, or returns the previous build's rendering
// when doc and the resolver's answers are unchanged.
func (s *Site) renderMarkdown(md *markdown.Renderer, doc *markdown.Doc) (markdown.Result, error) {
	m := s.memo
	if m == nil {
		return md.Render(*doc, s)
	}
	key := m.docKey(doc)
	m.mu.Lock()
	e, ok := m.bodies[doc.Source]
	m.mu.Unlock()
	if ok && e.key == key {
		return e.res, nil
	}
	res, err := md.Render(*doc, s)
	if err == nil {
		m.mu.Lock()
		m.bodies[doc.Source] = bodyEntry{key, res}
		m.mu.Unlock()
	}
	return res, err
}

// addBroken reports broken links of a rendered body as warnings.
func (s *Site) addBroken(source string, broken []markdown.BrokenLink) {
	for _, b := range broken {
		s.Problems.Add(diag.Warnf(source, b.Line, "point it at an existing file, relative to this one", "broken link %q", b.Target))
	}
}

// theme returns the site's parsed theme, parsed once per Incremental
// configuration.
func (s *Site) theme() (*theme, error) {
	if s.memo != nil && s.memo.theme != nil {
		return s.memo.theme, nil
	}
	th, err := s.loadTheme()
	if err == nil && s.memo != nil {
		s.memo.theme = th
		o, ok := th.files.(overlay)
		s.memo.siteTheme = ok && o.site != nil
	}
	return th, err
}

// generated returns f's data, or the previous build's data for the same
// file when no metadata changed. f must depend on metadata only.
func (s *Site) generated(name string, f func() ([]byte, error)) ([]byte, error) {
	m := s.memo
	if m == nil {
		return f()
	}
	if d, ok := m.prevGenerated[name]; ok && m.sameMeta {
		m.generatedNow[name] = d
		return d, nil
	}
	d, err := f()
	if err == nil {
		m.generatedNow[name] = d
	}
	return d, err
}

// writeMinified is write, reusing the previous minification of the same
// input bytes.
func (s *Site) writeMinified(w Writer, m *minify.M, name, mime string, data []byte) error {
	if s.memo == nil || mime == "" {
		return write(w, m, name, mime, data)
	}
	key := maphash.Bytes(s.memo.seed, data)
	if e, ok := s.memo.minified[name]; ok && e.key == key {
		return w.WriteFile(name, e.out)
	}
	out, err := m.Bytes(mime, data)
	if err != nil {
		return err
	}
	s.memo.minified[name] = minEntry{key, out}
	return w.WriteFile(name, out)
}

// prune forgets what belongs to files the site no longer has, so that
// memory does not grow with the number of builds.
func (m *memo) prune(s *Site) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for p := range m.parsed {
		if _, ok := s.pages[p]; !ok {
			delete(m.parsed, p)
		}
	}
	for p := range m.bodies {
		if _, ok := s.pages[p]; !ok {
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

// reuseWalk returns the last walk when no file came or went since.
func (m *memo) reuseWalk() *walkResult {
	if m == nil || !m.walkOK {
		return nil
	}
	return m.walk
}

// keepWalk remembers a walk that met no problem.
func (m *memo) keepWalk(s *Site, records, blips, pages []string) {
	if m == nil {
		return
	}
	m.walk = nil
	if s.Problems.Err() != nil {
		return
	}
	w := &walkResult{records: records, blips: blips, pages: pages, assets: maps.Clone(s.Assets), known: map[string]bool{}}
	for _, list := range [][]string{records, blips, pages, slices.Collect(maps.Keys(s.Assets))} {
		for _, p := range list {
			w.known[p] = true
		}
	}
	m.walk = w
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

// newRadar is radar.New and its findings, reused from the previous build
// when the blips are the very same parse results.
func (s *Site) newRadar(cfg *config.Config, blips []*radar.Blip) (*radar.Radar, []*diag.Problem) {
	m := s.memo
	if m != nil && m.radar != nil && slices.Equal(m.radarBlips, blips) {
		return m.radar, m.findings
	}
	r := radar.New(cfg, blips)
	f := r.Findings()
	if m != nil {
		m.radar, m.radarBlips, m.findings = r, slices.Clone(blips), f
	}
	return r, f
}
