// Package markdown renders the markdown of decisions, blips and pages with
// one goldmark instance, configured once per site.
//
// Enabled: GitHub Flavored Markdown (tables, strikethrough, task lists,
// autolinks), footnotes, heading ids with a visible anchor link, and syntax
// highlighting by chroma with CSS classes (see CSS). Raw HTML is dropped
// unless the site opts in, and then it is sanitised with bluemonday.
//
// Relative links are rewritten in the AST, never by editing HTML: a link to
// another .md source becomes a relative link to that page's URL, a link or
// image to any other file next to the source becomes a relative link to the
// published copy, and a target that does not exist is reported as a
// BrokenLink with its line.
//
// # Limits
//
// Some markdown costs goldmark time or memory far beyond its size: a line
// of unclosed link openers ("[a](" a million times), long runs of
// reference definitions or bracketed text in one paragraph, deep nesting of
// lists and block quotes, tables whose short rows are filled up to a very
// wide header. The parser's parts for these are wrapped (parser.go) and
// charge their work to a per-document account (limits.go): nesting at most
// MaxNesting deep, link work at most WorkFactor times the document's size
// plus WorkBase, tables at most MaxTableColumns wide and MaxTableCells
// large. The first limit exceeded stops the parse; Render and Links return
// it as a diag.Problem naming the file, the line and the fix.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Resolver answers questions about the site's files during rendering.
type Resolver interface {
	// Page returns the site-relative URL ("radar/kafka/") of the page built
	// from the site-relative source path ("radar/kafka.md").
	Page(source string) (url string, ok bool)
	// Asset returns the site-relative URL at which the site-relative file
	// path is published as is.
	Asset(path string) (url string, ok bool)
}

// Doc is one source to render.
type Doc struct {
	Source   string // site-relative path of the markdown file
	URL      string // site-relative URL of the page it becomes ("decisions/0005-x/")
	Body     []byte
	BodyLine int // file line of Body's first line
}

// BrokenLink is a relative link whose target does not exist.
type BrokenLink struct {
	Line   int
	Target string
}

// Result is rendered markdown.
type Result struct {
	HTML   []byte
	Broken []BrokenLink
	// Headings are the document's level 2 and 3 headings, with the
	// ids the HTML gives them, for a table of contents.
	Headings []Heading
}

// Renderer is a configured markdown renderer; it is safe for concurrent use.
type Renderer struct {
	md       goldmark.Markdown
	sanitize *bluemonday.Policy
}

// Options configure a Renderer.
type Options struct {
	// Unsafe renders raw HTML in markdown, sanitised.
	Unsafe bool
}

var (
	docKey      = parser.NewContextKey()
	resolverKey = parser.NewContextKey()
	brokenKey   = parser.NewContextKey()
)

// New returns a renderer.
func New(opts Options) *Renderer {
	var rendererOpts []renderer.Option
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(
			extension.Linkify,
			tables{},
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(anchorRenderer{}, 100),
			util.Prioritized(newCodeRenderer(), 100),
			util.Prioritized(taskRenderer{}, 100),
		)),
	)
	r := &Renderer{md: md}
	if opts.Unsafe {
		p := bluemonday.UGCPolicy()
		p.AllowAttrs("class").Globally()
		p.AllowAttrs("id").Globally()
		r.sanitize = p
	}
	return r
}

// Render converts doc to HTML, resolving relative links with res.
func (r *Renderer) Render(doc Doc, res Resolver) (Result, error) {
	ctx, broken, lim := newContext(&doc, res)
	root := parse(r.md.Parser(), doc.Body, ctx)
	if p := lim.problem(&doc); p != nil {
		return Result{}, p
	}
	var buf bytes.Buffer
	buf.Grow(len(doc.Body) * 5 / 4)
	if err := r.md.Renderer().Render(&buf, doc.Body, root); err != nil {
		return Result{}, fmt.Errorf("%s: rendering markdown: %w", doc.Source, err)
	}
	out := buf.Bytes()
	if r.sanitize != nil {
		out = r.sanitize.SanitizeBytes(out)
	}
	return Result{HTML: out, Broken: *broken, Headings: headings(root, doc.Body)}, nil
}

// Links finds the broken links of doc without rendering it: it parses the
// markdown and resolves its links as Render does. The error is the limit
// the document exceeds, as Render reports it.
func (r *Renderer) Links(doc Doc, res Resolver) ([]BrokenLink, error) {
	ctx, broken, lim := newContext(&doc, res)
	parse(r.md.Parser(), doc.Body, ctx)
	if p := lim.problem(&doc); p != nil {
		return nil, p
	}
	return *broken, nil
}

// newContext returns the parser context for doc: the document and resolver
// the link transformer reads, the list it adds broken links to, and the
// account of the document's limits.
func newContext(doc *Doc, res Resolver) (parser.Context, *[]BrokenLink, *limits) {
	ctx := parser.NewContext()
	ctx.Set(docKey, doc)
	ctx.Set(resolverKey, res)
	broken := &[]BrokenLink{}
	ctx.Set(brokenKey, broken)
	lim := &limits{src: doc.Body}
	ctx.Set(limitsKey, lim)
	return ctx, broken, lim
}

// CSS returns the stylesheet for highlighted code: a light style, and a
// dark one under prefers-color-scheme.
func CSS() string {
	var b strings.Builder
	f := chromahtml.New(chromahtml.WithClasses(true))
	_ = f.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media (prefers-color-scheme: dark){")
	// The dark style leaves some tokens unstyled, which would keep the
	// light style's dark colours on a dark background.
	b.WriteString(".chroma [class]{color:inherit;background-color:transparent}")
	_ = f.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}")
	return b.String()
}

// linkTransformer rewrites relative link and image destinations and adds
// an anchor link to every heading.
type linkTransformer struct{}

func (linkTransformer) Transform(node *ast.Document, reader text.Reader, pc parser.Context) {
	doc, _ := pc.Get(docKey).(*Doc)
	res, _ := pc.Get(resolverKey).(Resolver)
	broken, _ := pc.Get(brokenKey).(*[]BrokenLink)
	if doc == nil || res == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if idb, ok := id.([]byte); ok {
					n.AppendChild(n, &anchor{id: string(idb)})
				}
			}
		case *east.Table:
			// A wide table scrolls inside the page (the theme sets its
			// overflow): the keyboard must be able to reach and scroll it.
			n.SetAttributeString("tabindex", []byte("0"))
		case *ast.Link:
			if dest, ok := rewrite(doc, res, string(n.Destination)); ok {
				n.Destination = []byte(dest)
			} else {
				*broken = append(*broken, BrokenLink{Line: lineOf(n, src, doc.BodyLine), Target: string(n.Destination)})
			}
		case *ast.Image:
			if dest, ok := rewrite(doc, res, string(n.Destination)); ok {
				n.Destination = []byte(dest)
			} else {
				*broken = append(*broken, BrokenLink{Line: lineOf(n, src, doc.BodyLine), Target: string(n.Destination)})
			}
		}
		return ast.WalkContinue, nil
	})
}

// rewrite maps a destination written in doc's source to one valid from
// doc's page; ok is false when a relative target does not exist.
func rewrite(doc *Doc, res Resolver, dest string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || strings.Contains(strings.SplitN(dest, "/", 2)[0], ":") {
		return dest, true
	}
	target, frag, _ := strings.Cut(dest, "#")
	target, query, _ := strings.Cut(target, "?")
	if strings.HasPrefix(target, "/") {
		return dest, true
	}
	clean := path.Clean(path.Join(path.Dir(doc.Source), unescape(target)))
	if strings.HasPrefix(clean, "../") || clean == ".." {
		return dest, false
	}
	var out string
	switch url, ok := res.Page(clean); {
	case ok:
		out = Rel(doc.URL, url)
	case strings.HasSuffix(strings.ToLower(clean), ".md"):
		return dest, false
	default:
		asset, ok := res.Asset(clean)
		if !ok {
			return dest, false
		}
		out = Rel(doc.URL, asset)
	}
	if query != "" {
		out += "?" + query
	}
	if frag != "" {
		out += "#" + frag
	}
	return out, true
}

// unescape decodes %-escapes in a link path, so that "my%20file.md"
// finds "my file.md".
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// Rel returns the link from the page at site-relative URL from ("a/b/") to
// the site-relative target: a page URL ending in "/" gets "index.html"
// appended, so that links also work when the site is opened from disk.
func Rel(from, target string) string {
	prefix := strings.Repeat("../", strings.Count(from, "/"))
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	return prefix + target
}

// lineOf returns the file line of an inline node, from its first text.
func lineOf(n ast.Node, src []byte, bodyLine int) int {
	offset := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			offset = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n; offset < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			offset = p.Lines().At(0).Start
		}
	}
	if offset < 0 {
		return bodyLine
	}
	return bodyLine + bytes.Count(src[:offset], []byte("\n"))
}

// anchor is the "#" link appended to headings.
type anchor struct {
	ast.BaseInline
	id string
}

var kindAnchor = ast.NewNodeKind("Anchor")

func (a *anchor) Kind() ast.NodeKind            { return kindAnchor }
func (a *anchor) Dump(source []byte, level int) { ast.DumpHelper(a, source, level, nil, nil) }
func (anchorRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAnchor, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			id := util.EscapeHTML([]byte(n.(*anchor).id))
			fmt.Fprintf(w, `<a class="anchor" href="#%s" aria-label="Link to this section">#</a>`, id)
		}
		return ast.WalkSkipChildren, nil
	})
}

type anchorRenderer struct{}
