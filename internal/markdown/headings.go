package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// Heading is a section heading of a document, as its table of contents
// lists it: the id is the one the rendered heading carries.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// headings returns the level 2 and 3 headings of a parsed document,
// with the ids its rendering gives them.
func headings(doc ast.Node, src []byte) []Heading {
	var out []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if h.Level == 2 || h.Level == 3 {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			out = append(out, Heading{Level: h.Level, Text: plainText(h, src), ID: string(idb)})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// plainText is the text of n's inline children, without markup.
func plainText(n ast.Node, src []byte) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b = append(b, t.Segment.Value(src)...)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, t.Value...)
		}
		return ast.WalkContinue, nil
	})
	return string(b)
}
