package markdown

import (
	"fmt"
	"strings"
)

// pathological is a generator of documents on which goldmark's work grows
// faster than their size; n is the number of repetitions of the construct.
type pathological struct {
	name string
	gen  func(n int) string
	// n1 is a size that stays within the limits; n2 one that does not
	// (0: the construct is safe at every size); big is the size the
	// benchmark renders (about the largest under meta.MaxSize, or the
	// size of the first report).
	n1, n2, big int
}

var pathologicals = []pathological{
	{"unclosed link openers", func(n int) string { return strings.Repeat("[a](", n) }, 1000, 100_000, 1_000_000},
	{"unclosed image openers", func(n int) string { return strings.Repeat("![a](", n) }, 1000, 100_000, 800_000},
	{"unclosed pointed destinations", func(n int) string { return strings.Repeat("[a](<b", n) }, 1000, 100_000, 600_000},
	{"openers on many lines", func(n int) string { return strings.Repeat("[a](b [c](\n", n) }, 1000, 100_000, 300_000},
	{"nested list", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}, MaxNesting, 200, 2800},
	{"nested block quotes", func(n int) string { return strings.Repeat(">", n) + " a\n" }, MaxNesting, 100_000, 4_000_000},
	{"block quotes and lists", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("> ", i) + "- a\n")
		}
		return b.String()
	}, MaxNesting / 2, 200, 1150},
	{"reference definitions", func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
		}
		return b.String()
	}, 3000, 20_000, 200_000},
	{"reference definitions in paragraphs", func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: /u%d\n\n", i, i)
		}
		return b.String()
	}, 10_000, 0, 200_000},
	{"wide table", func(n int) string {
		return strings.Repeat("|a", n) + "|\n" + strings.Repeat("|-", n) + "|\n" + strings.Repeat("|b\n", 10)
	}, MaxTableColumns, 100_000, 100_000},
	{"long table", func(n int) string {
		return strings.Repeat("|a", 100) + "|\n" + strings.Repeat("|-", 100) + "|\n" + strings.Repeat("b\n", n)
	}, 1000, 100_000, 1_000_000},
	{"nested brackets around a link", func(n int) string {
		return strings.Repeat("[", n) + "[a](b)" + strings.Repeat("]", n)
	}, 1000, 100_000, 1_000_000},
	{"emphasis", func(n int) string { return strings.Repeat("*a _b ", n) }, 1000, 0, 600_000},
	{"code spans", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("`", i%50+1) + "a")
		}
		return b.String()
	}, 1000, 0, 100_000},
	{"raw HTML openers", func(n int) string { return strings.Repeat("<a ", n) }, 1000, 0, 1_000_000},
	{"footnote openers", func(n int) string { return strings.Repeat("[^a", n) }, 1000, 0, 1_000_000},
}
