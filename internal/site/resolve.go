package site

import (
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Page returns the URL of the page built from a site-relative source.
func (s *Site) Page(source string) (string, bool) {
	u, ok := s.pages[source]
	return u, ok
}

// Asset returns the URL at which a site-relative file is published.
func (s *Site) Asset(p string) (string, bool) {
	u, ok := s.Assets[p]
	return PathURL(u), ok
}

// Describer returns a function that renders a blip's markdown as HTML for
// other tools: links to the site's pages and files are absolute when the
// site has a base URL, else relative to the site's root.
func (s *Site) Describer() func(*radar.Blip) (string, error) {
	md := markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe})
	return func(b *radar.Blip) (string, error) {
		res, err := md.Render(markdown.Doc{Source: b.Source, Body: b.Body, BodyLine: b.BodyLine}, rooted{s})
		return string(res.HTML), err
	}
}

// rooted resolves sources to URLs under the base URL.
type rooted struct{ s *Site }

func (r rooted) Page(source string) (string, bool) {
	u, ok := r.s.Page(source)
	return r.s.Config.BaseURL + u, ok
}

func (r rooted) Asset(p string) (string, bool) {
	u, ok := r.s.Asset(p)
	return r.s.Config.BaseURL + u, ok
}

// Options returns the options the site was loaded with.
func (s *Site) Options() Options { return s.opts }

// BrokenLink is the warning for a link in source's markdown that leads
// nowhere.
func BrokenLink(source string, b markdown.BrokenLink) *diag.Problem {
	return diag.Warnf(source, b.Line, "point it at an existing file, relative to this one", "broken link %q", b.Target)
}

// PageURLs maps every source that became a page to the page's URL; the
// map must not be changed.
func (s *Site) PageURLs() map[string]string { return s.pages }
