package decision

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NotStated is the status of a record that states none: its own value,
// never taken for proposed.
const NotStated = "not stated"

// Reading says how a site's records are read beyond what the files say.
type Reading struct {
	// Statuses maps a folder's own status words, in lower case, to the
	// lifecycle status they mean: implemented → accepted.
	Statuses map[string]string
	// DefaultStatus is the status of records that state none; ""
	// keeps them NotStated.
	DefaultStatus string
}

// synonyms are the status words teams commonly write for the lifecycle's
// statuses. The page shows the author's word; filters and relations use
// the status it means.
var synonyms = map[string]string{
	"accept": Accepted, "approved": Accepted, "agreed": Accepted, "adopted": Accepted,
	"propose": Proposed, "draft": Proposed, "proposal": Proposed, "in review": Proposed, "under review": Proposed,
	"declined": Rejected, "reject": Rejected,
	"obsolete": Deprecated, "retired": Deprecated, "deprecate": Deprecated,
	"superceded": Superseded, "superseeded": Superseded, "supersede": Superseded,
}

// Synonyms returns the status words waymark maps onto the lifecycle
// without configuration, a fresh map.
func Synonyms() map[string]string { return maps.Clone(synonyms) }

// lookup returns the lifecycle status word means: a status itself, the
// site's own words, then the common synonyms.
func (rd Reading) lookup(word string) (string, bool) {
	if slices.Contains(statuses[:], word) {
		return word, true
	}
	if s, ok := rd.Statuses[word]; ok {
		return s, true
	}
	s, ok := synonyms[word]
	return s, ok
}

// statusParts is a status as a file states it, read: the lifecycle
// status, the author's own word when it differs, and the rest of the
// sentence.
type statusParts struct {
	status, word, note string
	// sentence is set when the text starts with no status word and is too
	// long to be a status of the folder's own: it is kept as the note.
	sentence bool
}

// readStatus reads a stated status: the leading status word decides
// ("Accepted on 2020-01-02", "Approved – see the minutes"), the rest is
// a note. Two-word statuses ("in review") are read as one word.
func (rd Reading) readStatus(text string) statusParts {
	v := strings.Join(strings.Fields(stripComments(text)), " ")
	v = strings.TrimSpace(strings.Trim(v, "*_`"))
	if v == "" {
		return statusParts{}
	}
	lower := strings.ToLower(v)
	word := leadingWord(lower)
	// a two-word status the site or the synonyms know ("in review")
	if rest, ok := strings.CutPrefix(lower, word+" "); ok {
		two := word + " " + leadingWord(rest)
		if _, known := rd.lookup(two); known {
			word = two
		}
	}
	note := strings.TrimSpace(v[len(word):])
	note = strings.TrimSpace(strings.TrimLeft(note, ".,:;-–—*_ "))
	note = strings.TrimSpace(strings.TrimRight(note, "*_"))
	if status, ok := rd.lookup(word); ok {
		p := statusParts{status: status, note: note}
		if word != status {
			p.word = word
		}
		return p
	}
	switch n := len(strings.Fields(v)); {
	case word == "" || n > 6:
		return statusParts{note: v, sentence: true}
	case n <= 2:
		// a status of the folder's own ("on hold"), kept as written; Link
		// warns about it
		return statusParts{status: strings.TrimRight(lower, ".")}
	}
	return statusParts{status: word, note: note}
}

// leadingWord returns the letters (and inner dashes) s starts with.
func leadingWord(s string) string {
	end := 0
	for i, c := range s {
		if unicode.IsLetter(c) || c == '-' && i > 0 {
			end = i + utf8.RuneLen(c)
			continue
		}
		break
	}
	return strings.TrimRight(s[:end], "-")
}
