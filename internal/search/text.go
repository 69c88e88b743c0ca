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

// TextFromHTML returns the readable text of rendered markdown, on one line
// with runs of white space made single spaces. Heading anchor links ("#")
// and the contents of script, style and template elements are left out;
// character references are decoded.
func TextFromHTML(src string) string {
	var out strings.Builder
	out.Grow(len(src) / 2)
	space := true // at the start, or after a space already written
	skip := ""    // the element whose contents are being left out
	for i := 0; i < len(src); {
		if j := i + plainRun(src[i:]); j > i {
			if skip == "" {
				out.WriteString(src[i:j])
				space = false
			}
			i = j
			continue
		}
		switch c := src[i]; {
		case c == '<' && i+3 < len(src) && src[i+1] == '!' && src[i+2] == '-' && src[i+3] == '-':
			end := strings.Index(src[i+4:], "-->")
			if end < 0 {
				end = len(src) - i - 4
			}
			i += 4 + end + 3
		case c == '<':
			gt := strings.IndexByte(src[i:], '>')
			if gt < 0 {
				i = len(src) // a cut tag: goldmark never writes one
				break
			}
			tag := src[i+1 : i+gt]
			i += gt + 1
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
			case !isInline(name) && !space:
				out.WriteByte(' ')
				space = true
			}
		case skip != "":
			if lt := strings.IndexByte(src[i:], '<'); lt > 0 {
				i += lt
			} else {
				i = len(src)
			}
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f':
			if !space {
				out.WriteByte(' ')
				space = true
			}
			i++
		case c == '&':
			end := strings.IndexByte(src[i:min(len(src), i+40)], ';')
			if end < 0 {
				out.WriteByte(c)
				i++
			} else {
				out.WriteString(html.UnescapeString(src[i : i+end+1]))
				i += end + 1
			}
			space = false
		}
	}
	return strings.TrimSuffix(out.String(), " ")
}

// special are the bytes that TextFromHTML looks at; it copies the others.
var special = [256]bool{'<': true, '&': true, ' ': true, '\n': true, '\t': true, '\r': true, '\f': true}

// plainRun returns the length of the run of bytes that are not special at
// the start of s.
func plainRun(s string) int {
	for i := 0; i < len(s); i++ {
		if special[s[i]] {
			return i
		}
	}
	return len(s)
}

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
