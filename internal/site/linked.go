package site

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/meta"
)

// publishLinked publishes the files outside the site's folders that
// published markdown links to: a repository root used as the site has
// docs/adr/0001-x.md linking ../img/diagram.png and ../glossary.md. Only
// what a published page links to is published (never the rest of the
// repository), and linked markdown becomes a page, at its path without
// .md, whose own links are followed in turn. Hidden files and folders
// (".", "_", a trailing "~"), waymark.yaml, the themes and the usage
// folder are never published this way; nor is a file that is not
// regular. Every path looked for is kept in s.outside, so that the
// preview builds again when one of them changes or appears.
func (s *Site) publishLinked(cfg *config.Config, docs []markdown.Doc) []*Page {
	inside := []string{cfg.Decisions, cfg.Radar, cfg.Content, cfg.Usage.Folder}
	within := func(p string) bool {
		return slices.ContainsFunc(inside, func(dir string) bool { return dir == "." || p == dir || strings.HasPrefix(p, dir+"/") })
	}
	var md *markdown.Renderer
	var found []*Page
	queue, n := docs, len(docs)
	for i := 0; i < len(queue); i++ {
		doc := queue[i]
		outside := i >= n // a page found here: all its links count
		if !outside && !leadsOut(doc, within) {
			continue
		}
		if md == nil {
			md = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe})
		}
		asked := &askedPaths{}
		_, _ = md.Links(doc, asked) // a document over the limits is reported where it is rendered
		for _, p := range asked.paths {
			if within(p) || s.outside[p] {
				continue
			}
			if s.outside == nil {
				s.outside = map[string]bool{}
			}
			s.outside[p] = true
			if !s.publishable(p) {
				continue
			}
			if !strings.EqualFold(path.Ext(p), ".md") {
				s.Assets[p] = p
				continue
			}
			if pg := s.parseLinkedPage(p); pg != nil {
				found = append(found, pg)
				queue = append(queue, markdown.Doc{Source: pg.Source, URL: pg.URL, Body: pg.Body, BodyLine: pg.BodyLine})
			}
		}
	}
	return found
}

// leadsOut reports whether doc may link out of the site's folders: a
// quick look at every destination with "../" in it, so that only such
// documents are parsed for their links.
func leadsOut(doc markdown.Doc, within func(string) bool) bool {
	body, dir := doc.Body, path.Dir(doc.Source)
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte("../"))
		if j < 0 {
			return false
		}
		j += i
		start := j
		for start > 0 && !bytes.ContainsRune([]byte(" \t\r\n(<\"'["), rune(body[start-1])) {
			start--
		}
		end := j
		for end < len(body) && !bytes.ContainsRune([]byte(" \t\r\n)>\"'"), rune(body[end])) {
			end++
		}
		dest := string(body[start:end])
		dest, _, _ = strings.Cut(dest, "#")
		dest, _, _ = strings.Cut(dest, "?")
		if u, err := url.PathUnescape(dest); err == nil {
			dest = u
		}
		if p := path.Join(dir, dest); !strings.HasPrefix(p, "../") && p != ".." && !within(p) {
			return true
		}
		i = end
		if i <= j {
			i = j + 3
		}
	}
}

// askedPaths is a markdown.Resolver that notes every site-relative path
// a document's links ask for.
type askedPaths struct{ paths []string }

func (a *askedPaths) Page(p string) (string, bool) {
	if !strings.EqualFold(path.Ext(p), ".md") {
		return "", false // not a page: asked again as a file
	}
	a.paths = append(a.paths, p)
	return "", true
}

func (a *askedPaths) Asset(p string) (string, bool) {
	a.paths = append(a.paths, p)
	return "", true
}

// publishable reports whether the linked file p, outside the site's
// folders, may be published: a regular file, not hidden, not waymark's
// own configuration or theme.
func (s *Site) publishable(p string) bool {
	if p == config.FileName || p == "themes" || strings.HasPrefix(p, "themes/") {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if hidden(seg) {
			return false
		}
	}
	fi, err := fs.Lstat(s.opts.Site, p)
	if err != nil {
		return false // the link is broken: the link pass says so
	}
	if !fi.Mode().IsRegular() {
		s.Problems.Add(skipped(s.opts.Site, p, fi.Mode()))
		return false
	}
	return true
}

// parseLinkedPage reads a markdown file outside the site's folders that a
// published page links to. It was written for another tool (a
// repository's docs, GitHub, MkDocs), so its front matter is read
// leniently: title and description are taken, every other key is left
// alone, and it joins no menu. A URL that would replace waymark's own
// pages is a warning, and the file is not published.
func (s *Site) parseLinkedPage(p string) *Page {
	doc := s.readDoc(p)
	if doc == nil {
		return nil
	}
	id := strings.TrimSuffix(p, path.Ext(p))
	if first, _, _ := strings.Cut(id, "/"); slices.Contains(reserved, first) {
		s.Problems.Add(diag.Warnf(p, 1, "move the file, or link to it by its full URL", "linked page %q would replace waymark's own %s/ pages; not published", id, first))
		return nil
	}
	var pm struct {
		Title       meta.Text `yaml:"title"`
		Description meta.Text `yaml:"description"`
	}
	if doc.Meta != nil {
		if err := doc.Meta.Decode(&pm); err != nil {
			s.Problems.Add(diag.Warnf(p, doc.MetaLine, "fix the front matter's title and description", "front matter not read (%v); the page is titled from its file name", err))
			pm.Title, pm.Description = "", ""
		}
	}
	title := string(pm.Title)
	if title == "" {
		title = TitleFromID(path.Base(id))
	}
	return &Page{ID: id, Source: p, URL: PathURL(id) + "/", Title: title, Description: string(pm.Description), Body: doc.Body, BodyLine: doc.BodyLine}
}

// Outside reports whether p is a path outside the site's folders that
// published markdown links to, published or not (it may not exist yet):
// the preview builds again when such a file changes or appears.
func (s *Site) Outside(p string) bool { return s.outside[p] }
