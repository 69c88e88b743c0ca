// Package incremental is the reuse layer around the pipeline's stages: it
// builds one site again and again (for the preview server), handing each
// stage the work of the previous build wherever what that work was made
// from is unchanged. The stages (site, page, render) know nothing of it:
// they take a Reuse value whose methods either return what was kept under
// a key, or do the work. Without this package the pipeline runs as a cold
// build; TestIncrementalMatchesCleanBuild checks that with it every output
// file is the same as a cold build's after every kind of edit.
package incremental

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/site"
)

// Incremental builds one site again and again (for the preview server),
// redoing only what changed files affect:
//
//   - A change to waymark.yaml or to anything else under themes/ (a new
//     theme folder, another theme), or a change that is not known
//     (Build(nil)), rebuilds from scratch.
//   - A change in the theme's static folder copies its files again; a
//     stylesheet's also renders the pages again, as for a template (the
//     404 page inlines the stylesheet).
//   - A change to a template of the site's theme parses the templates
//     again and renders every page, with the markdown rendered before.
//   - A change under the decisions, radar, content or usage folders
//     re-parses only the changed files; a usage file is never only a
//     body, so its change assembles every page again, but for those no
//     usage file feeds (page.AssembleAfterUsage). The last walk of the
//     folders is reused when no file came or went, the radar when no
//     blip was parsed again.
//   - When the changed sources differ only in their markdown body (and no
//     source or published file came or went), only their own pages are
//     rendered again; every other page is the previous build's, and the
//     files generated from metadata (feed, sitemap, index.json) too.
//   - Otherwise the views of all pages are assembled again, and a page is
//     rendered again only when its fingerprint (view and markdown, see
//     fingerprint.go) changed; markdown, the costly part, is rendered
//     again only for documents whose text or links changed.
//   - A file outside those folders that published markdown links to
//     (site.Site.Outside: published with its page, or looked for) is a
//     source like them; other paths cause no build at all.
//
// Two rules make the reuse safe, and both are held by structure: a page's
// markdown body feeds only its own page (page.Page.Body: the page stage
// never sees rendered markdown, so all other data of a page is in its
// view when the page's key is taken), and only files made from metadata
// alone go through render.Reuse.Generated (feed, sitemap, index.json,
// which the renderer makes from the loaded site, not from pages).
// TestIncrementalMatchesCleanBuild checks every path against a clean
// build.
//
// An Incremental is not safe for concurrent use: one build at a time.
type Incremental struct {
	opts    site.Options
	memo    *memo
	cfg     *config.Config // of the last load that read one, to classify paths
	reset   bool           // forget the memo before the next build
	full    bool           // render every page at the next build
	static  bool           // a file of the theme's static folder changed
	retheme bool           // a template of the site's theme changed: render every page again
	dirty   map[string]bool
	moved   map[string]bool // changed since the last walk of the folders
	last    *snapshot       // the last good build
	tried   attempt         // the last build, good or not
	how     string          // how the last build went about it: "full", "templates", "pages", "bodies", "none" or "failed", for tests and logs
}

// snapshot is a good build and what the next one compares against.
type snapshot struct {
	site   *site.Site
	files  map[string][]byte
	jobs   []page.Page
	index  map[string]int // body source → its job
	parsed map[string]any // the parse results it was built from
}

type attempt struct {
	site  *site.Site
	files map[string][]byte
	err   error
}

// New returns an Incremental that has not built yet.
func New(opts site.Options) *Incremental {
	return &Incremental{opts: opts, reset: true, full: true, dirty: map[string]bool{}, moved: map[string]bool{}}
}

// Build brings the site up to date after changes to the given
// site-relative, slash-separated paths; nil means that anything may have
// changed. It returns the site, for its problems, and every output file;
// the map must not be changed. When the site has errors, files is nil and
// err non-nil; the next build still starts from the last good one.
func (in *Incremental) Build(changed []string) (s *site.Site, files map[string][]byte, err error) {
	if changed == nil {
		in.reset, in.full = true, true
	}
	for _, p := range changed {
		p = path.Clean(strings.TrimPrefix(p, "/"))
		switch in.classify(p) {
		case structural:
			in.reset, in.full = true, true
		case static:
			in.static = true
			// A page may inline a stylesheet (the 404 page does, to be
			// styled at any address): render the pages again.
			if strings.HasSuffix(p, ".css") {
				in.retheme = true
			}
		case templates:
			in.retheme = true
		case source:
			in.dirty[p] = true
			in.moved[p] = true
			if in.memo != nil {
				delete(in.memo.parsed, p)
			}
		}
	}
	if !in.full && !in.static && !in.retheme && len(in.dirty) == 0 && in.tried.site != nil {
		in.how = "none"
		return in.tried.site, in.tried.files, in.tried.err // nothing the site is made of changed
	}
	s, files, err = in.build()
	in.tried = attempt{s, files, err}
	return s, files, err
}

type pathKind int

const (
	ignored    pathKind = iota
	source              // a source or published file
	static              // a file of the theme's static folder
	templates           // a template of the site's theme
	structural          // configuration, a new theme folder
)

// classify says what a change to p means for the site.
func (in *Incremental) classify(p string) pathKind {
	if in.cfg == nil || p == config.FileName {
		return structural
	}
	if strings.HasPrefix(p, "themes/"+in.cfg.Theme+"/static/") && in.memo != nil && in.memo.theme != nil && in.memo.theme.HasSiteFolder() {
		return static // copied as they are: no page changes
		// (Without a site theme folder before, the theme is not what it was.)
	}
	if strings.HasPrefix(p, "themes/"+in.cfg.Theme+"/templates/") && in.memo != nil && in.memo.siteTheme {
		return templates // pages again, from the markdown already rendered
	}
	if p == "themes" || strings.HasPrefix(p, "themes/") {
		return structural
	}
	for _, dir := range []string{in.cfg.Decisions, in.cfg.Radar, in.cfg.Content, in.cfg.Usage.Folder} {
		if dir == "." || p == dir || strings.HasPrefix(p, dir+"/") {
			return source
		}
	}
	if in.tried.site != nil && in.tried.site.Outside(p) {
		return source // a file outside the folders that a page links to
	}
	return ignored
}

func (in *Incremental) build() (*site.Site, map[string][]byte, error) {
	if in.reset || in.memo == nil {
		in.memo = newMemo()
		if in.opts.History != nil {
			in.memo.history = &onceHistory{h: in.opts.History}
		}
		in.reset = false
	}
	m := in.memo
	in.how = "failed"
	m.jobs = nil
	m.sameMeta, m.sameText = false, false
	m.prevGenerated, m.generatedNow = m.generatedNow, map[string][]byte{}
	m.walkOK = m.walkStillTrue(in.opts.Site, in.moved)
	opts := in.opts
	opts.Reuse = m
	if m.history != nil {
		opts.History = m.history
	}
	s, err := site.Load(opts)
	in.moved = map[string]bool{}
	if s.Config != nil {
		in.cfg = s.Config
	} else {
		in.cfg = nil // the configuration is broken: every change may matter
	}
	m.prune(s)
	if err != nil {
		m.generatedNow = m.prevGenerated
		return s, nil, err
	}
	m.epoch = m.resolverEpoch(s)
	if in.retheme {
		// New templates: parse them again and render every page, each
		// with the markdown the memo has rendered before.
		m.theme, m.pages = nil, map[string]pageEntry{}
		if !in.full && len(in.dirty) == 0 && in.last != nil {
			// Only templates changed: the files made from metadata and
			// every page's search postings are the last build's.
			m.sameMeta, m.sameText = true, true
		}
	}
	w := &mapWriter{}
	if !in.full && !in.retheme && in.bodyOnly(s) {
		in.how = "bodies"
		// The pages of the last build; Files writes every other file
		// again, so that none it no longer makes is left behind.
		w.files = make(map[string][]byte, len(in.last.files))
		for _, p := range in.last.jobs {
			w.files[p.Path] = in.last.files[p.Path]
		}
		err = in.renderBodies(s, w)
	} else {
		in.how = "pages"
		switch {
		case in.last == nil || in.full:
			in.how = "full"
		case in.retheme:
			in.how = "templates"
		}
		w.files = make(map[string][]byte, len(in.tried.files))
		err = in.render(s, w)
	}
	if err != nil {
		m.generatedNow = m.prevGenerated
		return s, nil, err
	}
	m.prunePages()
	m.prevGenerated = nil // only needed while building
	snap := &snapshot{site: s, files: w.files, jobs: m.jobs, index: map[string]int{}, parsed: maps.Clone(m.parsed)}
	for i, p := range m.jobs {
		if p.Body != nil {
			snap.index[p.Body.Source] = i
		}
	}
	in.last, in.full, in.static, in.retheme, in.dirty = snap, false, false, false, map[string]bool{}
	return s, w.files, nil
}

// bodyOnly reports whether the changes since the last good build touched
// nothing but markdown bodies and the contents of published files.
func (in *Incremental) bodyOnly(s *site.Site) bool {
	last := in.last
	if last == nil || !maps.Equal(s.PageURLs(), last.site.PageURLs()) || !maps.Equal(s.Assets, last.site.Assets) {
		return false
	}
	for p := range in.dirty {
		if in.isUsage(p) {
			return false // the usage pages, blip pages and index.json show what usage files hold
		}
		if _, ok := s.PageURLs()[p]; !ok {
			continue // an asset, or a file that is no source
		}
		if _, ok := last.index[p]; !ok || !sameMeta(last.parsed[p], in.memo.parsed[p]) {
			return false
		}
	}
	return true
}

// usageOnly reports whether nothing but usage files changed since the
// last good build, on the same day, with the same configuration and
// theme: the pages no usage file feeds may be taken from it.
func (in *Incremental) usageOnly(s *site.Site) bool {
	if in.last == nil || in.full || in.retheme || len(in.dirty) == 0 || s.Today() != in.last.site.Today() {
		return false
	}
	for p := range in.dirty {
		if !in.isUsage(p) {
			return false
		}
	}
	return true
}

// isUsage reports whether p is in the usage folder.
func (in *Incremental) isUsage(p string) bool {
	if in.cfg == nil {
		return false
	}
	dir := in.cfg.Usage.Folder
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// theme returns the site's parsed theme, parsed once per configuration
// and again after a template changed.
func (in *Incremental) theme(s *site.Site) (*render.Theme, error) {
	if in.memo.theme != nil {
		return in.memo.theme, nil
	}
	th, err := render.LoadTheme(s)
	if err == nil {
		in.memo.theme, in.memo.siteTheme = th, th.HasSiteFolder()
	}
	return th, err
}

// render renders every page, each reused when its key is unchanged.
func (in *Incremental) render(s *site.Site, w *mapWriter) error {
	m := in.memo
	th, err := in.theme(s)
	if err != nil {
		s.Problems.Add(diag.As("themes/"+s.Config.Theme, err))
		return err
	}
	r := render.New(s, th, m)
	if in.usageOnly(s) {
		m.jobs = page.AssembleAfterUsage(s, in.last.jobs)
	} else {
		m.jobs = page.Assemble(s) // kept for the next build
	}
	if err := render.CheckOutputs(s, m.jobs, th); err != nil {
		return err
	}
	ix := render.NewSearchIndex(s, m.search, m.sameMeta)
	if err := r.Pages(w, m.jobs, ix); err != nil {
		return err
	}
	m.search = ix // its postings serve the next build's unchanged pages
	return r.Files(w, ix)
}

// renderBodies renders again the pages of the changed sources, over the
// last build's pages, and writes every other file.
func (in *Incremental) renderBodies(s *site.Site, w *mapWriter) error {
	m := in.memo
	m.sameMeta = true
	th, err := in.theme(s)
	if err != nil {
		return err
	}
	r := render.New(s, th, m)
	pages := slices.Clone(in.last.jobs)
	var redo []page.Page
	for p := range in.dirty {
		if i, ok := in.last.index[p]; ok {
			old := pages[i]
			view, doc := *old.View, *old.Body
			doc.Body, doc.BodyLine = bodyOf(m.parsed[p])
			pages[i] = page.Page{Path: old.Path, Kind: old.Kind, View: &view, Body: &doc, Notes: old.Notes} // only the body changed: the front matter and its notes are the same
			redo = append(redo, pages[i])
		}
		// Changed published files are read again by Files.
	}
	m.jobs = pages
	ix := render.NewSearchIndex(s, m.search, true) // continues the previous build's index
	for _, p := range pages {
		if p.Body != nil && !in.dirty[p.Body.Source] {
			ix.Reuse(p.View.URL)
		}
	}
	if err := r.Pages(w, redo, ix); err != nil {
		return err
	}
	m.search = ix
	// Pages not rendered again still have their warnings.
	for _, p := range pages {
		if p.Body != nil && !in.dirty[p.Body.Source] {
			if e, ok := m.bodies[p.Body.Source]; ok {
				for _, b := range e.res.Broken {
					s.Problems.Add(site.BrokenLink(p.Body.Source, b))
				}
			}
		}
	}
	return r.Files(w, ix)
}

// How says how the last build went about it: "full", "templates",
// "pages", "bodies", "none" or "failed"; for tests and logs.
func (in *Incremental) How() string { return in.how }
