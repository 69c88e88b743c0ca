package meta

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Date is a calendar date with no time of day and no time zone, so that a
// site builds the same everywhere. Day 0 is a date known only to the month
// ("May 2025"), written 2025-05.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD; a time after the date (as in 2016-07-15T10:00)
// is ignored.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// UnmarshalYAML reads a date written as YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a date YYYY-MM-DD", n.Line)
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	*d = v
	return nil
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	// By hand: dates are formatted for every sort and every page, and
	// fmt was a tenth of a metadata rebuild of a large site.
	b := make([]byte, 0, 10)
	b = appendPadded(b, d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(d.Month), 2)
	if d.Day == 0 { // a month, as in "May 2025"
		return string(b)
	}
	b = append(b, '-')
	b = appendPadded(b, d.Day, 2)
	return string(b)
}

// appendPadded appends n in decimal, zero-padded to width digits, as
// fmt's %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n, width = -n, width-1
	}
	digits := strconv.Itoa(n)
	for range width - len(digits) {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// Human formats the date as "15 July 2016".
func (d Date) Human() string {
	if d.IsZero() {
		return ""
	}
	if d.Day == 0 {
		return d.Month.String() + " " + strconv.Itoa(d.Year)
	}
	return strconv.Itoa(d.Day) + " " + d.Month.String() + " " + strconv.Itoa(d.Year)
}

// Compare orders dates: -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.IsZero() && o.IsZero():
		return 0
	case d.IsZero(): // unset first
		return -1
	case o.IsZero():
		return 1
	}
	return cmp.Or(cmp.Compare(d.Year, o.Year), cmp.Compare(d.Month, o.Month), cmp.Compare(d.Day, o.Day))
}

// Time returns midnight UTC of the date, for feeds that need a timestamp.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, max(1, d.Day), 0, 0, 0, 0, time.UTC)
}

// AddMonths returns the date n months later (clamped to the month's end).
func (d Date) AddMonths(n int) Date {
	t := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return Date{t.Year(), t.Month(), min(d.Day, last)}
}

// MarshalJSON writes the date as "YYYY-MM-DD", or "" when unset.
func (d Date) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(d.String())), nil }

// Strings is a list of strings written either as a YAML list or as one
// comma-separated string; "{…}" template placeholders count as empty.
type Strings []string

// UnmarshalYAML reads a list or a comma-separated string.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	var raw []string
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		raw = strings.Split(n.Value, ",")
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: expected a list of plain values", c.Line)
			}
			raw = append(raw, c.Value)
		}
	default:
		if isPlaceholder(n) {
			*s = Strings{}
			return nil
		}
		return fmt.Errorf("line %d: expected a list or a comma-separated string", n.Line)
	}
	out := Strings{}
	for _, v := range raw {
		v = strings.TrimSpace(v)
		if v == "" || (strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}")) {
			continue
		}
		out = append(out, v)
	}
	*s = out
	return nil
}

// Text is a single string scalar; numbers and booleans are kept as written
// (so "no" stays "no"), and "{…}" placeholders count as empty.
type Text string

// UnmarshalYAML reads any scalar as its literal text.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	if isPlaceholder(n) {
		*t = ""
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a single value", n.Line)
	}
	v := strings.TrimSpace(n.Value)
	if n.Tag == "!!null" || (strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}")) {
		v = ""
	}
	*t = Text(v)
	return nil
}

// isPlaceholder reports whether n is an unquoted "{…}" template placeholder.
// YAML reads MADR's `date: {YYYY-MM-DD when the decision was last updated}`
// as a flow mapping whose keys have no values; it is still a placeholder.
func isPlaceholder(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle == 0 || len(n.Content) == 0 {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Tag != "!!null" || v.Value != "" {
			return false
		}
	}
	return true
}
