package search

import (
	"html"
	"strings"
)

// isInline reports whether an element does not break a word: text on
// both sides of it runs on ("un<em>usual</em>" is one word). Every other
// tag stands for a space.
func isInline(name string) bool {
	switch name {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var":
		return true
	}
	return false
}

// TextFromHTML returns the readable text of rendered markdown: the text
// between tags with character references decoded, and a space for every
// tag that breaks words. White space is kept as it is, for speed; readers
// of the text collapse it. Heading anchor links ("#") and the contents of
// script, style and template elements are left out.
func TextFromHTML(src string) string {
	return strings.TrimSpace(string(AppendText(nil, src)))
}

// AppendText appends the text of src, as TextFromHTML returns it but not
// trimmed, to out.
func AppendText(out []byte, src string) []byte {
	last := byte(' ') // the last byte written, a space at the start
	skip := ""        // the element whose contents are being left out
	for len(src) > 0 {
		lt := strings.IndexByte(src, '<')
		if lt < 0 {
			lt = len(src)
		}
		if text := src[:lt]; skip == "" && text != "" {
			if strings.IndexByte(text, '&') >= 0 {
				text = html.UnescapeString(text)
			}
			out = append(out, text...)
			last = text[len(text)-1]
		}
		src = src[lt:]
		if src == "" {
			break
		}
		if strings.HasPrefix(src, "<!--") {
			end := strings.Index(src, "-->")
			if end < 0 {
				break
			}
			src = src[end+3:]
			continue
		}
		gt := strings.IndexByte(src, '>')
		if gt < 0 {
			break // a cut tag: goldmark never writes one
		}
		tag := src[1:gt]
		src = src[gt+1:]
		closing := len(tag) > 0 && tag[0] == '/'
		name := tagName(tag)
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
		case !closing && (name == "script" || name == "style" || name == "template"):
			skip = name
		case !closing && name == "a" && strings.Contains(tag, `class="anchor"`):
			skip = "a"
		case !isInline(name) && !isSpace(last):
			out = append(out, ' ')
			last = ' '
		}
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// tagName returns the lower-case element name of a tag's inside.
func tagName(tag string) string {
	tag = strings.TrimPrefix(tag, "/")
	end := 0
	for end < len(tag) && (tag[end] >= 'a' && tag[end] <= 'z' || tag[end] >= 'A' && tag[end] <= 'Z' || tag[end] >= '0' && tag[end] <= '9') {
		end++
	}
	name := tag[:end]
	for k := range len(name) {
		if name[k] >= 'A' && name[k] <= 'Z' {
			return strings.ToLower(name)
		}
	}
	return name
}
