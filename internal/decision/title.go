package decision

import (
	"html"
	"regexp"
	"strings"
)

var (
	attrRE       = regexp.MustCompile(`\s*\{[#.:][^{}]*\}\s*$`)
	numberPrefRE = regexp.MustCompile(`(?i)^(?:adr[-_ ]?)?\d{1,8}\s*[.:)\-–—]\s*`)
	imageRE      = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	inlineLinkRE = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	refLinkRE    = regexp.MustCompile(`\[([^\]]*)\]\[[^\]]*\]`)
	autolinkRE   = regexp.MustCompile(`<((?:https?|mailto):[^>\s]*)>`)
	tagRE        = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	strongRE     = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	emRE         = regexp.MustCompile(`(^|[^\w*])[*_](\S(?:[^*_]*?\S)?)[*_]($|[^\w*])`)
	escapeRE     = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	// bracketRE is a bracketed prefix that may hold one link:
	// "[Superseded by [ADR-0019](0019-x.md)] Title".
	bracketRE = regexp.MustCompile(`^\[((?:[^\[\]]|\[[^\[\]]*\]\([^()]*\))*)\]\s*(.*)$`)
)

// title is a heading read as text.
type title struct {
	plain string // links as their text, code spans as their content
	code  string // likewise, but code spans kept in backticks
}

// readTitle reads a heading's inline markdown: a "{#id}" attribute and a
// number prefix ("5. ", "0) ", "ADR-5: ", "ADR 5 - ") are dropped, links
// and images become their text, emphasis and HTML tags go, entities are
// decoded. A bracketed status before the title ("[Superseded by
// [ADR-0019](0019-x.md)] Title", "[Deprecated] Title") is returned as
// status and is not title text.
func readTitle(s string, rd Reading) (t title, status string) {
	s = stripComments(s)
	if strings.HasSuffix(strings.TrimSpace(s), "}") {
		s = attrRE.ReplaceAllString(s, "")
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		if m := bracketRE.FindStringSubmatch(s); m != nil && m[2] != "" {
			inner := strings.TrimSpace(m[1])
			if _, _, ok := statusRelation(inner); ok {
				status, s = inner, m[2]
			} else if _, ok := rd.lookup(leadingWord(strings.ToLower(inner))); ok {
				status, s = inner, m[2]
			}
		}
	}
	if s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == 'a' || s[0] == 'A') {
		s = strings.TrimSpace(numberPrefRE.ReplaceAllString(s, ""))
	}
	if !strings.ContainsAny(s, "[]<>*_`\\&") {
		// plain text already, as most titles are: no markup to remove
		s = strings.Join(strings.Fields(s), " ")
		return title{plain: s, code: s}, status
	}
	// links first, as their text may hold code: [`gRPC`](https://grpc.io)
	s = imageRE.ReplaceAllString(s, "$1")
	s = inlineLinkRE.ReplaceAllString(s, "$1")
	s = refLinkRE.ReplaceAllString(s, "$1")
	s = autolinkRE.ReplaceAllString(s, "$1")
	var plain, code strings.Builder
	for i, part := range splitCode(s) {
		if i%2 == 1 {
			plain.WriteString(strings.Trim(part, "`"))
			code.WriteString(part)
			continue
		}
		part = tagRE.ReplaceAllString(part, "")
		part = strongRE.ReplaceAllString(part, "$2")
		part = emRE.ReplaceAllString(part, "$1$2$3")
		part = escapeRE.ReplaceAllString(part, "$1")
		part = html.UnescapeString(part)
		plain.WriteString(part)
		code.WriteString(part)
	}
	t.plain = strings.Join(strings.Fields(plain.String()), " ")
	t.code = strings.Join(strings.Fields(code.String()), " ")
	return t, status
}

// splitCode cuts s into text and code spans, alternately: the odd parts
// are code spans with their backticks. An unclosed run of backticks is
// text.
func splitCode(s string) []string {
	var parts []string
	for {
		open := strings.IndexByte(s, '`')
		if open < 0 {
			return append(parts, s)
		}
		n := open
		for n < len(s) && s[n] == '`' {
			n++
		}
		ticks := s[open:n]
		closeAt := -1
		for j := n; j < len(s); {
			k := strings.Index(s[j:], ticks)
			if k < 0 {
				break
			}
			k += j
			e := k + len(ticks)
			if (k == 0 || s[k-1] != '`') && (e >= len(s) || s[e] != '`') {
				closeAt = k
				break
			}
			for e < len(s) && s[e] == '`' {
				e++
			}
			j = e
		}
		if closeAt < 0 {
			return append(parts, s)
		}
		parts = append(parts, s[:open], s[open:closeAt+len(ticks)])
		s = s[closeAt+len(ticks):]
	}
}

// TitleParts cuts a record's TitleText into text and code, alternately:
// the odd parts are code spans without their backticks.
func TitleParts(s string) []string {
	parts := splitCode(s)
	for i := 1; i < len(parts); i += 2 {
		p := strings.Trim(parts[i], "`")
		if len(p) > 2 && p[0] == ' ' && p[len(p)-1] == ' ' {
			p = p[1 : len(p)-1]
		}
		parts[i] = p
	}
	return parts
}
