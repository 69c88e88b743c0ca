package render

import (
	"bytes"
	"html/template"

	"github.com/waymark-dev/waymark/internal/markdown"
)

// renderNotes renders a page's further markdown (page.Page.Notes) for
// View.Notes. A note of one paragraph becomes inline HTML, without the
// <p>, so that it continues the line it is shown on. Their broken links
// and limits are reported by check (site.CheckLinks), not here: a page
// taken from the cache keeps only its body's.
func (r *Renderer) renderNotes(docs []*markdown.Doc) []template.HTML {
	if len(docs) == 0 {
		return nil
	}
	out := make([]template.HTML, len(docs))
	for i, d := range docs {
		res, err := r.md.Render(*d, r.site)
		if err != nil {
			out[i] = template.HTML(template.HTMLEscapeString(string(d.Body))) //nolint:gosec // escaped
			continue
		}
		out[i] = template.HTML(inlineParagraph(res.HTML)) //nolint:gosec // goldmark output: raw HTML dropped or sanitised
	}
	return out
}

// inlineParagraph returns the content of html when it is one paragraph,
// else html.
func inlineParagraph(html []byte) []byte {
	t := bytes.TrimSpace(html)
	inner, ok := bytes.CutPrefix(t, []byte("<p>"))
	if !ok {
		return html
	}
	inner, ok = bytes.CutSuffix(inner, []byte("</p>"))
	if !ok || bytes.Contains(inner, []byte("<p>")) || bytes.Contains(inner, []byte("</p>")) {
		return html
	}
	return inner
}
