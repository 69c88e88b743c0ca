package radar

import (
	"fmt"
	"net/url"
	"strings"
)

// ParsePattern checks one packages: pattern and returns it in the form
// it is matched in: percent-decoded, its type in lower case. See the
// package comment for what a pattern may be.
func ParsePattern(p string) (string, error) {
	p = strings.TrimSpace(p)
	dec, err := url.PathUnescape(p)
	if err != nil {
		return "", fmt.Errorf("%q has a broken %%-escape", p)
	}
	rest, ok := strings.CutPrefix(dec, "pkg:")
	if !ok {
		return "", fmt.Errorf("%q is not a package URL: start it with pkg:", p)
	}
	typ, name, ok := strings.Cut(rest, "/")
	if !ok || typ == "" || name == "" || strings.HasSuffix(name, "/") || strings.Contains(name, "//") {
		return "", fmt.Errorf("%q names no package: write pkg:<type>/<namespace>/<name>", p)
	}
	if strings.ContainsAny(typ, "*") {
		return "", fmt.Errorf("%q: the type (%s) cannot be a glob", p, typ)
	}
	if strings.ContainsAny(dec, "?#") {
		return "", fmt.Errorf("%q has qualifiers or a subpath, which patterns do not match", p)
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.Contains(seg[min(1, len(seg)):], "@") {
			return "", fmt.Errorf("%q has a version, which patterns do not match: leave out @…", p)
		}
	}
	return "pkg:" + strings.ToLower(typ) + "/" + name, nil
}

// Claim is one pattern of one blip that matched a package.
type Claim struct {
	Blip    *Blip
	Pattern string // as the blip wrote it
}

// Matcher finds the blips whose packages: patterns claim a package.
type Matcher struct {
	byType map[string][]pattern
}

type pattern struct {
	blip    *Blip
	written string // as the blip wrote it
	match   string // as ParsePattern returned it
	literal string // the part before the first *
	glob    bool
}

// NewMatcher indexes the patterns of blips; patterns that do not parse
// are left out (Parse has reported them).
func NewMatcher(blips []*Blip) *Matcher {
	m := &Matcher{byType: map[string][]pattern{}}
	for _, b := range blips {
		for _, w := range b.Packages {
			p, err := ParsePattern(w)
			if err != nil {
				continue
			}
			typ := p[len("pkg:"):strings.Index(p, "/")]
			lit, _, glob := strings.Cut(p, "*")
			m.byType[typ] = append(m.byType[typ], pattern{blip: b, written: w, match: p, literal: lit, glob: glob})
		}
	}
	return m
}

// Claims returns the claims on pkg ("pkg:type/namespace/name", decoded,
// without version), in the order of the blips given to NewMatcher.
func (m *Matcher) Claims(pkg string) []Claim {
	rest, ok := strings.CutPrefix(pkg, "pkg:")
	if !ok {
		return nil
	}
	typ, name, _ := strings.Cut(rest, "/")
	if lower := strings.ToLower(typ); lower != typ {
		typ, pkg = lower, "pkg:"+lower+"/"+name
	}
	var out []Claim
	for _, p := range m.byType[typ] {
		if !strings.HasPrefix(pkg, p.literal) {
			continue
		}
		if p.glob && glob(p.match, pkg) || !p.glob && (pkg == p.match || strings.HasPrefix(pkg, p.match+"/")) {
			out = append(out, Claim{p.blip, p.written})
		}
	}
	return out
}

// glob reports whether s matches pattern, where * stands for any run of
// characters, slashes included.
func glob(pattern, s string) bool {
	px, sx := 0, 0
	star, back := -1, 0
	for sx < len(s) {
		switch {
		case px < len(pattern) && pattern[px] == '*':
			star, back = px, sx
			px++
		case px < len(pattern) && pattern[px] == s[sx]:
			px++
			sx++
		case star >= 0:
			px, back = star+1, back+1
			sx = back
		default:
			return false
		}
	}
	for px < len(pattern) && pattern[px] == '*' {
		px++
	}
	return px == len(pattern)
}
