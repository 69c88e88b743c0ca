package markdown

import (
	"bytes"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code blocks with chroma, emitting CSS
// classes (styled by CSS()); a mermaid block becomes <pre
// class="mermaid"> with its source as text (DiagramMark). One formatter serves every block: chroma
// caches a style's classes per formatter, and making a formatter per
// block, as general-purpose highlighting extensions do, recomputes them
// every time.
type codeRenderer struct {
	formatter *chromahtml.Formatter
}

// DiagramMark opens every diagram in rendered markdown: a page whose
// content holds it needs the diagram script.
const DiagramMark = `<pre class="mermaid">`

// MayHoldDiagram reports whether markdown source could hold a diagram
// block: it names mermaid somewhere. Without it no page of the source has
// a diagram, so a site none of whose sources pass needs no diagram script.
func MayHoldDiagram(body []byte) bool { return bytes.Contains(body, []byte("mermaid")) }

func newCodeRenderer() codeRenderer {
	return codeRenderer{formatter: chromahtml.New(chromahtml.WithClasses(true))}
}

func (c codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

func (c codeRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		code.Write(line.Value(source))
	}
	lang := n.Language(source)
	if string(lang) == "mermaid" {
		// A diagram: its source as text, which the theme's script draws
		// and which shows as code without JavaScript.
		_, _ = w.WriteString(DiagramMark)
		_, _ = w.Write(util.EscapeHTML(code.Bytes()))
		_, _ = w.WriteString("</pre>\n")
		return ast.WalkSkipChildren, nil
	}
	if lexer := lexers.Get(string(lang)); lang != nil && lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
		if err == nil {
			var out bytes.Buffer
			if err := c.formatter.Format(&out, styles.Get("github"), it); err == nil {
				_, _ = w.Write(out.Bytes())
				return ast.WalkSkipChildren, nil
			}
		}
	}
	_, _ = w.WriteString("<pre><code")
	if lang != nil {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(code.Bytes()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}
