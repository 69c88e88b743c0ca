package decision

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// line is one line of a markdown body.
type line struct {
	text  string // without the line break
	start int    // byte offset in the body
	fence bool   // inside (or opening or closing) a fenced code block, or an HTML comment
}

// splitLines cuts body into lines, marking those inside fenced code.
func splitLines(body []byte) []line {
	out := make([]line, 0, bytes.Count(body, []byte("\n"))+1)
	all := string(body) // one copy; lines are slices of it
	inFence, inComment := false, false
	var marker string
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		next := len(body)
		if end < 0 {
			end = len(body)
		} else {
			end += start
			next = end + 1
		}
		text := strings.TrimSuffix(all[start:end], "\r")
		t := strings.TrimLeft(text, " ")
		isFence := false
		switch {
		case inComment:
			// a heading inside a comment is no heading: templates hide
			// examples there
			isFence = true
			if strings.Contains(text, "-->") {
				inComment = false
			}
		case !inFence && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			inFence, isFence, marker = true, true, t[:3]
		case inFence && strings.HasPrefix(t, marker):
			inFence, isFence = false, true
		case !inFence && strings.HasPrefix(t, "<!--") && !strings.Contains(t[4:], "-->"):
			inComment, isFence = true, true
		}
		out = append(out, line{text: text, start: start, fence: inFence || isFence})
		start = next
	}
	return out
}

// heading returns the level and text of an ATX heading line, or 0.
func heading(l line) (int, string) {
	if l.fence || strings.HasPrefix(l.text, "    ") || strings.HasPrefix(l.text, "\t") {
		return 0, ""
	}
	t := strings.TrimLeft(l.text, " ")
	level := 0
	for level < len(t) && t[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(t) && t[level] != ' ' && t[level] != '\t') {
		return 0, ""
	}
	text := strings.TrimSpace(t[level:])
	text = strings.TrimSpace(strings.TrimRight(text, "#"))
	return level, stripComments(text)
}

// statusSection returns the index range [from, to) of the lines under
// the first "## Status", "# Status" or "### Status" heading: up to the
// next heading or a "---" rule.
func statusSection(lines []line) (head, from, to int, ok bool) {
	for i, l := range lines {
		level, text := heading(l)
		if level >= 1 && level <= 3 && strings.EqualFold(strings.Trim(text, "*_: "), "status") {
			j := i + 1
			for j < len(lines) {
				if lv, _ := heading(lines[j]); lv > 0 || !lines[j].fence && isRule(lines[j].text) {
					break
				}
				j++
			}
			return i, i + 1, j, true
		}
	}
	return 0, 0, 0, false
}

// isRule reports whether s is a thematic break: ---, ***, ___ (spaces
// allowed).
func isRule(s string) bool {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if len(t) < 3 {
		return false
	}
	return strings.Count(t, "-") == len(t) || strings.Count(t, "*") == len(t) || strings.Count(t, "_") == len(t)
}

// section returns the index range [from, to) of the lines under the first
// level-2 heading named name (case-insensitive), or ok false.
func section(lines []line, name string) (head, from, to int, ok bool) {
	for i, l := range lines {
		level, text := heading(l)
		if level == 2 && strings.EqualFold(text, name) {
			j := i + 1
			for j < len(lines) {
				if lv, _ := heading(lines[j]); lv > 0 && lv <= 2 {
					break
				}
				j++
			}
			return i, i + 1, j, true
		}
	}
	return 0, 0, 0, false
}

// firstH2 returns the index of the first level-2 (or level-1 after the
// title) heading, or len(lines).
func firstH2(lines []line) int {
	seenTitle := false
	for i, l := range lines {
		level, _ := heading(l)
		switch {
		case level == 1 && !seenTitle:
			seenTitle = true
		case level >= 1 && level <= 2:
			return i
		}
	}
	return len(lines)
}

var commentRE = regexp.MustCompile(`<!--.*?-->`)

// stripComments removes HTML comments such as MADR's <!-- optional -->.
func stripComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	return strings.TrimSpace(commentRE.ReplaceAllString(s, ""))
}

// blank returns body with the given lines replaced by empty lines, so that
// line numbers stay true.
func blank(body []byte, lines []line, idx []int) []byte {
	if len(idx) == 0 {
		return body
	}
	out := make([]byte, 0, len(body))
	prev := 0
	for _, i := range idx {
		l := lines[i]
		out = append(out, body[prev:l.start]...)
		prev = l.start + len(l.text)
		if prev < len(body) && body[prev] == '\r' {
			prev++
		}
	}
	return append(out, body[prev:]...)
}

// placeholder reports whether a value is an unfilled template placeholder:
// "{…}" (MADR 3 and 4) or "[…]" with no link after it (MADR 2, log4brains).
func placeholder(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}"):
		return true
	case strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") && !strings.Contains(v, "]("):
		return true
	}
	return false
}

// splitList reads a comma-separated value, dropping placeholders: commas
// inside parentheses do not split ("Ana (platform, security), Bo"), and
// HTML entities are decoded.
func splitList(v string) []string {
	var out []string
	depth, start := 0, 0
	v = html.UnescapeString(v)
	add := func(part string) {
		part = strings.TrimSpace(strings.Join(strings.Fields(part), " "))
		if part != "" && !placeholder(part) {
			out = append(out, part)
		}
	}
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		case ',', ';':
			if depth == 0 {
				add(v[start:i])
				start = i + 1
			}
		}
	}
	add(v[start:])
	return out
}

var linkRE = regexp.MustCompile(`^(.*?)\s*\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)\s*\.?$`)

// relationLine reads "Superseded by [5. Title](0005-title.md)" into the
// verb and the link target; ok is false for other lines.
func relationLine(s string) (verb, target, label string, ok bool) {
	s = strings.TrimSpace(stripComments(s))
	s = strings.TrimSpace(strings.TrimLeft(s, "*-+ "))
	m := linkRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", false
	}
	verb = strings.TrimRight(strings.TrimSpace(m[1]), ":")
	if verb == "" || strings.ContainsAny(verb, "[]()") || len(verb) > 60 {
		return "", "", "", false
	}
	return verb, m[3], m[2], true
}
