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
		im.html = newConverter()
	}
	md, err := im.html.ConvertNode(doc)
	if err != nil {
		return s // the converter refuses only what it cannot read; keep the text as the source had it
	}
	return strings.TrimSpace(string(md))
}

// newConverter returns html-to-markdown's CommonMark converter, writing a
// line break as a backslash before the newline: the two trailing spaces
// it writes otherwise are invisible and are lost to every editor or hook
// that trims trailing whitespace, and an export imported again would
// differ from the first import.
func newConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(base.NewBasePlugin(), commonmark.NewCommonmarkPlugin()))
	conv.Register.RendererFor("br", converter.TagTypeInline, func(_ converter.Context, w converter.Writer, _ *html.Node) converter.RenderStatus {
		w.WriteString("\\\n")
		return converter.RenderSuccess
	}, converter.PriorityEarly)
	return conv
}

// safeHTML drops every href and src that safeURL refuses; a link that
// loses its target becomes its text.
func safeHTML(doc *html.Node) {
	var walk func(n *html.Node)
	var stray []*html.Node
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Br && !betweenText(n) {
			stray = append(stray, n)
		}
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
	for _, n := range stray {
		n.Parent.RemoveChild(n)
	}
}

// betweenText reports whether the line break n has inline content on
// both sides within its block, where markdown can hold a line break: a
// <br> between paragraphs (Thoughtworks writes </p><br><p>) or at the
// start or end of a block breaks no line.
func betweenText(n *html.Node) bool {
	side := func(next func(*html.Node) *html.Node) bool {
		for s := next(n); s != nil; s = next(s) {
			switch {
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) == "", s.Type == html.ElementNode && s.DataAtom == atom.Br:
			case s.Type == html.TextNode:
				return true
			case s.Type == html.ElementNode:
				return inline[s.DataAtom]
			}
		}
		return false
	}
	return side(func(x *html.Node) *html.Node { return x.PrevSibling }) && side(func(x *html.Node) *html.Node { return x.NextSibling })
}

// inline are the elements that stay within a line of text.
var inline = map[atom.Atom]bool{atom.A: true, atom.Abbr: true, atom.B: true, atom.Cite: true, atom.Code: true, atom.Em: true,
	atom.I: true, atom.Img: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true,
	atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true, atom.Del: true, atom.Ins: true}

// mdSpecial escapes text that goes into a markdown link's label.
var mdSpecial = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)

func escape(s string) string { return mdSpecial.Replace(s) }

// linkTarget writes URL u as a markdown link's destination: parentheses
// percent-encoded, so that none ends the link early.
func linkTarget(u string) string { return strings.NewReplacer("(", "%28", ")", "%29").Replace(u) }

// safeURL returns u when it is an http(s), mailto or relative URL that
// markdown can hold, else "".
func safeURL(u string) string {
	p, err := url.Parse(u)
	if u == "" || err != nil || strings.ContainsAny(u, " <>") {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "", "http", "https", "mailto":
		return u
	}
	return ""
}
