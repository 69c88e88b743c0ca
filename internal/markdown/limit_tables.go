package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tables is goldmark's table extension with tableLimit around its reader.
type tables struct{}

func (tables) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableLimit{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
}

// tableLimit wraps goldmark's table reader. goldmark gives every row as
// many cells as the delimiter row has columns, so a 100,000-column
// delimiter row above short rows took 1.5 GB. A table wider than
// MaxTableColumns, or with more than MaxTableCells cells, refuses the
// document.
type tableLimit struct {
	parser.ParagraphTransformer
}

func (p tableLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := node.Lines()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		cols := delimiterColumns(seg.Value(src))
		if cols == 0 {
			continue
		}
		rows := lines.Len() - i // the header and the rows under the delimiter row
		switch {
		case cols > MaxTableColumns:
			limitsOf(pc, src).exceeded(seg.Start, "split the table",
				"table has %d columns; waymark renders at most %d", cols, MaxTableColumns)
		case cols*rows > MaxTableCells:
			limitsOf(pc, src).exceeded(seg.Start, "split the table",
				"table has %d cells (%d columns, %d rows); waymark renders at most %d", cols*rows, cols, rows, MaxTableCells)
		}
	}
	p.ParagraphTransformer.Transform(node, reader, pc)
}

// delimiterColumns returns the number of columns of a table's delimiter
// row ("| --- | :-: |"), or 0 when line is not one.
func delimiterColumns(line []byte) int {
	line = bytes.TrimSpace(line)
	if bytes.IndexByte(line, '-') < 0 {
		return 0
	}
	for _, c := range line {
		switch c {
		case '|', '-', ':', ' ', '\t':
		default:
			return 0
		}
	}
	line = bytes.TrimSuffix(bytes.TrimPrefix(line, []byte("|")), []byte("|"))
	return bytes.Count(line, []byte("|")) + 1
}
