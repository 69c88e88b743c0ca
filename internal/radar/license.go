package radar

import (
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
)

// Licence verdicts, from best to worst.
const (
	Allowed = "allowed"
	Review  = "review"
	Unknown = "unknown"
	Denied  = "denied"
)

var verdictRank = []string{Allowed, Review, Unknown, Denied}

// Policy judges SPDX licence expressions against allowed, review and denied lists.
type Policy struct {
	verdicts map[string]string
}

// NewPolicy returns the policy for the configured lists. A licence on
// several lists gets the strictest of their verdicts.
func NewPolicy(l config.Licenses) *Policy {
	p := &Policy{verdicts: map[string]string{}}
	// Stricter lists come later and overwrite, in a fixed order, so the
	// verdict never depends on map iteration.
	for _, list := range []struct {
		verdict string
		ids     []string
	}{{Allowed, l.Allowed}, {Review, l.Review}, {Denied, l.Denied}} {
		for _, id := range list.ids {
			p.verdicts[strings.ToLower(id)] = list.verdict
		}
	}
	return p
}

// Verdict judges an SPDX expression: for "A OR B" the better verdict
// counts, for "A AND B" the worse; "WITH" exceptions keep the licence's
// verdict; an empty licence is unknown.
func (p *Policy) Verdict(expr string) string {
	toks := tokenize(expr)
	if len(toks) == 0 || !wellFormed(toks) {
		return Unknown
	}
	pos := 0
	v := p.or(toks, &pos)
	if pos != len(toks) {
		return Unknown
	}
	return v
}

func tokenize(s string) []string {
	s = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(s)
	return strings.Fields(s)
}

// wellFormed reports whether toks read as an expression: licences and
// operators alternate, WITH is followed by an exception and parentheses
// balance. A truncated expression such as "MIT OR" must not count as MIT.
func wellFormed(toks []string) bool {
	depth, wantOperand := 0, true
	for i := 0; i < len(toks); i++ {
		switch t := toks[i]; {
		case t == "(":
			if !wantOperand {
				return false
			}
			depth++
		case t == ")":
			if wantOperand || depth == 0 {
				return false
			}
			depth--
		case strings.EqualFold(t, "WITH"):
			i++
			if wantOperand || i == len(toks) || isOperator(toks[i]) {
				return false
			}
		case isOperator(t):
			if wantOperand {
				return false
			}
			wantOperand = true
		default:
			if !wantOperand {
				return false
			}
			wantOperand = false
		}
	}
	return !wantOperand && depth == 0
}

func isOperator(t string) bool {
	return t == "(" || t == ")" || strings.EqualFold(t, "AND") || strings.EqualFold(t, "OR") || strings.EqualFold(t, "WITH")
}

func (p *Policy) or(toks []string, pos *int) string {
	v := p.and(toks, pos)
	for *pos < len(toks) && strings.EqualFold(toks[*pos], "OR") {
		*pos++
		v = better(v, p.and(toks, pos))
	}
	return v
}

func (p *Policy) and(toks []string, pos *int) string {
	v := p.term(toks, pos)
	for *pos < len(toks) && strings.EqualFold(toks[*pos], "AND") {
		*pos++
		v = worse(v, p.term(toks, pos))
	}
	return v
}

func (p *Policy) term(toks []string, pos *int) string {
	if *pos >= len(toks) {
		return Unknown
	}
	t := toks[*pos]
	*pos++
	if t == "(" {
		v := p.or(toks, pos)
		if *pos < len(toks) && toks[*pos] == ")" {
			*pos++
		} else {
			v = Unknown
		}
		return v
	}
	if *pos+1 < len(toks) && strings.EqualFold(toks[*pos], "WITH") {
		*pos += 2
	}
	if v, ok := p.verdicts[strings.ToLower(t)]; ok {
		return v
	}
	if id, ok := strings.CutSuffix(t, "+"); ok {
		if v, ok := p.verdicts[strings.ToLower(id)]; ok {
			return v
		}
	}
	return Unknown
}

func better(a, b string) string {
	if slices.Index(verdictRank, a) <= slices.Index(verdictRank, b) {
		return a
	}
	return b
}

func worse(a, b string) string {
	if slices.Index(verdictRank, a) >= slices.Index(verdictRank, b) {
		return a
	}
	return b
}
