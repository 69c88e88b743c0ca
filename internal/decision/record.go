// Package decision models architecture decision records and the relations
// between them. It does no I/O: records are parsed from bytes, linked in
// memory, and new or changed records are returned as bytes.
//
// # Record files
//
// Record files are detected by name, not configured (ReadName): NNNN-slug.md,
// ADR-N.md, ADR-NNNN-slug.md, adr-NNN-slug.md, PREFIX-ADR-NNNN-slug.md and
// PREFIX-NNNN-slug.md are numbered; YYYY-MM-DD-slug.md and YYYYMMDD-slug.md
// are dated, and plain slug.md records (and records kept as a folder,
// slug/index.md or slug/README.md, read by ParseFolderRecord) are neither:
// Link numbers both kinds by date, then title, after the folder's numbered
// records, so they never collide. README.md, index.md and templates
// (template.md, adr-template*.md, NNNN-template.md, a record whose title is
// "Template") are not records. Numbers are unique per folder: sub-folders
// of the decisions folder are categories.
//
// # Metadata and statuses
//
// Metadata is read wherever records put it: front matter, "* Status:"
// lists, "Status:" and "Date:" lines (also "Decision date:", "Date of
// submission:", "Last updated:"), a metadata table before the first
// section (a row per field, or a header row of fields), and a "# Status",
// "## Status" or "### Status" section, which ends at the next heading or a
// "---" rule. Dates may be a month alone ("May 2025"), kept with month
// precision. The leading status word decides the status, the rest of the
// sentence is StatusNote; common synonyms (approved → accepted, draft →
// proposed, declined → rejected, obsolete → deprecated) and a site's own
// words (Reading.Statuses) map onto the lifecycle while StatusWord keeps
// the author's word. A record that states no status is NotStated, unless
// Reading.DefaultStatus says otherwise; Link says so once per folder.
// Titles are text: links become their text, "{#id}" and number prefixes
// go, code spans are kept in TitleText; a bracketed status before the
// title ("[Superseded by [ADR-0019](0019-x.md)] Title") is the status.
// Headings inside HTML comments are ignored.
//
// # Formats
//
// Each file is read in the format it is written in, detected per file, and
// never rewritten except by MarkSuperseded. A Format is one way of writing
// records, in both directions, and one file of this package
// (format_<name>.go): Accepts and Read read a file into a Record;
// Template and Write make a new record (Draft.Render); Supersede marks a
// record superseded in place (MarkSuperseded); ExtraStatus and DatedNames
// say what else the format allows. Record.Format names the format a
// record was read in. Formats are tried in order and the first that
// accepts a file reads it:
//
//	log4brains  a "- Status:", "- Date:", "- Deciders:", "- Tags:" list
//	            before the first "##" (keys case-insensitive), or a file
//	            named YYYYMMDD-slug.md
//	madr2       MADR 1.x and 2.x: a "* Status:", "* Deciders:", "* Date:"
//	            list under the title, relations in a "## Links" list
//	nygard      adr-tools and Michael Nygard's format: "# N. Title", a
//	            "Date:" line (YYYY-MM-DD or DD/MM/YYYY) and a "## Status"
//	            section whose lines are a status word and/or relation lines
//	            such as "Superseded by [5. Title](0005-title.md)"
//	madr        MADR 3.x and 4.x: YAML front matter and markdown; also any
//	            other markdown file, so it is the format of last resort
//
// A new record, or a record marked superseded, is written the way its
// format writes it: madr in the front matter (status, date, supersedes,
// amends as numbers); madr2 and log4brains as "Status:" and "Date:" list
// items and relation items under "## Links"; nygard as "# N. Title", a
// "Date:" line and status and relation lines in "## Status". Links to
// other records read "[ADR-0005](0005-x.md)" in madr and madr2,
// "[5. Title](0005-x.md)" in nygard and "[20200420-x](20200420-x.md)" in
// log4brains and for any record named by date. log4brains also allows the
// status draft; new log4brains folders name files by date.
//
// Front matter works in every format and wins over what the body says.
// Its keys:
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
//	exceptions       time-limited exceptions for one team each:
//	                 [{team: payments, blips: [kafka], until: 2027-03-31}]
//	                 or licenses: [AGPL-3.0-only] instead of blips; team
//	                 and until are required (see Exception)
//	review           when an accepted decision is due for review: a date,
//	                 or months after its date (12, "12 months"); the site's
//	                 decisions.review sets a default
//
// Keys of the publishing tools teams use (GitBook, Docusaurus, Just the
// Docs, Hugo, MkDocs) are accepted: description (or summary) is the
// record's Summary, authors its Authors, draft: true keeps the record out
// (Parse returns ErrNotRecord); the others are left alone. An unknown key
// one or two edits from a known one is an error with "did you mean";
// any other unknown key is a warning.
//
// Unfilled template placeholders ("{…}" in MADR 3 and 4, "[…]" in MADR 2
// and log4brains) count as empty.
//
// # Relations
//
// Link joins every relation written in any record into one typed graph.
// supersedes / superseded by, amends / amended by and relates to are
// known; any other adr-tools verb pair ("Clarifies" / "Clarified by") is
// kept under its own name. Whichever side a relation is written on, both
// records show it: the inverse verb is taken from records that write both
// sides, else from a table of common pairs, else derived from the verb's
// grammar ("Extends" ↔ "Extended by"). A record that is only superseded by
// a link gets the status superseded. Link reports, each at the file and
// line it is about: duplicate numbers, relations to records that do not
// exist, supersession cycles, superseded records whose successor is not
// accepted, and custom statuses.
package decision

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
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

// statuses are the known statuses in display order.
var statuses = [...]string{Proposed, Accepted, Rejected, Deprecated, Superseded}

// Statuses returns the known statuses in display order, a fresh slice.
func Statuses() []string { return slices.Clone(statuses[:]) }

// Record is one architecture decision record.
type Record struct {
	Number int
	ID     string // file name without .md
	Folder string // sub-folder of the decisions folder, "" at top level
	Source string // path of the file inside the site
	Title  string
	// TitleText is the title as the heading writes it, code spans kept in
	// backticks; Title is its plain text.
	TitleText string
	// Status is the lifecycle status: one of Statuses, NotStated, or a
	// folder's own word that maps to none.
	Status string
	// StatusWord is the author's own word when it differs from Status
	// ("approved" for accepted); StatusNote is the rest of the status
	// sentence ("on 2020-01-02 by the board").
	StatusWord string
	StatusNote string
	// References are relations to web pages written where relations to
	// records are: "Reverted by [the discussion](https://…)".
	References []Reference
	// Summary is the record's description from front matter.
	Summary string
	// Authors are the people who wrote the record.
	Authors []string
	// Draft is true for records whose front matter says draft: true; the
	// site leaves them out.
	Draft          bool
	Date           meta.Date
	DecisionMakers []string
	Consulted      []string
	Informed       []string
	Tags           []string
	Blips          []string
	Exceptions     []Exception // granted by this record

	// Relations by kind, within the record's folder. Parse fills them from
	// what the file says; Link completes them from both sides.
	Supersedes   []int
	SupersededBy []int
	Amends       []int
	AmendedBy    []int
	Related      []int

	// Written lists every relation the file states, in file order.
	Written []Relation
	// Relations lists, after Link, every relation of the record in both
	// directions, including custom verbs and other folders, ordered by
	// verb and target.
	Relations []Relation

	// Format is the name of the format the file is written in.
	Format string
	// Dated is true for log4brains files named YYYYMMDD-slug.md, whose
	// number is assigned by Link.
	Dated bool
	// DateSource says where Date came from: "" (the file), "file name" or
	// "git".
	DateSource string
	// Changed is the date of the file's last commit, when known.
	Changed meta.Date
	// Review is when the record is due for review, as its review key
	// says; ReviewDue applies the site's default.
	Review Review
	// ToBeSupersededBy are the records that supersede this one but are
	// not accepted yet: it keeps its status until one of them is.
	ToBeSupersededBy []int

	Body     []byte // markdown after front matter, title heading blanked
	BodyLine int    // file line of Body's first line

	// Lines of front-matter keys and body fields, for messages; missing
	// keys map to 1.
	Lines map[string]int

	warnings []*diag.Problem // found while parsing, reported by Link
}

// Relation is a typed link from one record to another.
type Relation struct {
	// Verb says how this record relates to the target, in lower case:
	// "supersedes", "superseded by", "amends", "relates to", "clarifies".
	Verb string
	// Folder and Number identify the target; Number is 0 until Link
	// resolves a reference by file name.
	Folder string
	Number int
	// Ref is the reference as written ("0003-x.md", "ADR-0003", "3"),
	// empty when the relation was derived from the other record.
	Ref string
	// Line is the file line where the relation is written, 0 when derived.
	Line int

	path string // the site path a written link points at, "" for numbers
}

// Reference is a relation to a web page rather than a record.
type Reference struct {
	Verb string // as written, lower case: "reverted by"
	Text string // the link's text
	URL  string
	Line int
}

// Title is the verb as a heading: "Superseded by", "Related".
func (rel Relation) Title() string { return VerbTitle(rel.Verb) }

// Line returns the file line where key was written, or 1.
func (r *Record) Line(key string) int {
	if n, ok := r.Lines[key]; ok {
		return n
	}
	return 1
}

// KnownStatus reports whether the record's status is one of Statuses.
func (r *Record) KnownStatus() bool { return slices.Contains(statuses[:], r.Status) }

// Label is "ADR-0005", how records are referred to in text.
func (r *Record) Label() string { return Label(r.Number) }

// Label formats a record number as "ADR-0005".
func Label(n int) string { return fmt.Sprintf("ADR-%04d", n) }

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

// target is what a reference points at: a record by number, or by file
// name (id) in a folder relative to the referring record's folder.
type target struct {
	dir    string // "" for the same folder, else a relative path such as "../api"
	id     string // file name without .md, when the reference names a file
	number int    // 0 when only the id is known (dated and plain names)
	file   string // the link's path as written, without anchor, when it names a file
}

// refTarget reads a reference as front matter, statuses and relation lines
// write it: 5, "ADR-0005", "0005-slug.md", "../api/0005-slug.md#anchor",
// "../x/index.md" or "[ADR-0005](0005-slug.md)". Web addresses are not
// references.
func refTarget(s string) (target, bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "]("); i >= 0 && strings.HasSuffix(s, ")") {
		if t, ok := refTarget(strings.Trim(s[i+2:len(s)-1], "<> ")); ok {
			return t, true
		}
		s = strings.Trim(s[:i], "[")
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "mailto:") {
		return target{}, false
	}
	if i := strings.IndexAny(s, "#?"); i >= 0 {
		s = s[:i]
	}
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	t := target{file: s}
	if i := strings.LastIndex(s, "/"); i >= 0 {
		t.dir = strings.TrimPrefix(path.Clean(s[:i]), "./")
		if t.dir == "." {
			t.dir = ""
		}
		s = s[i+1:]
	}
	if strings.HasSuffix(strings.ToLower(s), ".md") {
		n := ReadName(s)
		switch {
		case n.Kind == Numbered:
			t.id, t.number = n.ID, n.Number
			return t, true
		case n.Kind != NotRecord:
			t.id = n.ID
			return t, true
		case t.dir != "" && (strings.EqualFold(s, "index.md") || strings.EqualFold(s, "readme.md")):
			// a record kept as a folder: choosing-a-database/index.md
			t.id = path.Base(t.dir)
			t.dir = path.Dir(t.dir)
			if t.dir == "." {
				t.dir = ""
			}
			return t, true
		}
	}
	if t.dir != "" {
		return target{}, false
	}
	t.file = ""
	n, ok := ParseRef(s)
	t.number = n
	return t, ok
}
