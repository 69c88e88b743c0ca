package decision

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// FrontMatter reads and writes MADR 3 and 4 records: YAML front matter and
// markdown.
//
//	---
//	status: accepted
//	date: 2024-06-01
//	supersedes: [3]
//	---
//
//	# Use PostgreSQL for orders
//
// It also accepts files with no front matter at all, taking the title from
// the first heading, so it is the format of last resort; records built in
// code, with no format name, are written in it too.
type FrontMatter struct{}

// Name returns "madr".
func (FrontMatter) Name() string { return "madr" }

// Accepts every document.
func (FrontMatter) Accepts(*meta.Doc) bool { return true }

// Read decodes the front matter and reads the title, and any metadata
// lines or table, from the head of the body.
func (FrontMatter) Read(doc *meta.Doc, r *Record) error {
	if err := readFrontMatter(doc, r); err != nil {
		return err
	}
	// only the head is read: the lines before the first section
	lines := splitLines(doc.Body[:headLen(doc.Body)])
	consumed := r.readHeader(doc, lines, headerField, false)
	r.Body, r.BodyLine = blank(doc.Body, lines, consumed), doc.BodyLine
	return nil
}

// Template returns MADR 4's template, shortened.
func (FrontMatter) Template() []byte { return []byte(madrTemplate) }

// Write sets the heading, then status, date, supersedes and amends in the
// front matter, adding front matter when the template has none.
func (FrontMatter) Write(tpl []byte, d *Draft) []byte {
	status := d.status()
	f := newFile(fillTokens(tpl, d, status))
	f.setHeading(d.Title)
	f.setFrontMatter("status", yamlScalar(status))
	f.setFrontMatter("date", d.Date.String())
	if len(d.Supersedes) > 0 {
		f.setFrontMatter("supersedes", numbers(d.Supersedes))
	}
	if len(d.Amends) > 0 {
		f.setFrontMatter("amends", numbers(d.Amends))
	}
	return f.bytes()
}

// Supersede sets the front matter status to "superseded by
// [ADR-0005](0005-title.md)", adding front matter when the file has none.
func (FrontMatter) Supersede(src []byte, by *Record) ([]byte, error) {
	f := newFile(src)
	f.setFrontMatter("status", yamlScalar("superseded by "+labelLink(by)))
	return f.bytes(), nil
}

// ExtraStatus is false: MADR knows only the common statuses.
func (FrontMatter) ExtraStatus(string) bool { return false }

// DatedNames is false: MADR numbers its files.
func (FrontMatter) DatedNames() bool { return false }

// numbers writes the records' numbers as a YAML flow list: [3, 4].
func numbers(rs []*Record) string {
	ns := make([]string, len(rs))
	for i, r := range rs {
		ns[i] = strconv.Itoa(r.Number)
	}
	return "[" + strings.Join(ns, ", ") + "]"
}

const madrTemplate = `---
status: STATUS
date: DATE
decision-makers:
consulted:
informed:
---

# TITLE

## Context and Problem Statement

{Describe the context and the problem in two or three sentences, or as a question.}

## Considered Options

* {title of option 1}
* {title of option 2}

## Decision Outcome

Chosen option: "{title of option 1}", because {justification}.

### Consequences

* Good, because {positive consequence}
* Bad, because {negative consequence}

## More Information

{How and when the decision will be checked, links to related decisions and the radar.}
`

// headLen returns the length of body's head: up to the first line that
// starts with "## ", or all of it when a code fence or comment opens
// before that, so that no heading inside one ends the head.
func headLen(body []byte) int {
	i := bytes.Index(body, []byte("\n## "))
	if i < 0 {
		return len(body)
	}
	head := body[:i]
	if bytes.Contains(head, []byte("```")) || bytes.Contains(head, []byte("~~~")) || bytes.Contains(head, []byte("<!--")) {
		return len(body)
	}
	return i + 1
}

// SetStatus sets the front matter status, adding front matter when the
// file has none.
func (FrontMatter) SetStatus(src []byte, status string) ([]byte, error) {
	return setFrontMatterStatus(src, status), nil
}
