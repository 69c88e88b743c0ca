package interchange

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// markdownOf turns a description into markdown. Text with no tags is
// taken as markdown already; HTML becomes paragraphs, headings, line
// breaks, emphasis, code, links and lists, and other tags are dropped with
// their text kept (scripts and styles with their text). Links other than
// http, https, mailto and relative ones lose their target.
func markdownOf(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	c := &converter{}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			c.start(tok)
		case html.EndTagToken:
			c.end(tok.Data)
		case html.TextToken:
			c.text(tok.Data)
		}
	}
	c.flush()
	return strings.TrimSpace(c.out.String())
}

type converter struct {
	out      strings.Builder
	cur      strings.Builder // the block being written
	prefix   string          // of the block: "## ", "- ", "1. "
	inItem   bool            // cur is a list item: no blank line before it
	lists    []int           // open lists: -1 for ul, else the next ol number
	links    []string        // open links' targets, "" for a link dropped
	skip     int             // inside script or style
	atBreak  bool            // just after a line break: drop leading space
	lastItem bool            // the last block written was a list item
}

func (c *converter) start(tok html.Token) {
	switch tok.Data {
	case "p", "div", "section", "article", "blockquote", "table", "tr", "pre":
		c.flush()
	case "h1", "h2", "h3", "h4", "h5", "h6":
		c.flush()
		c.prefix = strings.Repeat("#", min(int(tok.Data[1]-'0')+1, 6)) + " "
	case "br":
		if c.cur.Len() > 0 {
			c.cur.WriteString("\\\n")
			c.atBreak = true
		}
	case "strong", "b":
		c.cur.WriteString("**")
	case "em", "i":
		c.cur.WriteString("*")
	case "code":
		c.cur.WriteString("`")
	case "a":
		href := safeURL(attr(tok, "href"))
		if href != "" {
			c.cur.WriteString("[")
		}
		c.links = append(c.links, href)
	case "img":
		if src := safeURL(attr(tok, "src")); src != "" {
			fmt.Fprintf(&c.cur, "![%s](%s)", escape(attr(tok, "alt")), src)
		}
	case "ul", "ol":
		c.flush()
		n := -1
		if tok.Data == "ol" {
			n = 1
		}
		c.lists = append(c.lists, n)
	case "li":
		c.flush()
		indent := strings.Repeat("   ", max(len(c.lists)-1, 0))
		c.prefix = indent + "- "
		if k := len(c.lists) - 1; k >= 0 && c.lists[k] > 0 {
			c.prefix = fmt.Sprintf("%s%d. ", indent, c.lists[k])
			c.lists[k]++
		}
		c.inItem = true
	case "script", "style":
		c.skip++
	}
}

func (c *converter) end(tag string) {
	switch tag {
	case "p", "div", "section", "article", "blockquote", "table", "tr", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "li":
		c.flush()
	case "strong", "b":
		c.closeMark("**")
	case "em", "i":
		c.closeMark("*")
	case "code":
		c.closeMark("`")
	case "a":
		if n := len(c.links); n > 0 {
			if href := c.links[n-1]; href != "" {
				c.closeMark("](" + href + ")")
			}
			c.links = c.links[:n-1]
		}
	case "ul", "ol":
		c.flush()
		if n := len(c.lists); n > 0 {
			c.lists = c.lists[:n-1]
		}
	case "script", "style":
		c.skip = max(c.skip-1, 0)
	}
}

// closeMark ends an inline span, keeping trailing space outside it.
func (c *converter) closeMark(mark string) {
	s := c.cur.String()
	trimmed := strings.TrimRight(s, " ")
	c.cur.Reset()
	c.cur.WriteString(trimmed + mark + s[len(trimmed):])
}

var spaceRE = regexp.MustCompile(`\s+`)

func (c *converter) text(s string) {
	if c.skip > 0 {
		return
	}
	s = spaceRE.ReplaceAllString(s, " ")
	if c.cur.Len() == 0 || c.atBreak {
		s = strings.TrimLeft(s, " ")
	}
	if s == "" {
		return
	}
	c.atBreak = false
	c.cur.WriteString(escape(s))
}

var blockStartRE = regexp.MustCompile(`^([#>+-]|\d+\.)`)

// flush ends the current block.
func (c *converter) flush() {
	text := strings.TrimSpace(c.cur.String())
	c.cur.Reset()
	c.atBreak = false
	if text != "" {
		if blockStartRE.MatchString(text) {
			text = `\` + text
		}
		if c.out.Len() > 0 {
			if c.inItem && c.lastItem {
				c.out.WriteString("\n")
			} else {
				c.out.WriteString("\n\n")
			}
		}
		c.out.WriteString(c.prefix + text)
		c.lastItem = c.inItem
	}
	c.prefix = ""
	c.inItem = false
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `\<`)

func escape(s string) string { return mdSpecial.Replace(s) }

func attr(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// safeURL returns u when it is an http(s), mailto or relative URL that
// markdown can hold, else "".
func safeURL(u string) string {
	p, err := url.Parse(u)
	if u == "" || err != nil || strings.ContainsAny(u, " ()<>") {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "", "http", "https", "mailto":
		return u
	}
	return ""
}
