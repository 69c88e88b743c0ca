package interchange

import (
	"net/url"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdownOf turns a description into markdown. Text with no tags and no
// entities is taken as markdown already; HTML is converted by
// html-to-markdown, which keeps code spans, links and lists and escapes
// only what markdown would misread, so that a description exported as
// HTML comes back as the same markdown. Links and images other than http,
// https, mailto and relative ones lose their target first.
// One converter serves a whole import: making one costs more than
// converting a description.
func (im *importer) markdownOf(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return s
	}
	safeHTML(doc)
	if im.html == nil {
		im.html = converter.NewConverter(converter.WithPlugins(base.NewBasePlugin(), commonmark.NewCommonmarkPlugin()))
	}
	md, err := im.html.ConvertNode(doc)
	if err != nil {
		return s // the converter refuses only what it cannot read; keep the text as the source had it
	}
	return strings.TrimSpace(string(md))
}

// safeHTML drops every href and src that safeURL refuses; a link that
// loses its target becomes its text.
func safeHTML(doc *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			kept := n.Attr[:0]
			for _, a := range n.Attr {
				if (a.Key == "href" || a.Key == "src") && safeURL(strings.TrimSpace(a.Val)) == "" {
					if n.Data == "a" { // a link that leads nowhere safe is its text
						n.Data, n.DataAtom = "span", atom.Span
					}
					continue
				}
				kept = append(kept, a)
			}
			n.Attr = kept
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// mdSpecial escapes text that goes into a markdown link's label.
var mdSpecial = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)

func escape(s string) string { return mdSpecial.Replace(s) }

// safeURL returns u when it is an http(s), mailto or relative URL that
// markdown can hold, else "".
func safeURL(u string) string {
	p, err := url.Parse(u)
	if u == "" || err != nil || strings.ContainsAny(u, " ()<>") {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "", "http", "https", "mailto":
		return u
	}
	return ""
}
