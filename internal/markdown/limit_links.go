package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkLimit wraps goldmark's link parser and charges the work it does at
// each "]" to the document's account:
//
//   - For "](", goldmark reads the destination up to a space, an
//     unbalanced ")" or the end of the line ("<" destinations: up to ">"
//     or the end of the line), whether or not the link closes; a line of
//     unclosed openers, "[a](" a million times, is read to its end a
//     million times.
//   - Unless an inline link closes, goldmark then takes the text between
//     the brackets from the paragraph, looking for its line from the
//     paragraph's last line backwards: a step per line of the paragraph.
//   - It looks for a link among the nodes after the opening bracket; with
//     a million unmatched "[" around a link, each "]" looks through all
//     the brackets closed before it.
//
// Once the account is spent, the document is refused and its parse ends.
type linkLimit struct {
	parser.InlineParser
}

func (p linkLimit) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	l := limitsOf(pc, block.Source())
	if len(line) == 0 || line[0] != ']' {
		n := p.InlineParser.Parse(parent, block, pc)
		if n != nil {
			l.openers = append(l.openers, parent.ChildCount())
		}
		return n
	}
	budget := l.remaining()
	lines := linesOf(parent)
	scan := 0
	if len(line) > 1 && line[1] == '(' {
		scan = destinationScan(line[2:], budget)
	}
	after := 0 // nodes goldmark searches for a link inside the brackets
	if k := len(l.openers); k > 0 {
		after = max(parent.ChildCount()-l.openers[k-1], 0)
		l.openers = l.openers[:k-1]
	}
	l.work += scan + lines + after
	if l.remaining() > 0 {
		return p.InlineParser.Parse(parent, block, pc)
	}
	if scan >= lines+after {
		l.exceeded(offset(block), `close each link with ")", or write "\[" for a bracket that opens no link`,
			`links opened with "](" here are not closed; reading them would take more than %d times the document's size`, WorkFactor)
	}
	l.exceeded(offset(block), `put blank lines between the parts of the paragraph, and write "\[" for a bracket that opens no link`,
		"too many link brackets in a paragraph of %d lines: each costs a step per line of the paragraph and per bracket it encloses", lines)
	return nil
}

// CloseBlock passes the end of a block on to the link parser, which keeps
// the openers of a block until then.
func (p linkLimit) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	limitsOf(pc, block.Source()).openers = nil
	if cb, ok := p.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// linesOf returns the number of lines of the block that n is in.
func linesOf(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock {
			return n.Lines().Len()
		}
	}
	return 1
}

// destinationScan returns how many bytes of rest, the line after "](",
// goldmark reads for the destination, or budget when it would read that
// many or more.
func destinationScan(rest []byte, budget int) int {
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
		i++
	}
	if i < len(rest) && rest[i] == '<' {
		for i++; i < len(rest) && i < budget; i++ {
			switch {
			case rest[i] == '\\' && i+1 < len(rest) && util.IsPunct(rest[i+1]):
				i++
			case rest[i] == '>':
				return i + 1
			}
		}
		return min(i, budget)
	}
	opened := 0
	for ; i < len(rest) && i < budget; i++ {
		c := rest[i]
		switch {
		case c == '\\' && i+1 < len(rest) && util.IsPunct(rest[i+1]):
			i++
		case c == '(':
			opened++
		case c == ')':
			opened--
			if opened < 0 {
				return i + 1
			}
		case util.IsSpace(c):
			return i + 1
		}
	}
	return min(i, budget)
}
