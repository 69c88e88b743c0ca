package build

import (
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/radar"
)

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
