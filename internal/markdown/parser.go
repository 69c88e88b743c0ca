package markdown

import (
	"github.com/yuin/goldmark/parser"
)

// newParser returns goldmark's default parser with the limits around the
// parts whose work can grow faster than the document. The parts are found
// by the priorities goldmark documents for its defaults.
func newParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		switch b.Priority {
		case 300: // ListParser
			blocks[i].Value = nestingLimit{b.Value.(parser.BlockParser), opensList}
		case 800: // BlockquoteParser
			blocks[i].Value = nestingLimit{b.Value.(parser.BlockParser), opensQuote}
		}
	}
	inlines := parser.DefaultInlineParsers()
	for i, p := range inlines {
		if p.Priority == 200 { // LinkParser
			inlines[i].Value = linkLimit{p.Value.(parser.InlineParser)}
		}
	}
	paragraphs := parser.DefaultParagraphTransformers()
	for i, p := range paragraphs {
		if p.Priority == 100 { // LinkReferenceParagraphTransformer
			paragraphs[i].Value = definitionLimit{p.Value.(parser.ParagraphTransformer)}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(paragraphs...),
	)
}

// The link parser keeps openers until the end of a block; its wrapper
// must pass that on.
var _ parser.CloseBlocker = linkLimit{}
