package markdown

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// summaryInput is how much of a body Summary reads: the first paragraph
// is near the top, and a page's data should not wait on a long document.
const summaryInput = 8 << 10

// Summary returns the first paragraph of a markdown body as plain text,
// markup and line breaks gone, at most limit characters: a longer one is cut
// at a word and ends in an ellipsis. Headings, lists, quotes and code
// before it are passed over; a body without a paragraph gives "".
func Summary(body []byte, limit int) string {
	if s, ok := plainParagraph(body); ok {
		return shorten(s, limit)
	}
	return parsedSummary(body, limit)
}

// parsedSummary is Summary through the parser.
func parsedSummary(body []byte, limit int) string {
	if len(body) > summaryInput {
		cut := bytes.LastIndexByte(body[:summaryInput], '\n')
		body = body[:max(cut, 0)]
	}
	doc := summaryParser().Parse(text.NewReader(body))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if p, ok := n.(*ast.Paragraph); ok {
			// Text keeps its character references as written.
			if s := strings.Join(strings.Fields(html.UnescapeString(plainText(p, body))), " "); s != "" {
				return shorten(s, limit)
			}
		}
	}
	return ""
}

// plainParagraph is the first paragraph of body when it is plain text:
// no character that could start markup, no line that could start a block
// other than a paragraph. Such a paragraph is its own plain text, and
// most blips open with one, so Summary spares them the parser.
func plainParagraph(body []byte) (string, bool) {
	var words []string
	for line := range bytes.Lines(bytes.TrimLeft(body, "\n")) {
		line = bytes.TrimRight(line, "\r\n")
		if len(bytes.TrimSpace(line)) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' || line[0] >= '0' && line[0] <= '9' || bytes.ContainsAny(line, "\\`*_[]<>&!#|~=+-:") {
			return "", false
		}
		words = append(words, strings.Fields(string(line))...)
	}
	return strings.Join(words, " "), len(words) > 0
}

// shorten cuts s to at most n characters at a word, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := strings.TrimSpace(string(r))
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}

// summaryParser is the one parser of every summary: making one costs
// more than parsing a blip's first paragraph, and a parser is safe for
// use by several goroutines at once.
var summaryParser = sync.OnceValue(newParser)
