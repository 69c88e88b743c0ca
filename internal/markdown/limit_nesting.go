package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// nestingLimit wraps the parser of block quotes or of lists and opens none
// deeper than MaxNesting. goldmark matches every open container against
// every line, each reading the line's indentation again, so deep nesting
// costs depth times the line for every line: a 2,800-deep list took 43 s
// and 100,000 ">" on one line 11 s. (A list item opens only inside a list
// that opened, so the list limits it too.)
type nestingLimit struct {
	parser.BlockParser
	// opens reports whether the wrapped parser would open a block at the
	// reader's line; it is asked only at the limit, so that a line that
	// opens nothing is not reported.
	opens func(line []byte, pc parser.Context) bool
}

func (p nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if depth(parent) >= MaxNesting {
		if line, _ := reader.PeekLine(); p.opens(line, pc) {
			limitsOf(pc, reader.Source()).exceeded(offset(reader), "flatten the nesting of lists and block quotes",
				"lists and block quotes nest more than %d deep", MaxNesting)
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// opensQuote reports whether line starts a block quote: goldmark asks the
// block quote parser only about lines that start with ">".
func opensQuote([]byte, parser.Context) bool { return true }

// opensList reports whether line starts a list: a bullet ("-", "+", "*")
// or up to nine digits and "." or ")", then a space or the line's end,
// where the last block opened is not a list already (then the line opens
// an item of it).
func opensList(line []byte, pc parser.Context) bool {
	if last := pc.LastOpenedBlock().Node; last != nil && last.Kind() == ast.KindList {
		return false
	}
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	switch {
	case i < len(line) && (line[i] == '-' || line[i] == '+' || line[i] == '*'):
		i++
	default:
		digits := 0
		for i < len(line) && line[i] >= '0' && line[i] <= '9' && digits < 10 {
			i++
			digits++
		}
		if digits == 0 || digits > 9 || i >= len(line) || (line[i] != '.' && line[i] != ')') {
			return false
		}
		i++
	}
	return i == len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'
}
