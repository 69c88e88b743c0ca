// Package decision models architecture decision records and the relations
// between them. It does no I/O: records are parsed from bytes and linked in
// memory.
//
// # Record files
//
// A record is a markdown file named NNNN-slug.md. Its number comes from the
// file name; its title from front matter "title" or else the first "# "
// heading. A Format recognises and reads one way of writing records; the
// formats are tried in order and the first that accepts a file reads it.
// The front-matter format (MADR 3 and 4) understands these keys:
//
//	title            overrides the heading
//	status           proposed, accepted, rejected, deprecated, superseded,
//	                 or "superseded by [ADR-0005](0005-x.md)"
//	date             YYYY-MM-DD
//	decision-makers  list or comma-separated string (older MADR: deciders)
//	consulted        likewise
//	informed         likewise
//	tags             likewise
//	supersedes       a number, a list of numbers, or references such as
//	                 ADR-0003 or 0003-slug.md
//	amends           likewise
//	related          likewise
//	blips            ids of the radar blips the decision concerns
//
// Reverse relations (superseded by, amended by) are derived by Link, never
// typed twice.
package decision

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Status values every site understands; others are kept and warned about.
const (
	Proposed   = "proposed"
	Accepted   = "accepted"
	Rejected   = "rejected"
	Deprecated = "deprecated"
	Superseded = "superseded"
)

// Statuses lists the known statuses in display order.
var Statuses = []string{Proposed, Accepted, Rejected, Deprecated, Superseded}

// Record is one architecture decision record.
type Record struct {
	Number         int
	ID             string // file name without .md
	Folder         string // sub-folder of the decisions folder, "" at top level
	Source         string // path of the file inside the site
	Title          string
	Status         string
	Date           meta.Date
	DecisionMakers []string
	Consulted      []string
	Informed       []string
	Tags           []string
	Blips          []string

	Supersedes   []int
	SupersededBy []int // derived
	Amends       []int
	AmendedBy    []int // derived
	Related      []int

	Body     []byte // markdown after front matter, title heading blanked
	BodyLine int    // file line of Body's first line

	// Lines of front-matter keys, for messages; missing keys map to 1.
	Lines map[string]int
}

// Line returns the file line where key was written, or 1.
func (r *Record) Line(key string) int {
	if n, ok := r.Lines[key]; ok {
		return n
	}
	return 1
}

// KnownStatus reports whether the record's status is one of Statuses.
func (r *Record) KnownStatus() bool { return slices.Contains(Statuses, r.Status) }

// Label is "ADR-0005", how records are referred to in text.
func (r *Record) Label() string { return Label(r.Number) }

// Label formats a record number as "ADR-0005".
func Label(n int) string { return fmt.Sprintf("ADR-%04d", n) }

var fileRE = regexp.MustCompile(`^(\d{1,8})[-_ ](.+)\.md$`)

// ParseFileName returns the number and id of a record file name such as
// 0005-kafka-vs-rabbitmq.md; ok is false for names that are not records.
func ParseFileName(name string) (number int, id string, ok bool) {
	base := name[strings.LastIndex(name, "/")+1:]
	switch lower := strings.ToLower(base); {
	case lower == "template.md", lower == "readme.md", lower == "index.md",
		strings.HasPrefix(lower, "adr-template"):
		return 0, "", false
	}
	m := fileRE.FindStringSubmatch(base)
	if m == nil {
		return 0, "", false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, "", false
	}
	return n, strings.TrimSuffix(base, ".md"), true
}

var refRE = regexp.MustCompile(`(?i)^(?:adr[-_ ]?)?0*(\d+)(?:[-_].*?)?(?:\.md)?$`)

// ParseRef reads a reference to a record: 5, "0005", "ADR-0005",
// "0005-slug.md" or "[ADR-0005](0005-slug.md)".
func ParseRef(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "]("); i >= 0 && strings.HasSuffix(s, ")") {
		if n, ok := ParseRef(s[i+2 : len(s)-1]); ok {
			return n, true
		}
		s = strings.Trim(s[:i], "[")
	}
	s = s[strings.LastIndex(s, "/")+1:]
	m := refRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil && n > 0
}
