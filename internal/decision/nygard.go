package decision

import (
	"bytes"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Nygard reads records in Michael Nygard's format as adr-tools writes it:
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

// Accepts a file with a "## Status" section.
func (Nygard) Accepts(doc *meta.Doc) bool { return hasH2(doc.Body, "status") }

// Read reads front matter, if any, then the title, date and status section.
func (Nygard) Read(doc *meta.Doc, r *Record) error {
	if err := readFrontMatter(doc, r); err != nil {
		return err
	}
	lines := splitLines(doc.Body)
	consumed := r.readHeader(doc, lines, nygardField, false)
	head, from, to, ok := section(lines, "status")
	if ok {
		r.Lines["status-section"] = doc.BodyLine + head
		status, statusLine := "", 0
		for i := from; i < to; i++ {
			l := lines[i]
			t := strings.TrimSpace(stripComments(l.text))
			if l.fence || t == "" {
				continue
			}
			if verb, target, _, ok := relationLine(t); ok {
				r.write(verb, target, doc.BodyLine+i)
				continue
			}
			if field, value, ok := nygardField(t); ok && field != "status" {
				r.readField(field, value, doc.BodyLine+i, false)
				continue
			}
			if _, value, ok := keyValue(strings.TrimLeft(t, "*-+ ")); ok {
				t = value
			}
			status, statusLine = strings.TrimLeft(t, "*-+ "), doc.BodyLine+i
		}
		if statusLine == 0 {
			r.Lines["status"] = doc.BodyLine + head
		}
		r.setStatus(status, statusLine)
	}
	r.Body, r.BodyLine = blank(doc.Body, lines, consumed), doc.BodyLine
	return nil
}

// nygardField reads the "Date: 2016-02-12" and "Status: Accepted" lines
// some Nygard records have under the title, also as list items.
func nygardField(s string) (field, value string, ok bool) {
	if f, v, ok := listItem(s); ok {
		return f, v, true
	}
	t := strings.TrimSpace(s)
	field, value, ok = keyValue(t)
	if !ok || (field != "date" && field != "status" && field != "decision-makers") {
		return "", "", false
	}
	return field, value, true
}

// hasH2 reports whether body has a level-2 heading named name (compared
// case-insensitively), without splitting the body into lines.
func hasH2(body []byte, name string) bool {
	for i := 0; i < len(body); {
		if bytes.HasPrefix(body[i:], []byte("## ")) {
			rest := body[i+3:]
			if end := bytes.IndexByte(rest, '\n'); end >= 0 {
				rest = rest[:end]
			}
			t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(string(rest)), "#"))
			if strings.EqualFold(stripComments(t), name) {
				return true
			}
		}
		j := bytes.Index(body[i:], []byte("\n## "))
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}
