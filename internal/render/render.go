// Package render is the last stage of the pipeline: it writes the files of
// a loaded site (package site) to a Writer — a staging folder on disk
// (package output), or memory (tests, the preview).
//
// For every page the page stage assembles, the renderer renders the page's
// markdown (package markdown, with the site as its link resolver), runs
// the theme's templates and minifies the result; it adds each page's text
// to the search index as it goes. Files then writes the rest: feed.xml
// (Atom, the 50 newest decisions), sitemap.xml, index.json (the site as
// data, page.Index), the search index under search/, the theme's static
// files under assets/ and every file published beside a source.
//
// A theme is the site's own themes/<name>/ over the built-in theme, file
// by file (LoadTheme); the data its templates receive is documented in
// package page.
//
// Reuse lets package incremental hand the renderer what earlier builds
// made; Render, the cold build, uses none.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/site"
)

// Writer receives the files of a built site.
type Writer interface {
	// WriteFile stores data at the site-relative, slash-separated name. It
	// is called from several goroutines at once.
	WriteFile(name string, data []byte) error
}

// Memory keeps a built site in memory.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte // site-relative name → contents
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// WriteFile stores a copy of data.
func (m *Memory) WriteFile(name string, data []byte) error {
	c := bytes.Clone(data)
	m.mu.Lock()
	m.Files[name] = c
	m.mu.Unlock()
	return nil
}

// Reuse hands the renderer the work of earlier builds of the same site.
// Each method returns what it kept, when what that was made from is
// unchanged, or calls make (and may keep the result).
type Reuse interface {
	// Markdown renders doc.
	Markdown(doc *markdown.Doc, make func() (markdown.Result, error)) (markdown.Result, error)
	// Page returns the earlier output of p, with the broken links of its
	// body, when p's kind, path, view and markdown are unchanged. Either
	// way it returns the key under which KeepPage keeps p's new output.
	Page(p page.Page) (key uint64, out []byte, broken []markdown.BrokenLink, ok bool)
	// KeepPage keeps the minified output of a rendered page.
	KeepPage(path string, key uint64, out []byte)
	// Generated returns a file made from the site's metadata only.
	Generated(name string, make func() ([]byte, error)) ([]byte, error)
	// Minified minifies data, the input of the file name.
	Minified(name string, data []byte, make func() ([]byte, error)) ([]byte, error)
	// SameText reports that no source changed since the earlier build
	// (a template did): every page's text, and so its search postings,
	// is the earlier build's.
	SameText() bool
	// Search returns the files of the search index, made from every
	// page's body and the site's metadata.
	Search(make func() ([]search.File, error)) ([]search.File, error)
}

// afresh is the Reuse of a cold build: it keeps nothing.
type afresh struct{}

func (afresh) Markdown(_ *markdown.Doc, make func() (markdown.Result, error)) (markdown.Result, error) {
	return make()
}
func (afresh) Page(page.Page) (uint64, []byte, []markdown.BrokenLink, bool) {
	return 0, nil, nil, false
}
func (afresh) KeepPage(string, uint64, []byte) {}
func (afresh) Generated(_ string, make func() ([]byte, error)) ([]byte, error) {
	return make()
}
func (afresh) Minified(_ string, _ []byte, make func() ([]byte, error)) ([]byte, error) {
	return make()
}
func (afresh) SameText() bool { return false }
func (afresh) Search(make func() ([]search.File, error)) ([]search.File, error) {
	return make()
}

// Renderer renders the pages and files of one loaded site.
type Renderer struct {
	site  *site.Site
	theme *Theme
	md    *markdown.Renderer
	min   *minify.M
	// pageMin minifies pages: as min, but inline SVG is kept as written.
	// The drawings in pages come from package draw, already without
	// spare bytes, and the SVG minifier took a tenth of a build of a
	// radar with editions and views to find little to cut.
	pageMin *minify.M
	reuse   Reuse
	// plain leaves output unminified; only tests set it, so that golden
	// files can be read and diffed line by line.
	plain bool
}

// New returns a renderer of s with theme th; reuse may be nil.
func New(s *site.Site, th *Theme, reuse Reuse) *Renderer {
	if reuse == nil {
		reuse = afresh{}
	}
	return &Renderer{site: s, theme: th, md: markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe}), min: newMinifier(true), pageMin: newMinifier(false), reuse: reuse}
}

// Render writes the whole site to w: the cold build. Broken links become
// warnings in s.Problems; the error is non-nil only when the site cannot
// be written.
func Render(w Writer, s *site.Site) error { return render(w, s, false) }

// render is Render, with unminified output when plain is set.
func render(w Writer, s *site.Site, plain bool) error {
	th, err := LoadTheme(s)
	if err != nil {
		s.Problems.Add(diag.As("themes/"+s.Config.Theme, err))
		return err
	}
	return build(w, s, th, nil, plain)
}

// Build writes the whole site to w with the theme th, taking from reuse
// what it kept (nil: nothing), as Render does; the build command passes
// the cache on disk.
func Build(w Writer, s *site.Site, th *Theme, reuse Reuse) error {
	return build(w, s, th, reuse, false)
}

func build(w Writer, s *site.Site, th *Theme, reuse Reuse, plain bool) error {
	pages := page.Assemble(s)
	if err := CheckOutputs(s, pages, th); err != nil {
		return err
	}
	r := New(s, th, reuse)
	r.plain = plain
	ix := NewSearchIndex(s, nil, false)
	if err := r.Pages(w, pages, ix); err != nil {
		return err
	}
	return r.Files(w, ix)
}

// pageBuffers hold a page's template output until it is minified: a
// page's buffer no longer grows from nothing for each of 10,000 pages.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Pages renders and writes templated pages in parallel, indexing each
// document's body for search as it is rendered.
func (r *Renderer) Pages(w Writer, pages []page.Page, ix *SearchIndex) error {
	errs := make([]error, len(pages))
	parallel.For(len(pages), func(i int) {
		p := pages[i]
		key, out, broken, ok := r.reuse.Page(p)
		if ok {
			errs[i] = w.WriteFile(p.Path, out)
			if p.Body != nil {
				r.addBroken(p.Body.Source, broken)
			}
			ix.reuseOrLater(p.View.URL, p.Body)
			return
		}
		p.View.Notes = r.renderNotes(p.Notes)
		if p.Body != nil {
			p.View.Content, p.View.Contents = r.renderBody(p.Body)
			if r.reuse.SameText() {
				ix.Reuse(p.View.URL) // only templates changed: the same text
			} else {
				ix.add(p.View.URL, p.View.Content)
			}
		}
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer pageBuffers.Put(buf)
		buf.Reset()
		if err := r.theme.pages[p.Kind].ExecuteTemplate(buf, "base", p.View); err != nil {
			errs[i] = fmt.Errorf("%s: template %s: %w", p.Path, p.Kind, err)
			return
		}
		p.View.Content, p.View.Notes = "", nil // let the rendered body go as soon as its page is written
		// Minifying makes a new slice: buf is free again after it.
		out, err := r.minifiedPage(buf.Bytes())
		if err != nil {
			errs[i] = fmt.Errorf("%s: minifying: %w", p.Path, err)
			return
		}
		r.reuse.KeepPage(p.Path, key, out)
		errs[i] = w.WriteFile(p.Path, out)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Files writes everything that is not a templated page: the feed, the
// sitemap, index.json, the search index, the theme's static files and
// the site's published files.
func (r *Renderer) Files(w Writer, ix *SearchIndex) error {
	s, th := r.site, r.theme
	type file struct {
		name, mime string
		data       []byte
	}
	var files []file
	// The search index is inverted and cut into files while the files
	// made from metadata are generated: the two take about as long, and
	// each keeps one core busy.
	var searchFiles []search.File
	var searchErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		searchFiles, searchErr = r.reuse.Search(func() ([]search.File, error) { return ix.files(r.bodyHTML) })
	})
	defer wg.Wait() // on an early return, too: the index must not be written to later
	// These three are made from metadata alone (Reuse.Generated).
	feed, err := r.reuse.Generated("feed.xml", func() ([]byte, error) { return feed(s) })
	if err != nil {
		return err
	}
	index, err := r.reuse.Generated("index.json", func() ([]byte, error) { return indexJSON(s) })
	if err != nil {
		return err
	}
	if !r.plain {
		// Compact as encoded: what the JSON minifier (which keeps numbers)
		// would make of it but for the final newline. With many usage
		// files index.json is megabytes, and a pass of the minifier cost
		// as much as encoding it (TestIndexJSONMinified).
		index = bytes.TrimSuffix(index, []byte("\n"))
	}
	sitemap, _ := r.reuse.Generated("sitemap.xml", func() ([]byte, error) { return sitemap(s), nil })
	for _, name := range page.SVGPaths(s) {
		svg, _ := r.reuse.Generated(name, func() ([]byte, error) {
			data, _ := page.StandaloneSVG(s, path.Base(path.Dir(name)), path.Dir(name)+"/")
			return data, nil
		})
		files = append(files, file{name, "image/svg+xml", svg})
	}
	files = append(files,
		file{"feed.xml", "application/xml", feed},
		file{"sitemap.xml", "application/xml", sitemap},
		file{"index.json", "", index}, // compact already
		file{"assets/chroma.css", "text/css", []byte(markdown.CSS())},
	)
	wg.Wait()
	if searchErr != nil {
		return searchErr
	}
	for _, f := range searchFiles {
		files = append(files, file{f.Name, "", f.Data}) // compact JSON already
	}
	diagrams := slices.ContainsFunc(s.Docs(), func(d markdown.Doc) bool { return markdown.MayHoldDiagram(d.Body) })
	err = fs.WalkDir(th.files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(th.files, p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(p, diagramScripts) && !diagrams {
			return nil // no page can have a diagram: the renderer's megabytes stay out
		}
		mime := mimeOf(p)
		if strings.HasPrefix(p, "static/vendor/") {
			mime = "" // others' files, published as they are (and minified already)
		}
		files = append(files, file{"assets/" + strings.TrimPrefix(p, "static/"), mime, data})
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	for _, src := range slices.Sorted(maps.Keys(s.Assets)) {
		data, err := fs.ReadFile(s.Options().Site, src)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		files = append(files, file{s.Assets[src], "", data})
	}
	for _, f := range files {
		if err := r.write(w, f.name, f.mime, f.data); err != nil {
			return err
		}
	}
	return nil
}

// diagramScripts is the theme's folder of the diagram renderer, published
// only for a site whose markdown may hold a diagram.
const diagramScripts = "static/vendor/mermaid/"

func mimeOf(p string) string {
	switch {
	case strings.HasSuffix(p, ".css"):
		return "text/css"
	case strings.HasSuffix(p, ".js"):
		return "application/javascript"
	case strings.HasSuffix(p, ".svg"):
		return "image/svg+xml"
	case strings.HasSuffix(p, ".json"):
		return "application/json"
	}
	return ""
}

// write minifies data when mime is set and hands it to w.
func (r *Renderer) write(w Writer, name, mime string, data []byte) error {
	if mime != "" {
		min, err := r.reuse.Minified(name, data, func() ([]byte, error) { return r.minified(mime, data) })
		if err != nil {
			return fmt.Errorf("%s: minifying: %w", name, err)
		}
		data = min
	}
	return w.WriteFile(name, data)
}

// minified returns data minified as mime (as it is, when plain), in a
// new slice, and leaves data as it was. The minifiers shorten numbers in
// place in their input, and callers keep what they pass in: the
// preview's kept index.json went from 1000 to 1e3, then to 1e30 when it
// was minified again.
func (r *Renderer) minified(mime string, data []byte) ([]byte, error) {
	return r.minifiedScratch(mime, bytes.Clone(data))
}

// minifiedScratch is minified for a buffer that nobody keeps: it may
// overwrite data.
func (r *Renderer) minifiedScratch(mime string, data []byte) ([]byte, error) {
	if r.plain {
		return bytes.Clone(data), nil
	}
	return r.min.Bytes(mime, data)
}

// minifiedPage is minifiedScratch for a templated page (see pageMin).
func (r *Renderer) minifiedPage(data []byte) ([]byte, error) {
	if r.plain {
		return bytes.Clone(data), nil
	}
	return r.pageMin.Bytes("text/html", data)
}

// newMinifier returns the minifiers of every kind of file waymark writes;
// inlineSVG says whether SVG inside HTML is minified too.
func newMinifier(inlineSVG bool) *minify.M {
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	if inlineSVG {
		m.AddFunc("image/svg+xml", svg.Minify)
	}
	// Numbers stay as written: 1000 is no 1e3 to a strict integer decoder.
	m.Add("application/json", &json.Minifier{KeepNumbers: true})
	m.AddFunc("application/xml", xml.Minify)
	return m
}

// renderBody renders a page's markdown, with its sections when there
// are enough for a table of contents; broken links become warnings.
func (r *Renderer) renderBody(doc *markdown.Doc) (template.HTML, []markdown.Heading) {
	res, err := r.reuse.Markdown(doc, func() (markdown.Result, error) { return r.md.Render(*doc, r.site) })
	if err != nil {
		r.site.Problems.Add(diag.As(doc.Source, err))
		return "", nil
	}
	r.addBroken(doc.Source, res.Broken)
	var contents []markdown.Heading
	if len(res.Headings) >= page.MinContents {
		contents = res.Headings
	}
	return template.HTML(res.HTML), contents //nolint:gosec // goldmark output: raw HTML dropped or sanitised
}

// bodyHTML is a page's rendered markdown, for the search index of a
// page whose output was taken from earlier work; its broken links were
// reported with that output.
func (r *Renderer) bodyHTML(doc *markdown.Doc) template.HTML {
	res, err := r.reuse.Markdown(doc, func() (markdown.Result, error) { return r.md.Render(*doc, r.site) })
	if err != nil {
		return ""
	}
	return template.HTML(res.HTML) //nolint:gosec // goldmark output: raw HTML dropped or sanitised
}

// addBroken reports broken links of a rendered body as warnings.
func (r *Renderer) addBroken(source string, broken []markdown.BrokenLink) {
	for _, b := range broken {
		r.site.Problems.Add(site.BrokenLink(source, b))
	}
}
