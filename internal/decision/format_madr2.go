package decision

import "github.com/waymark-dev/waymark/internal/meta"

// MADR2 reads and writes MADR 1.x and 2.x records: a "* Status: …", "* Deciders: …",
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
func (MADR2) Read(doc *meta.Doc, r *Record) error { return readList(doc, r, false) }

// Template returns MADR 2's template, shortened.
func (MADR2) Template() []byte { return []byte(madr2Template) }

// Write sets the heading, the "* Status:" and "* Date:" items and a
// "* Supersedes [ADR-0003](0003-title.md)" item in "## Links" for each
// relation.
func (MADR2) Write(tpl []byte, d *Draft) []byte { return writeList(tpl, d, '*', labelLink) }

// Supersede sets the status item to "superseded by [ADR-0005](0005-title.md)".
func (MADR2) Supersede(src []byte, by *Record) ([]byte, error) {
	return supersedeList(src, labelLink(by)), nil
}

// ExtraStatus is false: MADR 2 knows only the common statuses.
func (MADR2) ExtraStatus(string) bool { return false }

// DatedNames is false: MADR 2 numbers its files.
func (MADR2) DatedNames() bool { return false }

const madr2Template = `# TITLE

* Status: STATUS
* Deciders: [list everyone involved in the decision]
* Date: DATE

## Context and Problem Statement

[Describe the context and the problem in two or three sentences, or as a question.]

## Considered Options

* [option 1]
* [option 2]

## Decision Outcome

Chosen option: "[option 1]", because [justification].
`

// SetStatus sets the "* Status:" item, or the front matter status.
func (MADR2) SetStatus(src []byte, status string) ([]byte, error) {
	return setListStatus(src, status, '*'), nil
}
