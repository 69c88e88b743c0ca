package decision

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The relation verbs waymark knows by meaning.
const (
	VerbSupersedes   = "supersedes"
	VerbSupersededBy = "superseded by"
	VerbAmends       = "amends"
	VerbAmendedBy    = "amended by"
	VerbRelatesTo    = "relates to"
	// VerbPartlySupersedes replaces part of an older record, which stays
	// current: its page notes what replaced the part.
	VerbPartlySupersedes = "in part supersedes"
)

// inverses are common verb pairs, both ways. Pairs a site writes on both
// sides are learned by Link and win over this table.
var inverses = func() map[string]string {
	m := map[string]string{VerbRelatesTo: VerbRelatesTo}
	for _, p := range [][2]string{
		{VerbSupersedes, VerbSupersededBy},
		{VerbAmends, VerbAmendedBy},
		{"clarifies", "clarified by"},
		{"extends", "extended by"},
		{"refines", "refined by"},
		{"replaces", "replaced by"},
		{"implements", "implemented by"},
		{"depends on", "depended on by"},
		{"enables", "enabled by"},
		{"drives", "driven by"},
		{"overrides", "overridden by"},
		{VerbPartlySupersedes, "in part superseded by"},
	} {
		m[p[0]], m[p[1]] = p[1], p[0]
	}
	return m
}()

// NormalVerb writes a relation verb one way: lower case, single spaces,
// "Superceded by" as "superseded by", "Related to" as "relates to".
func NormalVerb(v string) string {
	v = strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(strings.TrimSpace(v), ":")), " "))
	v = strings.TrimPrefix(v, "is ")
	switch v {
	case "superceded by", "superseeded by", "superseded", "superceded":
		return VerbSupersededBy
	case "supercedes", "superseeds", "supersede", "supercede":
		return VerbSupersedes
	case "related", "related to", "relates", "relates to", "see also", "related decision", "related decisions":
		return VerbRelatesTo
	case "amend":
		return VerbAmends
	case "partly supersedes", "partially supersedes", "in part supersedes", "supersedes in part", "partly supercedes", "in part supercedes":
		return VerbPartlySupersedes
	case "partly superseded by", "partially superseded by", "in part superseded by", "superseded in part by":
		return "in part superseded by"
	case "amended":
		return VerbAmendedBy
	}
	return v
}

// VerbTitle is the verb as a heading: "Superseded by", "Related".
func VerbTitle(verb string) string {
	if verb == VerbRelatesTo {
		return "Related"
	}
	r, size := utf8.DecodeRuneInString(verb)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + verb[size:]
}

// passive reports whether verb is written in the passive voice
// ("clarified by").
func passive(verb string) bool { return strings.HasSuffix(verb, " by") }

// inverse returns the verb of the other side of a relation: first a pair
// the site writes on both sides (learned), then the table of common pairs,
// then a guess from English grammar.
func inverse(verb string, learned map[string]string) string {
	if v, ok := learned[verb]; ok {
		return v
	}
	if v, ok := inverses[verb]; ok {
		return v
	}
	if strings.HasSuffix(verb, " with") {
		return verb
	}
	if passive(verb) {
		return toActive(strings.TrimSuffix(verb, " by"))
	}
	return toPassive(verb)
}

// toPassive turns "clarifies" into "clarified by" and "depends on" into
// "depended on by": the first word loses its -s and gains -ed.
func toPassive(verb string) string {
	first, rest, _ := strings.Cut(verb, " ")
	switch {
	case strings.HasSuffix(first, "ies"):
		first = strings.TrimSuffix(first, "ies") + "ied"
	case strings.HasSuffix(first, "es"):
		first = strings.TrimSuffix(first, "s") + "d"
	case strings.HasSuffix(first, "s"):
		first = strings.TrimSuffix(first, "s") + "ed"
	default:
		first += "ed"
	}
	if rest != "" {
		first += " " + rest
	}
	return first + " by"
}

// toActive turns "clarified" into "clarifies". English does not say
// whether "-ed" replaced "-es" or "-s"; stems that usually end in a silent
// e keep it.
func toActive(phrase string) string {
	first, rest, _ := strings.Cut(phrase, " ")
	switch {
	case strings.HasSuffix(first, "ied"):
		first = strings.TrimSuffix(first, "ied") + "ies"
	case strings.HasSuffix(first, "ed"):
		stem := strings.TrimSuffix(first, "ed")
		if silentE(stem) {
			first = stem + "es"
		} else {
			first = stem + "s"
		}
	default:
		first += "s"
	}
	if rest != "" {
		first += " " + rest
	}
	return first
}

func silentE(stem string) bool {
	for _, end := range []string{"c", "v", "z", "u", "at", "ut", "it", "id", "in", "ur", "os", "us", "as", "is", "ag", "ng", "rg"} {
		if strings.HasSuffix(stem, end) {
			return true
		}
	}
	return false
}
