package decision

import (
	"fmt"
	"iter"
	"regexp"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// Review is when a record is due to be reviewed, as its review key says:
// a date (review: 2027-06-01) or a number of months after the record's
// date (review: 12, or review: 12 months). Zero says nothing.
type Review struct {
	Date   meta.Date
	Months int
}

// IsZero reports whether the record says nothing about its review.
func (v Review) IsZero() bool { return v.Date.IsZero() && v.Months == 0 }

// ParseReview reads a review value: YYYY-MM-DD, N or "N months".
func ParseReview(s string) (Review, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Review{}, nil
	}
	n := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "months"), "month"))
	if m, err := strconv.Atoi(n); err == nil {
		if m <= 0 {
			return Review{}, fmt.Errorf("review: %q is not a number of months after the record's date", s)
		}
		return Review{Months: m}, nil
	}
	d, err := meta.ParseDate(s)
	if err != nil {
		return Review{}, fmt.Errorf("review: %q is neither a date (YYYY-MM-DD) nor a number of months", s)
	}
	return Review{Date: d}, nil
}

// Lifecycle is a site's rules for records over time (decisions.review and
// decisions.proposedDays in waymark.yaml).
type Lifecycle struct {
	// Review is the number of months after its date that an accepted
	// record without a review key of its own is due for review; 0: never.
	Review int
	// ProposedDays is how many days a record may stay proposed before
	// check asks for a decision; 0 means DefaultProposedDays.
	ProposedDays int
}

// DefaultProposedDays is how long a record may stay proposed by default.
const DefaultProposedDays = 30

// ReviewDue returns the date r is due for review, or a zero date when it
// is not: only accepted records are reviewed, at their review date, or
// the review months (their own, else the site's) after their date.
func (r *Record) ReviewDue(lc Lifecycle) meta.Date {
	if r.Status != Accepted {
		return meta.Date{}
	}
	if !r.Review.Date.IsZero() {
		return r.Review.Date
	}
	months := r.Review.Months
	if months == 0 {
		months = lc.Review
	}
	if months == 0 || r.Date.IsZero() {
		return meta.Date{}
	}
	return r.Date.AddMonths(months)
}

// ReviewOverdue reports whether r's review was due before today; a zero
// today knows no overdue reviews.
func (r *Record) ReviewOverdue(today meta.Date, lc Lifecycle) bool {
	due := r.ReviewDue(lc)
	return !due.IsZero() && !today.IsZero() && due.Compare(today) < 0
}

// Findings returns what authors forget, as of today, each at the file and
// line to fix: accepted records whose review is overdue, records proposed
// for longer than the lifecycle allows, and decided records (accepted,
// rejected, deprecated or superseded) that still hold unfilled template
// placeholders. A zero today checks only the
// placeholders.
func (l *Log) Findings(today meta.Date, lc Lifecycle) []*diag.Problem {
	var out []*diag.Problem
	days := lc.ProposedDays
	if days <= 0 {
		days = DefaultProposedDays
	}
	for _, r := range l.Records {
		if r.ReviewOverdue(today, lc) {
			line := r.Line("review")
			if r.Review.IsZero() {
				line = r.Line("date")
			}
			out = append(out, diag.Warnf(r.Source, line, fmt.Sprintf("review the decision, then set review: to the next review's date, or change its status (waymark status %s deprecated)", r.ref()),
				"review was due on %s", r.ReviewDue(lc)))
		}
		if r.Status == Proposed && !today.IsZero() && !r.Date.IsZero() {
			if age := daysBetween(r.Date, today); age > days {
				out = append(out, diag.Warnf(r.Source, r.Line("status"), fmt.Sprintf("decide it (waymark status %s accepted, or rejected), or date it anew", r.ref()),
					"proposed for %d days, since %s (decisions.proposedDays is %d)", age, r.Date, days))
			}
		}
		if r.KnownStatus() && r.Status != Proposed {
			for _, p := range Placeholders(r.Body, r.BodyLine) {
				out = append(out, diag.Warnf(r.Source, p.Line, "write what it asks for, or delete it",
					"unfilled template placeholder %s", p.Text))
			}
		}
	}
	return out
}

// ref is how a command names the record: its number, or its id when its
// file is named by date.
func (r *Record) ref() string {
	if r.Dated || r.Number == 0 {
		return r.ID
	}
	return strconv.Itoa(r.Number)
}

// maskCode writes every code span of line as backticks of its length, so
// that what is inside code is never a placeholder while a placeholder
// around it keeps its own text ("[Say `why` here]").
func maskCode(line string) string {
	return codeSpan.ReplaceAllStringFunc(line, func(span string) string { return strings.Repeat("`", len(span)) })
}

// daysBetween counts the days from a to b.
func daysBetween(a, b meta.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// Placeholder is an unfilled placeholder of a record template.
type Placeholder struct {
	Line int    // file line
	Text string // as written, e.g. "{title of option 1}"
}

var (
	// braced are MADR 3 and 4's placeholders: {title of option 1},
	// {justification}. A brace after a slash, dollar or letter is a
	// path or code template ("/users/{id}"), not a placeholder.
	braced = regexp.MustCompile(`(?:^|[\s"'(*_>])(\{[A-Za-z][^{}\n:=/]*\})`)
	// bracketed are MADR 2's and log4brains' placeholders, a whole item
	// or paragraph in brackets: "[Describe the context …]".
	bracketed = regexp.MustCompile(`^\s*(?:[*+-]\s+)?(\[[A-Za-z][^\[\]\n]* [^\[\]\n]*\])\s*$`)
	codeSpan  = regexp.MustCompile("`[^`\n]*`")
)

// Placeholders finds the unfilled placeholders of the record templates in
// body, whose first line is file line first; code is left out.
func Placeholders(body []byte, first int) []Placeholder {
	var out []Placeholder
	for i, line := range proseLines(string(body)) {
		// Most lines hold neither a brace nor end in a bracket: they
		// skip the expressions, which were most of a build's loading.
		// Taking out code spans removes characters and never makes a
		// line end in "]", so the tests hold before it as after.
		hasBrace, endsBracket := strings.IndexByte(line, '{') >= 0, strings.HasSuffix(strings.TrimSpace(line), "]")
		if !hasBrace && !endsBracket {
			continue
		}
		masked := line
		if strings.IndexByte(line, '`') >= 0 {
			masked = maskCode(line)
		}
		if hasBrace {
			for _, m := range braced.FindAllStringSubmatchIndex(masked, -1) {
				out = append(out, Placeholder{Line: first + i, Text: line[m[2]:m[3]]})
			}
		}
		if endsBracket {
			if m := bracketed.FindStringSubmatchIndex(masked); m != nil {
				out = append(out, Placeholder{Line: first + i, Text: line[m[2]:m[3]]})
			}
		}
	}
	return out
}

// proseLines yields the lines of body outside fenced and indented code,
// each with its index among all the lines.
func proseLines(body string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		fence := ""
		for i, line := range strings.Split(body, "\n") {
			t := strings.TrimSpace(line)
			switch {
			case fence != "":
				if strings.HasPrefix(t, fence) {
					fence = ""
				}
			case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
				fence = t[:3]
			case strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t"):
				// indented code
			default:
				if !yield(i, line) {
					return
				}
			}
		}
	}
}

// settleSupersession gives the status superseded to each accepted,
// proposed or unstated record that a decided record (accepted, or itself superseded
// since) supersedes. A record superseded only by records still proposed
// keeps its status and lists them in ToBeSupersededBy: "waymark new adr
// --supersedes" takes effect when the new record is accepted. Statuses
// are judged as the files state them, so the order of records does not
// matter.
func (l *Log) settleSupersession() {
	stated := make(map[*Record]string, len(l.Records))
	for _, r := range l.Records {
		stated[r] = r.Status
	}
	for _, r := range l.Records {
		r.ToBeSupersededBy = nil
		if r.Status != Accepted && r.Status != Proposed && r.Status != NotStated {
			continue
		}
		decided := false
		var pending []int
		for _, rel := range r.supersededBy() {
			next := l.Get(rel.Folder, rel.Number)
			switch {
			case next == nil:
			case stated[next] == Accepted || stated[next] == Superseded:
				decided = true
			case stated[next] == Proposed && rel.Folder == r.Folder:
				pending = append(pending, next.Number)
			}
		}
		if decided {
			r.Status = Superseded
		} else {
			r.ToBeSupersededBy = pending
		}
	}
}
