package decision

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Nygard reads and writes records in Michael Nygard's format as adr-tools
// writes it:
//
//	# 5. Use RabbitMQ
//
//	Date: 2016-08-01
//
//	## Status
//
//	Accepted
//
//	Supersedes [3. Use Kafka](0003-use-kafka.md)
//
// The "## Status" section holds a status word and relation lines "Verb
// [N. Title](file.md)" with any verb. A record that adr-tools superseded
// often has no status word left, only "Superseded by …": Link derives the
// status from the link.
type Nygard struct{}

// Name returns "nygard".
func (Nygard) Name() string { return "nygard" }

// Accepts a file with a "## Status" section (or "# Status", "### Status").
func (Nygard) Accepts(doc *meta.Doc) bool { return hasStatusHeading(doc.Body) }

// Read reads front matter, if any, then the title, date and status section.
func (Nygard) Read(doc *meta.Doc, r *Record) error {
	if err := readFrontMatter(doc, r); err != nil {
		return err
	}
	lines := splitLines(doc.Body)
	consumed := r.readHeader(doc, lines, headerField, false)
	if head, from, to, ok := statusSection(lines); ok {
		r.Lines["status-section"] = doc.BodyLine + head
		r.readStatusSection(lines[from:to], doc.BodyLine+from)
	}
	r.Body, r.BodyLine = blank(doc.Body, lines, consumed), doc.BodyLine
	return nil
}

// readStatusSection reads the lines of a status section, the first at
// file line first: relation lines link records (or, pointing to a web
// page, are references), "Date:" and similar lines are fields, and of the
// other lines the last that starts with a status word states the status
// (folders that keep a history write "Proposed", then "Accepted"); the
// other lines are its note.
func (r *Record) readStatusSection(lines []line, first int) {
	type text struct {
		s    string
		line int
		ref  bool // the verb of a reference: a status only when nothing else is
	}
	var texts []text
	var tails []string // what follows a reference's link
	for i, l := range lines {
		t := strings.TrimSpace(stripComments(l.text))
		if l.fence || t == "" {
			continue
		}
		n := first + i
		if verb, target, label, ok := relationLine(t); ok {
			if isWebAddress(target) {
				r.References = append(r.References, Reference{Verb: NormalVerb(verb), Text: label, URL: target, Line: n})
				texts = append(texts, text{leadingWord(verb), n, true})
				continue
			}
			r.write(verb, target, n)
			continue
		}
		if ref, rest, ok := referenceLine(t); ok {
			ref.Line = n
			r.References = append(r.References, ref)
			texts = append(texts, text{leadingWord(ref.Verb), n, true})
			if rest != "" {
				tails = append(tails, rest)
			}
			continue
		}
		if field, value, ok := headerField(t); ok && field != "status" {
			r.readField(field, value, n, false)
			continue
		} else if ok {
			t = value
		}
		texts = append(texts, text{strings.TrimLeft(t, "*-+ "), n, false})
	}
	if len(texts) == 0 {
		if r.Status == "" {
			r.Lines["status"] = r.Lines["status-section"]
		}
		return
	}
	pick := slices.IndexFunc(texts, func(t text) bool { return !t.ref })
	if pick < 0 {
		pick = 0
	}
	for i, t := range texts {
		if _, ok := (Reading{}).lookup(leadingWord(strings.ToLower(strings.Trim(t.s, "*_")))); ok && (!t.ref || texts[pick].ref) {
			pick = i
		}
	}
	var note []string
	for i, t := range texts {
		if i != pick && !t.ref {
			note = append(note, t.s)
		}
	}
	if r.Status == "" {
		r.StatusNote = strings.Join(append(note, tails...), " ")
	}
	r.setStatus(texts[pick].s, texts[pick].line)
}

// isWebAddress reports whether a link target is a web page, not a file.
func isWebAddress(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

var referenceRE = regexp.MustCompile(`^([A-Za-z][A-Za-z ]{0,40}?)\s*\[([^\]]+)\]\(\s*<?((?:https?|mailto):[^)\s>]*)>?\s*\)\s*(.*)$`)

// referenceLine reads a status line that links a web page and goes on,
// "Reverted by [the discussion](https://…); users are encouraged to
// migrate", into the reference and the rest of the sentence.
func referenceLine(s string) (Reference, string, bool) {
	m := referenceRE.FindStringSubmatch(strings.TrimLeft(s, "*-+ "))
	if m == nil {
		return Reference{}, "", false
	}
	return Reference{Verb: NormalVerb(m[1]), Text: m[2], URL: m[3]}, strings.TrimLeft(m[4], ".,;:–— "), true
}

// Template returns adr-tools' template, with a line of guidance in each
// section.
func (Nygard) Template() []byte { return []byte(nygardTemplate) }

// Write sets the heading "# 5. Title" (the title alone when the record is
// named by date), the "Date:" line and the status section: its status
// word, capitalised as adr-tools writes it, then a "Supersedes
// [3. Title](0003-title.md)" line for each relation.
func (Nygard) Write(tpl []byte, d *Draft) []byte {
	status := VerbTitle(d.status())
	f := newFile(fillTokens(tpl, d, status))
	heading := d.Title
	if !d.Dated {
		heading = fmt.Sprintf("%d. %s", d.Number, d.Title)
	}
	f.setHeading(heading)
	f.setNygardDate(d.Date.String())
	head, from, to, ok := f.statusSection()
	switch w := f.statusWordLine(from, to); {
	case !ok:
		f.insert(f.headEnd(), "## Status", "", status, "")
	case w >= 0:
		f.set(w, status)
	default:
		f.appendToSection(head, to, status)
	}
	if links := draftLinks(d, nygardLink); len(links) > 0 {
		head, _, to, _ = f.statusSection()
		f.appendToSection(head, to, links...)
	}
	return f.bytes()
}

// Supersede replaces the status word with "Superseded by [5. Title](0005-title.md)",
// as adr-tools itself does, or adds that line to a status section with no
// word left; a status in front matter is changed there instead.
func (Nygard) Supersede(src []byte, by *Record) ([]byte, error) {
	f := newFile(src)
	link := nygardLink(by)
	if f.supersedeInFrontMatter(link) {
		return f.bytes(), nil
	}
	head, from, to, ok := f.statusSection()
	if !ok {
		return nil, errors.New("no status section")
	}
	if w := f.statusWordLine(from, to); w >= 0 {
		f.set(w, "Superseded by "+link)
	} else {
		f.appendToSection(head, to, "Superseded by "+link)
	}
	return f.bytes(), nil
}

// ExtraStatus is false: adr-tools knows only the common statuses.
func (Nygard) ExtraStatus(string) bool { return false }

// DatedNames is false: adr-tools numbers its files.
func (Nygard) DatedNames() bool { return false }

// nygardLink is a link to r as adr-tools writes it: "[5. Title](0005-title.md)",
// with brackets in the title made round so the link stays one link.
func nygardLink(r *Record) string {
	if r.Dated {
		return idLink(r)
	}
	title := strings.NewReplacer("[", "(", "]", ")").Replace(r.Title)
	return fmt.Sprintf("[%d. %s](%s.md)", r.Number, title, r.ID)
}

// hasStatusHeading reports whether body has a "# Status", "## Status"
// or "### Status" heading, without splitting the body into lines.
func hasStatusHeading(body []byte) bool {
	for i := 0; i < len(body); {
		if body[i] == '#' {
			rest := body[i:]
			if end := bytes.IndexByte(rest, '\n'); end >= 0 {
				rest = rest[:end]
			}
			level := 0
			for level < len(rest) && rest[level] == '#' {
				level++
			}
			if level <= 3 && level < len(rest) && rest[level] == ' ' {
				t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(string(rest[level:])), "#"))
				if strings.EqualFold(strings.Trim(stripComments(t), "*_: "), "status") {
					return true
				}
			}
		}
		j := bytes.Index(body[i:], []byte("\n#"))
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}

// statusSection returns the lines [from, to) under "## Status".
func (f *file) statusSection() (head, from, to int, ok bool) {
	fence := false
	for i := f.bodyStart(); i < len(f.lines); i++ {
		t := strings.TrimSpace(f.text(i))
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		level, text := heading(line{text: t})
		if fence || level < 1 || level > 3 || !strings.EqualFold(strings.Trim(text, "*_: "), "status") {
			continue
		}
		j := i + 1
		for ; j < len(f.lines); j++ {
			if lv, _ := heading(line{text: f.text(j)}); lv > 0 || isRule(f.text(j)) {
				break
			}
		}
		return i, i + 1, j, true
	}
	return 0, 0, 0, false
}

// statusWordLine returns the line of the status section that states the
// status (the last line that is not a relation), or -1.
func (f *file) statusWordLine(from, to int) int {
	found := -1
	for i := from; i < to; i++ {
		t := strings.TrimSpace(stripComments(f.text(i)))
		if t == "" {
			continue
		}
		if _, _, _, ok := relationLine(t); ok {
			continue
		}
		if field, _, ok := headerField(t); ok && field != "status" {
			continue
		}
		found = i
	}
	return found
}

// appendToSection adds lines after the last non-blank line of the
// section under line head that ends before line to, each after a blank
// line, as adr-tools writes relation lines.
func (f *file) appendToSection(head, to int, texts ...string) {
	last := head
	for i := head + 1; i < to; i++ {
		if strings.TrimSpace(f.text(i)) != "" {
			last = i
		}
	}
	var add []string
	for _, t := range texts {
		add = append(add, "", t)
	}
	f.insert(last+1, add...)
}

// setNygardDate sets the "Date:" line under the title, or adds one.
func (f *file) setNygardDate(date string) {
	end := f.headEnd()
	for i := f.bodyStart(); i < end; i++ {
		if field, _, ok := headerField(f.text(i)); ok && field == "date" {
			t := f.text(i)
			f.set(i, t[:strings.Index(t, ":")+1]+" "+date)
			return
		}
	}
	title := f.titleLine()
	if title < 0 {
		f.insert(f.bodyStart(), "Date: "+date, "")
		return
	}
	f.insert(title+1, "", "Date: "+date)
}

const nygardTemplate = `# NUMBER. TITLE

Date: DATE

## Status

STATUS

## Context

What forces are at play, and why a decision is needed now.

## Decision

What we will do.

## Consequences

What becomes easier or harder because of it.
`

// SetStatus replaces the status word in "## Status", keeping the
// relation lines, or sets the front matter status.
func (Nygard) SetStatus(src []byte, status string) ([]byte, error) {
	return setNygardStatus(src, status)
}
