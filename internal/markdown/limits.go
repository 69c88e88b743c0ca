package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Limits bound the work goldmark does for one document. Without them a
// few constructs cost time or memory far beyond the document's size (see
// the package comment); a document that exceeds one is refused with an
// error naming its line, and goldmark is kept from the runaway work.
const (
	// MaxNesting is the deepest nesting of block quotes and lists.
	MaxNesting = 32
	// WorkFactor and WorkBase bound the steps goldmark takes in the parts
	// whose work can grow with the square of the document: WorkFactor
	// times the document's size plus WorkBase. Link brackets and link
	// reference definitions are charged to this account (see linkLimit
	// and definitionLimit); a document within its limits charges about
	// its size once.
	WorkFactor = 4
	WorkBase   = 16 << 20
	// MaxTableColumns is the widest table.
	MaxTableColumns = 1000
	// MaxTableCells bounds a table's rows times its columns: goldmark
	// fills short rows up to the header's width.
	MaxTableCells = 250_000
)

var limitsKey = parser.NewContextKey()

// limits is the per-document account of bounded work, kept in the parser
// context. The first limit exceeded is the document's error.
type limits struct {
	src     []byte
	work    int   // steps charged so far
	openers []int // for each open "[", its parent's children when it opened
	err     *diag.Problem
}

// limitsOf returns the account of the document being parsed.
func limitsOf(pc parser.Context, src []byte) *limits {
	return pc.ComputeIfAbsent(limitsKey, func() any { return &limits{src: src} }).(*limits)
}

// remaining returns the steps left in the document's account.
func (l *limits) remaining() int {
	return WorkFactor*len(l.src) + WorkBase - l.work
}

// exceeded records the first limit the document exceeds, at byte offset,
// and stops the parse: the document is refused, and the rest of it could
// only cost more (a million openers left as nodes take 700 MB).
func (l *limits) exceeded(offset int, fix, format string, args ...any) {
	if l.err == nil {
		line := 1 + bytes.Count(l.src[:min(max(offset, 0), len(l.src))], []byte("\n"))
		l.err = &diag.Problem{Line: line, Message: fmt.Sprintf(format, args...), Fix: fix}
	}
	panic(stopParse{})
}

// stopParse is the panic that ends a parse at the first limit exceeded;
// parse recovers it. goldmark has no way to stop a parse, and keeps no
// state beyond the parse's own context that the panic could leave behind.
type stopParse struct{}

// parse parses doc's body with md's parser and ctx, stopping at the first
// limit exceeded (which lim then holds).
func parse(p parser.Parser, body []byte, ctx parser.Context) (root ast.Node) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopParse); !ok {
				panic(r)
			}
			root = nil
		}
	}()
	return p.Parse(text.NewReader(body), parser.WithContext(ctx))
}

// problem returns the limit doc exceeded, with its file and line, or nil.
func (l *limits) problem(doc *Doc) *diag.Problem {
	if l == nil || l.err == nil {
		return nil
	}
	p := *l.err
	p.File = doc.Source
	p.Line += doc.BodyLine - 1
	return &p
}

// offset returns the byte offset of the reader's position.
func offset(r text.Reader) int {
	_, seg := r.Position()
	return seg.Start
}

// depth returns the number of block quotes and lists around n, n
// included.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			d++
		}
	}
	return d
}
