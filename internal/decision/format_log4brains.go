package decision

import "github.com/waymark-dev/waymark/internal/meta"

// Log4brains reads and writes log4brains records: a "- Status:", "- Date:",
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
func (Log4brains) Read(doc *meta.Doc, r *Record) error { return readList(doc, r, true) }

// Template returns log4brains' template, shortened.
func (Log4brains) Template() []byte { return []byte(log4brainsTemplate) }

// Write sets the heading, the "- Status:" and "- Date:" items and a
// "- Supersedes [20200115-title](20200115-title.md)" item in "## Links"
// for each relation.
func (Log4brains) Write(tpl []byte, d *Draft) []byte { return writeList(tpl, d, '-', idLink) }

// Supersede sets the status item to "superseded by
// [20200420-title](20200420-title.md)".
func (Log4brains) Supersede(src []byte, by *Record) ([]byte, error) {
	return supersedeList(src, idLink(by)), nil
}

// ExtraStatus accepts draft, a status log4brains defines.
func (Log4brains) ExtraStatus(status string) bool { return status == "draft" }

// DatedNames is true: log4brains names files YYYYMMDD-slug.md.
func (Log4brains) DatedNames() bool { return true }

const log4brainsTemplate = `# TITLE

- Status: STATUS
- Deciders: [list everyone involved in the decision]
- Date: DATE
- Tags: [space and/or comma separated list of tags]

## Context and Problem Statement

[Describe the context and the problem in two or three sentences, or as a question.]

## Considered Options

- [option 1]
- [option 2]

## Decision Outcome

Chosen option: "[option 1]", because [justification].
`

// SetStatus sets the "- Status:" item, or the front matter status.
func (Log4brains) SetStatus(src []byte, status string) ([]byte, error) {
	return setListStatus(src, status, '-'), nil
}
