package decision

import (
	"bytes"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// listKeys maps the keys of metadata lists to record fields.
var listKeys = map[string]string{
	"status": "status", "date": "date", "deciders": "decision-makers", "decision-makers": "decision-makers",
	"decision makers": "decision-makers", "consulted": "consulted", "informed": "informed", "tags": "tags",
	"decision date": "date", "date of submission": "date", "last updated": "date", "date of decision": "date",
	"author": "authors", "authors": "authors", "author(s)": "authors",
}

// headerField reads a metadata line in any of the ways records write it:
// "* Status: accepted", "Status: accepted", "**Date:** 2020-01-02" or a
// table row "| Status | Accepted |".
func headerField(s string) (field, value string, ok bool) {
	if f, v, ok := listItem(s); ok {
		return f, v, true
	}
	if cells, ok := tableCells(s); ok && len(cells) >= 2 {
		return keyValue(cells[0] + ": " + cells[1])
	}
	return keyValue(s)
}

// tableCells returns the cells of a markdown table row "| a | b |".
func tableCells(s string) ([]string, bool) {
	t := strings.TrimSpace(s)
	if len(t) < 2 || t[0] != '|' {
		return nil, false
	}
	t = strings.TrimSuffix(t[1:], "|")
	var cells []string
	for _, c := range strings.Split(t, "|") {
		cells = append(cells, strings.TrimSpace(c))
	}
	return cells, true
}

// separatorRow reports whether cells are a table's |---|:--:| row.
func separatorRow(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return true
}

// headerKeys returns the fields a table's header row names, when every
// cell is a metadata key: "| Status | Date | Deciders |".
func headerKeys(cells []string) ([]string, bool) {
	fields := make([]string, len(cells))
	for i, c := range cells {
		f, _, ok := keyValue(c + ":")
		if !ok {
			return nil, false
		}
		fields[i] = f
	}
	return fields, len(fields) > 0
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

// readList reads a record whose metadata is a list under the title;
// spaceTags reads tags separated by spaces, as log4brains writes them.
func readList(doc *meta.Doc, r *Record, spaceTags bool) error {
	if err := readFrontMatter(doc, r); err != nil {
		return err
	}
	lines := splitLines(doc.Body)
	consumed := r.readHeader(doc, lines, headerField, spaceTags)
	if head, from, to, ok := statusSection(lines); ok {
		r.Lines["status-section"] = doc.BodyLine + head
		r.readStatusSection(lines[from:to], doc.BodyLine+from)
	}
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
// field accepts is a metadata field; a list field with no value takes the
// nested list under it. Metadata tables before the first section are read
// too, either a row per field ("| Status | Accepted |") or a header row of
// fields and a row of values; tables stay in the body. It returns the
// lines it used, to be blanked from the body.
func (r *Record) readHeader(doc *meta.Doc, lines []line, field func(string) (string, string, bool), spaceTags bool) []int {
	var consumed []int
	titleSet := r.Title != ""
	var columns []string // fields of a table's header row
	nested := ""         // a list field waiting for its nested items
	for i := range firstH2(lines) {
		l := lines[i]
		if l.fence {
			continue
		}
		if level, text := heading(l); level == 1 {
			if !titleSet {
				r.Title, titleSet = text, true
				r.Lines["title"] = doc.BodyLine + i
			}
			consumed = append(consumed, i)
			continue
		}
		if nested != "" {
			if v, ok := nestedItem(l.text); ok {
				r.readField(nested, v, doc.BodyLine+i, false)
				consumed = append(consumed, i)
				continue
			}
			if strings.TrimSpace(l.text) != "" {
				nested = ""
			}
		}
		if cells, ok := tableCells(l.text); ok {
			switch keys, isHeader := headerKeys(cells); {
			case separatorRow(cells):
			case isHeader && columns == nil:
				columns = keys
			case columns != nil:
				for j, c := range cells[:min(len(cells), len(columns))] {
					r.readField(columns[j], c, doc.BodyLine+i, spaceTags)
				}
				columns = nil
			case len(cells) >= 2:
				if name, value, ok := keyValue(cells[0] + ": " + cells[1]); ok {
					r.readField(name, value, doc.BodyLine+i, spaceTags)
				}
			}
			continue
		}
		if name, value, ok := field(l.text); ok {
			consumed = append(consumed, i)
			if value == "" && listField(name) {
				nested = name
				continue
			}
			r.readField(name, value, doc.BodyLine+i, spaceTags)
		}
	}
	return consumed
}

// listField reports whether a field holds a list of names.
func listField(name string) bool {
	switch name {
	case "decision-makers", "consulted", "informed", "tags", "authors":
		return true
	}
	return false
}

// nestedItem reads an indented list item, "  * Alice", as one value.
func nestedItem(s string) (string, bool) {
	if !strings.HasPrefix(s, "  ") && !strings.HasPrefix(s, "\t") {
		return "", false
	}
	t := strings.TrimSpace(s)
	if len(t) < 2 || (t[0] != '*' && t[0] != '-' && t[0] != '+') || t[1] != ' ' {
		return "", false
	}
	return strings.TrimSpace(t[2:]), true
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
		r.DecisionMakers = r.addNames(field, r.DecisionMakers, value, line)
	case "consulted":
		r.Consulted = r.addNames(field, r.Consulted, value, line)
	case "informed":
		r.Informed = r.addNames(field, r.Informed, value, line)
	case "authors":
		r.Authors = r.addNames(field, r.Authors, value, line)
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

// addNames adds the names of a body field to have, unless front matter
// set them (front matter wins); a field may take several lines, as a
// nested list does.
func (r *Record) addNames(field string, have []string, value string, line int) []string {
	bodyKey := field + " in body"
	if len(have) > 0 && r.Lines[bodyKey] == 0 {
		return have
	}
	if r.Lines[bodyKey] == 0 {
		r.Lines[bodyKey], r.Lines[field] = line, line
	}
	return append(have, splitList(value)...)
}

// writeList makes tpl into the record d as MADR 2 and log4brains write
// it: the heading, "* Status:" and "* Date:" items in the list under the
// title, and relations in the "## Links" section, with the list's bullet
// (bullet when the template has no list) and link style.
func writeList(tpl []byte, d *Draft, bullet byte, link func(*Record) string) []byte {
	status := d.status()
	f := newFile(fillTokens(tpl, d, status))
	f.setHeading(d.Title)
	f.setListItem("status", "Status", status, bullet)
	f.setListItem("date", "Date", d.Date.String(), bullet)
	if links := draftLinks(d, link); len(links) > 0 {
		f.addLinks(bullet, links...)
	}
	return f.bytes()
}

// supersedeList sets the "* Status:" item to "superseded by" link, or the
// front matter status when the front matter has one.
func supersedeList(src []byte, link string) []byte {
	f := newFile(src)
	if !f.supersedeInFrontMatter(link) {
		f.setListItem("status", "Status", "superseded by "+link, '*')
	}
	return f.bytes()
}

// setListItem sets a metadata list item ("* Status: accepted") under the
// title, keeping a comment after the value, or adds the item after the
// list's last item (or after the title).
func (f *file) setListItem(field, key, value string, bullet byte) {
	end := f.headEnd()
	last := -1
	for i := f.bodyStart(); i < end; i++ {
		t := f.text(i)
		got, _, ok := listItem(t)
		if !ok {
			continue
		}
		last = i
		bullet = strings.TrimLeft(t, " ")[0]
		if got != field {
			continue
		}
		colon := strings.Index(t, ":")
		after := t[colon+1:]
		stars := len(after) - len(strings.TrimLeft(after, "*_"))
		tail := ""
		if j := strings.Index(after, "<!--"); j >= 0 {
			tail = " " + after[j:]
		}
		f.set(i, t[:colon+1+stars]+" "+value+tail)
		return
	}
	item := string(bullet) + " " + key + ": " + value
	if last >= 0 {
		f.insert(last+1, item)
		return
	}
	title := f.titleLine()
	if title < 0 {
		f.insert(f.bodyStart(), item, "")
		return
	}
	f.insert(title+1, "", item)
}

// addLinks adds items to the "## Links" section, creating it at the end
// of the file if needed.
func (f *file) addLinks(bullet byte, items ...string) {
	var texts []string
	for _, it := range items {
		texts = append(texts, string(bullet)+" "+it)
	}
	fence := false
	for i := f.bodyStart(); i < len(f.lines); i++ {
		t := strings.TrimSpace(f.text(i))
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if fence || !strings.HasPrefix(t, "## ") || !strings.EqualFold(stripComments(strings.TrimSpace(t[3:])), "links") {
			continue
		}
		last := i
		j := i + 1
		for ; j < len(f.lines); j++ {
			u := strings.TrimSpace(f.text(j))
			if strings.HasPrefix(u, "# ") || strings.HasPrefix(u, "## ") {
				break
			}
			if u != "" {
				last = j
			}
		}
		if last == i {
			f.insert(i+1, append([]string{""}, texts...)...)
			return
		}
		f.insert(last+1, texts...)
		return
	}
	for len(f.lines) > 0 && strings.TrimSpace(f.text(len(f.lines)-1)) == "" {
		f.lines = f.lines[:len(f.lines)-1]
	}
	f.insert(len(f.lines), append([]string{"", "## Links", ""}, texts...)...)
}
