package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// definitionLimit wraps goldmark's reader of link reference definitions.
// For every definition at the start of a paragraph, goldmark looks up the
// definition's line from the paragraph's last line backwards and copies
// the paragraph's remaining lines, so a paragraph of n definitions and m
// lines costs n times m: 200,000 definitions in a row took 49 s. That
// product is charged to the document's account; a paragraph that spends
// it refuses the document.
type definitionLimit struct {
	parser.ParagraphTransformer
}

func (p definitionLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	l := limitsOf(pc, src)
	lines := node.Lines()
	n := 0
	for i := range lines.Len() {
		if seg := lines.At(i); startsDefinition(seg.Value(src)) {
			n++
		}
	}
	l.work += n * lines.Len()
	if l.remaining() < 0 {
		l.exceeded(lines.At(0).Start, "put a blank line between groups of a few hundred definitions, and between the definitions and the text after them",
			"%d link reference definitions in a paragraph of %d lines; each costs a step per line of its paragraph, more than %d times the document's size",
			n, lines.Len(), WorkFactor)
	}
	p.ParagraphTransformer.Transform(node, reader, pc)
}

// startsDefinition reports whether line may start a link reference
// definition: up to three spaces, then "[".
func startsDefinition(line []byte) bool {
	for i := 0; i < len(line) && i < 4; i++ {
		switch line[i] {
		case ' ':
			continue
		case '[':
			return true
		}
		return false
	}
	return false
}
