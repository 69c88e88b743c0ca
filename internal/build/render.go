package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
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
	"github.com/waymark-dev/waymark/internal/search"
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

// Page returns the URL of the page built from a site-relative source.
func (s *Site) Page(source string) (string, bool) {
	u, ok := s.pages[source]
	return u, ok
}

// Asset returns the URL at which a site-relative file is published.
func (s *Site) Asset(p string) (string, bool) {
	u, ok := s.Assets[p]
	return u, ok
}

// Render writes the whole site to w. Broken links become warnings in
// s.Problems; the error is non-nil only when the site cannot be written.
func (s *Site) Render(w Writer) error {
	th, err := s.theme()
	if err != nil {
		s.Problems.Add(diag.As("themes/"+s.Config.Theme, err))
		return err
	}
	md := markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe})
	m := newMinifier()
	jobs := s.pageJobs()
	if s.memo != nil {
		s.memo.jobs = jobs // kept for the next incremental build
	}
	ix := s.newSearchIndex()
	if err := s.renderJobs(w, th, md, m, jobs, ix); err != nil {
		return err
	}
	if s.memo != nil {
		s.memo.search = ix // its postings serve the next build's unchanged pages
	}
	return s.writeFiles(w, m, th, ix)
}

// pageBuffers hold a page's template output until it is minified: a
// page's buffer no longer grows from nothing for each of 10,000 pages.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderJobs renders and writes templated pages in parallel, indexing
// each document's body for search as it is rendered.
func (s *Site) renderJobs(w Writer, th *theme, md *markdown.Renderer, m *minify.M, jobs []job, ix *searchIndex) error {
	errs := make([]error, len(jobs))
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		key, reused := s.reusePage(w, j) // the previous build's page when its view and body are unchanged
		if reused {
			ix.reuse(j.view.URL)
			return
		}
		if j.body != nil {
			j.view.Content = s.renderBody(md, j.body)
			if s.memo != nil && s.memo.sameText {
				ix.reuse(j.view.URL) // only templates changed: the same text
			} else {
				ix.add(j.view.URL, j.view.Content)
			}
		}
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer pageBuffers.Put(buf)
		buf.Reset()
		if err := th.pages[j.kind].ExecuteTemplate(buf, "base", j.view); err != nil {
			errs[i] = fmt.Errorf("%s: template %s: %w", j.path, j.kind, err)
			return
		}
		j.view.Content = "" // let the rendered body go as soon as its page is written
		// writePage minifies into a new slice: buf is free again after it.
		errs[i] = s.writePage(w, m, j.path, key, buf.Bytes())
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeFiles writes everything that is not a templated page.
func (s *Site) writeFiles(w Writer, m *minify.M, th *theme, ix *searchIndex) error {
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
	wg.Go(func() { searchFiles, searchErr = ix.files() })
	defer wg.Wait() // on an early return, too: the index must not be written to later
	// s.generated reuses the previous build's data when an incremental
	// build changed no metadata (see incremental.go); files that depend on
	// page bodies must not go through it.
	feed, err := s.generated("feed.xml", s.feed)
	if err != nil {
		return err
	}
	index, err := s.generated("index.json", s.indexJSON)
	if err != nil {
		return err
	}
	sitemap, _ := s.generated("sitemap.xml", func() ([]byte, error) { return s.sitemap(), nil })
	files = append(files,
		file{"feed.xml", "application/xml", feed},
		file{"sitemap.xml", "application/xml", sitemap},
		file{"index.json", "application/json", index},
		file{"assets/chroma.css", "text/css", []byte(markdown.CSS())},
	)
	wg.Wait()
	if searchErr != nil {
		return searchErr
	}
	for _, f := range searchFiles {
		files = append(files, file{f.Name, "", f.Data}) // compact JSON already
	}
	err = fs.WalkDir(th.files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(th.files, p)
		if err != nil {
			return err
		}
		files = append(files, file{"assets/" + strings.TrimPrefix(p, "static/"), mimeOf(p), data})
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	for _, src := range slices.Sorted(maps.Keys(s.Assets)) {
		data, err := fs.ReadFile(s.opts.Site, src)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		files = append(files, file{s.Assets[src], "", data})
	}
	for _, f := range files {
		if err := s.writeMinified(w, m, f.name, f.mime, f.data); err != nil {
			return err
		}
	}
	return nil
}

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
func write(w Writer, m *minify.M, name, mime string, data []byte) error {
	if mime != "" {
		min, err := m.Bytes(mime, data)
		if err != nil {
			return fmt.Errorf("%s: minifying: %w", name, err)
		}
		data = min
	}
	return w.WriteFile(name, data)
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return m
}

// renderBody renders a page's markdown; broken links become warnings.
func (s *Site) renderBody(md *markdown.Renderer, doc *markdown.Doc) template.HTML {
	res, err := s.renderMarkdown(md, doc) // md.Render, or the previous build's result
	if err != nil {
		s.Problems.Add(diag.As(doc.Source, err))
		return ""
	}
	s.addBroken(doc.Source, res.Broken)
	return template.HTML(res.HTML) //nolint:gosec // goldmark output: raw HTML dropped or sanitised
}
