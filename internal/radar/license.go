package radar

import (
	"slices"
	"strings"
	"sync"
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
	judged   sync.Map // expression → verdict; a radar asks about the same few licences again and again
}

// NewPolicy returns the policy for the configured lists.
func NewPolicy(l Licenses) *Policy {
	p := &Policy{verdicts: map[string]string{}}
	// In a fixed order, strictest last, so a licence on two lists gets the
	// stricter verdict on every run.
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
// verdict; "A+" is judged as A. An empty or malformed expression is
// unknown.
func (p *Policy) Verdict(expr string) string {
	if v, ok := p.judged.Load(expr); ok {
		return v.(string)
	}
	v := p.verdict(expr)
	p.judged.Store(expr, v)
	return v
}

func (p *Policy) verdict(expr string) string {
	e := &expression{p: p, toks: tokenize(expr)}
	if len(e.toks) == 0 {
		return Unknown
	}
	v := e.or()
	if e.bad || e.pos != len(e.toks) {
		return Unknown
	}
	return v
}

// parens puts spaces around parentheses so that they become tokens.
var parens = strings.NewReplacer("(", " ( ", ")", " ) ")

func tokenize(s string) []string {
	return strings.Fields(parens.Replace(s))
}

// expression is an SPDX expression being judged, by recursive descent.
type expression struct {
	p    *Policy
	toks []string
	pos  int
	bad  bool
}

func (e *expression) or() string {
	v := e.and()
	for e.pos < len(e.toks) && strings.EqualFold(e.toks[e.pos], "OR") {
		e.pos++
		v = better(v, e.and())
	}
	return v
}

func (e *expression) and() string {
	v := e.term()
	for e.pos < len(e.toks) && strings.EqualFold(e.toks[e.pos], "AND") {
		e.pos++
		v = worse(v, e.term())
	}
	return v
}

func (e *expression) term() string {
	if e.pos >= len(e.toks) {
		e.bad = true
		return Unknown
	}
	t := e.toks[e.pos]
	e.pos++
	switch {
	case t == "(":
		v := e.or()
		if e.pos < len(e.toks) && e.toks[e.pos] == ")" {
			e.pos++
		} else {
			e.bad = true
		}
		return v
	case t == ")" || strings.EqualFold(t, "AND") || strings.EqualFold(t, "OR") || strings.EqualFold(t, "WITH"):
		e.bad = true
		return Unknown
	}
	if e.pos < len(e.toks) && strings.EqualFold(e.toks[e.pos], "WITH") {
		if e.pos+1 >= len(e.toks) || isOperator(e.toks[e.pos+1]) {
			e.bad = true
		}
		e.pos += 2
	}
	if v, ok := e.p.verdicts[strings.ToLower(t)]; ok {
		return v
	}
	if id, ok := strings.CutSuffix(t, "+"); ok {
		if v, ok := e.p.verdicts[strings.ToLower(id)]; ok {
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

// isOperator reports whether t is a parenthesis or an SPDX operator, which
// cannot name a licence or an exception.
func isOperator(t string) bool {
	return t == "(" || t == ")" || strings.EqualFold(t, "AND") || strings.EqualFold(t, "OR") || strings.EqualFold(t, "WITH")
}
