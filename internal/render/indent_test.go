package render

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// readable turns an unminified output file into the text kept as its
// golden file: HTML and XML one block element a line, indented; JSON
// indented; anything else as it is.
func readable(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	switch {
	case strings.HasSuffix(name, ".html"):
		return indentMarkup(data, htmlBlock)
	case strings.HasSuffix(name, ".xml"):
		return indentMarkup(data, func(string) bool { return true })
	case strings.HasSuffix(name, ".json"):
		var b bytes.Buffer
		if err := json.Indent(&b, data, "", "\t"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return b.Bytes()
	}
	return data
}

// htmlBlock holds the HTML elements that start a line of their own. The
// rest are inline, and a line break put before them could show as space.
var htmlBlock = func() func(string) bool {
	set := map[string]bool{}
	for _, name := range strings.Fields(`html head body title meta link script style base
		header footer main nav section article aside div p ul ol li dl dt dd
		table caption thead tbody tfoot tr th td h1 h2 h3 h4 h5 h6 hr
		form fieldset legend figure figcaption pre blockquote details summary
		noscript select option svg template`) {
		set[name] = true
	}
	return func(name string) bool { return set[name] }
}()

// void elements have no end tag.
var void = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// verbatim elements keep every byte of their content: white space in them
// is shown (pre, textarea), or they are not HTML (script, style).
var verbatim = map[string]bool{"pre": true, "textarea": true, "script": true, "style": true}

type token struct {
	typ  html.TokenType
	raw  []byte
	name string
}

// indentMarkup puts each block element of src on a line of its own,
// indented by a tab per enclosing block element, and closes a block on a
// line of its own when it holds blocks. It only removes and adds white
// space between tags, never inside pre, textarea, script or style, nor
// inside an SVG's text or title; every token is written as it was read.
// Inside an SVG every element is a block. block says which elements are
// blocks elsewhere.
func indentMarkup(src []byte, block func(string) bool) []byte {
	var toks []token
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		typ := z.Next()
		if typ == html.ErrorToken {
			if z.Err() != io.EOF {
				return src // not markup the tokenizer understands: keep it whole
			}
			break
		}
		tok := token{typ: typ, raw: bytes.Clone(z.Raw())} // before TagName, which lowercases in place
		if typ == html.StartTagToken || typ == html.EndTagToken || typ == html.SelfClosingTagToken {
			name, _ := z.TagName()
			tok.name = string(name)
		}
		toks = append(toks, tok)
	}

	type open struct {
		name   string
		blocks bool // a block was put inside, so the end tag gets a line
	}
	var (
		out      bytes.Buffer
		stack    []open
		keep     int // depth inside verbatim elements
		svg      int // depth inside svg elements
		svgText  int // depth inside an SVG's text or title
		isBlocks = make([]bool, len(toks))
	)
	// Whether each tag token starts or ends a block depends on where it
	// is, so it is worked out in one pass and used in the next.
	for i, tok := range toks {
		switch tok.typ {
		case html.StartTagToken, html.SelfClosingTagToken:
			isBlocks[i] = keep == 0 && svgText == 0 && (svg > 0 || block(tok.name))
			if tok.typ == html.SelfClosingTagToken || void[tok.name] {
				continue
			}
			if verbatim[tok.name] {
				keep++
			}
			if tok.name == "svg" {
				svg++
			}
			if svg > 0 && (tok.name == "text" || tok.name == "title") {
				svgText++
			}
		case html.EndTagToken:
			if verbatim[tok.name] && keep > 0 {
				keep--
			}
			if svg > 0 && (tok.name == "text" || tok.name == "title") && svgText > 0 {
				svgText--
			}
			if tok.name == "svg" && svg > 0 {
				svg--
			}
			isBlocks[i] = keep == 0 && svgText == 0 && (svg > 0 || block(tok.name))
		}
	}
	newline := func() {
		if out.Len() > 0 {
			out.WriteByte('\n')
			out.WriteString(strings.Repeat("\t", len(stack)))
		}
	}
	blank := func(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }
	keep = 0
	for i, tok := range toks {
		switch {
		case keep > 0:
			if tok.typ == html.StartTagToken && verbatim[tok.name] {
				keep++
			} else if tok.typ == html.EndTagToken && verbatim[tok.name] {
				keep--
			}
			if keep > 0 {
				out.Write(tok.raw)
				continue
			}
			// the end tag of the outermost verbatim element
			fallthrough
		case tok.typ == html.EndTagToken:
			if !isBlocks[i] {
				out.Write(tok.raw)
				continue
			}
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].name == tok.name {
					blocks := stack[j].blocks
					stack = stack[:j]
					if blocks {
						newline()
					}
					break
				}
			}
			out.Write(tok.raw)
		case tok.typ == html.StartTagToken || tok.typ == html.SelfClosingTagToken:
			if !isBlocks[i] {
				out.Write(tok.raw)
				if verbatim[tok.name] && tok.typ == html.StartTagToken {
					keep = 1
				}
				continue
			}
			newline()
			out.Write(tok.raw)
			if len(stack) > 0 {
				stack[len(stack)-1].blocks = true
			}
			if tok.typ == html.StartTagToken && !void[tok.name] {
				stack = append(stack, open{name: tok.name})
				if verbatim[tok.name] {
					keep = 1
				}
			}
		case tok.typ == html.TextToken && blank(tok.raw) &&
			(i > 0 && isBlocks[i-1] || i+1 < len(toks) && isBlocks[i+1] || i == 0 || i+1 == len(toks)):
			// white space beside a block: the new line stands for it
		default:
			out.Write(tok.raw)
		}
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// aroundTags is white space beside a tag.
var aroundTags = regexp.MustCompile(`\s*(<[^>]*>)\s*`)

// TestIndentMarkup checks the indenting on small cases, and that on every
// page of the fixture site it changes nothing but white space beside tags.
func TestIndentMarkup(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"blocks", "<div><p>a <b>b</b> c</p>\n\n<p>d</p></div>",
			"<div>\n\t<p>a <b>b</b> c</p>\n\t<p>d</p>\n</div>\n"},
		{"inline space kept", "<p><a>x</a> <a>y</a>\n<a>z</a></p>", "<p><a>x</a> <a>y</a>\n<a>z</a></p>\n"},
		{"pre untouched", "<div><pre><code>a\n  <div>b</div>\n</code></pre></div>",
			"<div>\n\t<pre><code>a\n  <div>b</div>\n</code></pre>\n</div>\n"},
		{"void elements", "<head><meta charset=utf-8><link rel=x></head>",
			"<head>\n\t<meta charset=utf-8>\n\t<link rel=x>\n</head>\n"},
		{"svg", `<p>x<svg><g><circle r="1"/><text x="0"><tspan>A</tspan> B</text></g></svg> y</p>`,
			"<p>x\n\t<svg>\n\t\t<g>\n\t\t\t<circle r=\"1\"/>\n\t\t\t<text x=\"0\"><tspan>A</tspan> B</text>\n\t\t</g>\n\t</svg> y\n</p>\n"},
		{"script", "<body><script>if (a<b) { x() }</script></body>", "<body>\n\t<script>if (a<b) { x() }</script>\n</body>\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := string(indentMarkup([]byte(c.in), htmlBlock)); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	out := plainBuild(t, "testdata/site.txtar")
	pages := 0
	for name, data := range out {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		pages++
		got := indentMarkup(data, htmlBlock)
		if a, b := aroundTags.ReplaceAll(data, []byte("$1")), aroundTags.ReplaceAll(got, []byte("$1")); !bytes.Equal(a, b) {
			t.Errorf("%s: indenting changed more than white space beside tags:\n%s", name, lineDiff(string(a), string(b)))
		}
	}
	if pages < 10 {
		t.Errorf("checked %d pages", pages)
	}
}
