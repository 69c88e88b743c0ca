package decision

import (
	"bytes"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// MADR2 reads MADR 1.x and 2.x records: a "* Status: …", "* Deciders: …",
// "* Date: …" list under the title, and relations such as "* Refined by
// [ADR-0005](0005-x.md)" in a "## Links" section.
type MADR2 struct{}

// Name returns "madr2".
func (MADR2) Name() string { return "madr2" }

// Accepts a file whose title is followed by a list of known keys.
func (MADR2) Accepts(doc *meta.Doc) bool {
	_, found := metaList(doc.Body)
	return found
}

// Read reads front matter, if any, then the list and the Links section.
func (MADR2) Read(doc *meta.Doc, r *Record) error { return readList(doc, r) }

// Log4brains reads log4brains records: a "- Status:", "- Date:",
// "- Deciders:", "- Tags:" list before the first "##"; files are usually
// named YYYYMMDD-slug.md.
type Log4brains struct{}

// Name returns "log4brains".
func (Log4brains) Name() string { return "log4brains" }

// Accepts a file named YYYYMMDD-slug.md, or one whose metadata list uses
// dashes and has tags, as log4brains writes it.
func (Log4brains) Accepts(doc *meta.Doc) bool {
	if _, ok := DatedName(doc.File); ok {
		return true
	}
	bullet, found := metaList(doc.Body)
	return found && bullet == '-' && hasTagsItem(doc.Body)
}

// Read reads front matter, if any, then the list and the Links section.
func (Log4brains) Read(doc *meta.Doc, r *Record) error { return readList(doc, r) }

// listKeys maps the keys of metadata lists to record fields.
var listKeys = map[string]string{
	"status": "status", "date": "date", "deciders": "decision-makers", "decision-makers": "decision-makers",
	"decision makers": "decision-makers", "consulted": "consulted", "informed": "informed", "tags": "tags",
}

// listItem reads "* Status: accepted", "- **Date:** 2020-01-02" or
// "* Deciders: [placeholder] <!-- optional -->" into the field it sets.
func listItem(s string) (field, value string, ok bool) {
	t := strings.TrimLeft(s, " ")
	if len(t) < 2 || (t[0] != '*' && t[0] != '-' && t[0] != '+') || (t[1] != ' ' && t[1] != '\t') {
		return "", "", false
	}
	return keyValue(t[2:])
}

// keyValue reads "Status: accepted" or "**Status:** accepted".
func keyValue(s string) (field, value string, ok bool) {
	t := strings.TrimSpace(s)
	t = strings.TrimLeft(t, "*_")
	key, rest, found := strings.Cut(t, ":")
	if !found || len(key) > 20 {
		return "", "", false
	}
	key = strings.ToLower(strings.TrimSpace(strings.TrimRight(key, "*_")))
	field, ok = listKeys[key]
	if !ok {
		return "", "", false
	}
	rest = strings.TrimLeft(rest, "*_")
	return field, strings.TrimSpace(stripComments(rest)), true
}

// metaList reports whether the lines before the first "##" heading hold a
// list item with a known key, and with which bullet. It looks at no more
// than the head of the file, so it is cheap for every record.
func metaList(body []byte) (bullet byte, found bool) {
	for i, rest := 0, body; i < 80 && len(rest) > 0; i++ {
		end := bytes.IndexByte(rest, '\n')
		l := rest
		if end >= 0 {
			l, rest = rest[:end], rest[end+1:]
		} else {
			rest = nil
		}
		if bytes.HasPrefix(l, []byte("## ")) || bytes.HasPrefix(l, []byte("```")) {
			return 0, false
		}
		if _, _, ok := listItem(string(l)); ok {
			return bytes.TrimLeft(l, " ")[0], true
		}
	}
	return 0, false
}

func hasTagsItem(body []byte) bool {
	head := body[:min(len(body), 4096)]
	if i := bytes.Index(head, []byte("\n## ")); i >= 0 {
		head = head[:i]
	}
	for _, l := range bytes.Split(head, []byte("\n")) {
		if f, _, ok := listItem(string(l)); ok && f == "tags" {
			return true
		}
	}
	return false
}

// readList reads a record whose metadata is a list under the title.
func readList(doc *meta.Doc, r *Record) error {
	if err := readFrontMatter(doc, r); err != nil {
		return err
	}
	lines := splitLines(doc.Body)
	consumed := r.readHeader(doc, lines, listItem, r.Format == "log4brains")
	if _, from, to, ok := section(lines, "Links"); ok {
		for i := from; i < to; i++ {
			if verb, target, _, ok := relationLine(lines[i].text); ok && !lines[i].fence {
				r.write(verb, target, doc.BodyLine+i)
			}
		}
	}
	r.Body, r.BodyLine = blank(doc.Body, lines, consumed), doc.BodyLine
	return nil
}

// readHeader reads the lines before the first "##" heading: the first
// "# " heading is the title unless front matter gave one, and each line
// field accepts is a metadata field. It returns the lines it used, to be
// blanked from the body.
func (r *Record) readHeader(doc *meta.Doc, lines []line, field func(string) (string, string, bool), spaceTags bool) []int {
	var consumed []int
	titleSet := r.Title != ""
	for i := range firstH2(lines) {
		l := lines[i]
		if l.fence {
			continue
		}
		if level, text := heading(l); level == 1 {
			if !titleSet {
				r.Title, titleSet = text, true
			}
			consumed = append(consumed, i)
			continue
		}
		if name, value, ok := field(l.text); ok {
			consumed = append(consumed, i)
			r.readField(name, value, doc.BodyLine+i, spaceTags)
		}
	}
	return consumed
}

// readField sets a field read from the body, unless front matter set it.
func (r *Record) readField(field, value string, line int, spaceTags bool) {
	if placeholder(value) {
		return
	}
	switch field {
	case "status":
		r.setStatus(value, line)
	case "date":
		if !r.Date.IsZero() || value == "" {
			return
		}
		d, ok := parseLooseDate(value)
		if !ok {
			r.warn(line, "write it as YYYY-MM-DD", "date %q is not a date waymark can read; the record has no date", value)
			return
		}
		r.Date = d
		r.Lines["date"] = line
	case "decision-makers":
		if len(r.DecisionMakers) == 0 {
			r.DecisionMakers = splitList(value)
			r.Lines["decision-makers"] = line
		}
	case "consulted":
		if len(r.Consulted) == 0 {
			r.Consulted = splitList(value)
		}
	case "informed":
		if len(r.Informed) == 0 {
			r.Informed = splitList(value)
		}
	case "tags":
		if len(r.Tags) == 0 {
			if spaceTags {
				value = strings.Join(strings.Fields(value), ",")
			}
			r.Tags = splitList(value)
			r.Lines["tags"] = line
		}
	}
}
