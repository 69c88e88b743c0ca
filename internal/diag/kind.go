package diag

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// verb matches a fmt verb in a message pattern.
var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// kinded sets p's kind and pattern from the format its message was made
// from: the pattern is the format with each value written "…"; the kind
// is its first words, without the values, in lower case joined by dashes
// ("licence %s is denied by the licence policy" is
// "licence-is-denied-by-the").
func kinded(p *Problem, format string) *Problem {
	if k, ok := kinds.Load(format); ok {
		p.Pattern, p.Kind = k.(kindOf).pattern, k.(kindOf).kind
		return p
	}
	p.Pattern = strings.TrimSpace(verb.ReplaceAllStringFunc(format, func(v string) string {
		if v == "%%" {
			return "%"
		}
		return "…"
	}))
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(verb.ReplaceAllString(format, " ")), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if len(words) == 5 {
			break
		}
		words = append(words, w)
	}
	p.Kind = strings.Join(words, "-")
	if kindsKept.Add(1) <= maxKinds {
		kinds.Store(format, kindOf{p.Pattern, p.Kind})
	}
	return p
}

// kinds keeps the pattern and kind of each format met: a site's findings
// are thousands of problems of a few dozen formats, and the expressions
// above would otherwise run on each. Formats are the code's own, so
// they are few; maxKinds bounds the memo should a caller pass another.
var (
	kinds     sync.Map // format → kindOf
	kindsKept atomic.Int64
)

const maxKinds = 4096

type kindOf struct{ pattern, kind string }

// Rule is the problem's rule id for code scanning: "waymark/" and its
// kind, or its severity for a problem of no known kind.
func (p *Problem) Rule() string {
	if p.Kind == "" {
		return "waymark/" + p.Severity.String()
	}
	return "waymark/" + p.Kind
}
