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
	consumed := r.readHeader(doc, lines, listItem, spaceTags)
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
