package decision

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// NameKind says how a record's file name identifies it.
type NameKind int

// The kinds of record file names.
const (
	NotRecord NameKind = iota // README.md, index.md, templates, not markdown
	Numbered                  // 0005-slug.md, ADR-5.md, adr-005-slug.md, ODH-ADR-0005-slug.md, RFC-0005-slug.md
	DatedFile                 // 2023-06-29-slug.md, 20230629-slug.md
	Plain                     // slug.md: no number, no date
)

// Name is what a record's file name says.
type Name struct {
	Kind   NameKind
	ID     string    // the file name without .md
	Number int       // Numbered only
	Date   meta.Date // DatedFile only
	// Why says, for NotRecord, why the file is not a record.
	Why string
}

var (
	numberedRE  = regexp.MustCompile(`^(\d{1,8})[-_ ](.+)$`)
	isoNameRE   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[-_ ](.+)$`)
	compactRE   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})[-_ ](.+)$`)
	adrNameRE   = regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_])*?adr[-_ ]?(\d{1,7})(?:[-_ ](.+))?$`)
	prefixedRE  = regexp.MustCompile(`^[A-Z][A-Z0-9]*[-_](\d{1,7})[-_ ](.+)$`)
	templateHdr = regexp.MustCompile(`(?i)^(?:adr|madr|nygard|log4brains|decision|record)[-_ ]template$`)
)

// ReadName reads a record file name, in the conventions teams use:
//
//	0005-slug.md               numbered
//	ADR-5.md, ADR-0005-slug.md, adr-005-slug.md
//	ODH-ADR-0005-slug.md       a prefix before ADR
//	RFC-0005-slug.md           an upper-case prefix before the number
//	2023-06-29-slug.md, 20230629-slug.md
//	                           dated: ordered by date, never a number
//	slug.md                    plain: ordered by date, then title
//
// README.md, index.md and templates (template.md, adr-template*.md,
// 0000-template.md, 0000-TEMPLATE.md) are not records; ReadName says so
// in Name.Why. Only the base name counts.
func ReadName(name string) Name {
	base := path.Base(name)
	if !strings.EqualFold(path.Ext(base), ".md") {
		return Name{Why: "not a markdown file"}
	}
	id := base[:len(base)-3]
	switch lower := strings.ToLower(id); {
	case strings.TrimSpace(id) == "":
		return Name{Why: "no name before .md"}
	case lower == "readme" || lower == "index":
		return Name{Why: "a folder's README or index page, not a record"}
	case isTemplateName(lower):
		return Name{Why: "a template, not a record"}
	}
	if m := isoNameRE.FindStringSubmatch(id); m != nil {
		if d, ok := nameDate(m[1], m[2], m[3]); ok {
			return Name{Kind: DatedFile, ID: id, Date: d}
		}
	}
	if m := compactRE.FindStringSubmatch(id); m != nil {
		if d, ok := nameDate(m[1], m[2], m[3]); ok {
			return Name{Kind: DatedFile, ID: id, Date: d}
		}
	}
	for _, re := range []*regexp.Regexp{numberedRE, adrNameRE, prefixedRE} {
		if m := re.FindStringSubmatch(id); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				return Name{Kind: Numbered, ID: id, Number: n}
			}
		}
	}
	return Name{Kind: Plain, ID: id}
}

// isTemplateName reports whether a file name without .md names a
// template: "template", "adr-template-lite", "0000-TEMPLATE",
// "0001-madr-template". A record about templates ("0012-choose-a-template-engine")
// is not one.
func isTemplateName(lower string) bool {
	rest := lower
	if m := numberedRE.FindStringSubmatch(lower); m != nil {
		rest = m[2]
	}
	if rest == "template" || strings.HasPrefix(rest, "template-") || strings.HasPrefix(rest, "template_") ||
		strings.HasPrefix(lower, "adr-template") || strings.HasPrefix(lower, "adr_template") {
		return true
	}
	return templateHdr.MatchString(rest)
}

// isTemplateTitle reports whether a record's visible title says it is a
// template ("Template", "ADR Template", "0. Template").
func isTemplateTitle(title string) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	return t == "template" || strings.HasSuffix(t, " template") && len(strings.Fields(t)) <= 3 && !strings.Contains(t, " a ")
}

func nameDate(y, m, d string) (meta.Date, bool) {
	date, ok := date(y, m, d)
	return date, ok && date.Year >= 1970
}

// DatedName returns the date in a file name such as 20200115-use-kafka.md
// or 2020-01-15-use-kafka.md; ok is false for other names.
func DatedName(name string) (d meta.Date, ok bool) {
	n := ReadName(name)
	return n.Date, n.Kind == DatedFile
}

// ParseFileName returns the number and id of a numbered or dated record
// file name such as 0005-kafka-vs-rabbitmq.md or ADR-5.md (the number of
// a dated name is 0); ok is false for names that are neither.
func ParseFileName(name string) (number int, id string, ok bool) {
	n := ReadName(name)
	switch n.Kind {
	case Numbered:
		return n.Number, n.ID, true
	case DatedFile:
		return 0, n.ID, true
	}
	return 0, "", false
}
