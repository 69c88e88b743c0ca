package decision

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/slug"
)

// Draft is a record about to be written by "waymark new adr".
type Draft struct {
	Title  string
	Number int  // the number in the file name; see NextNumber
	Dated  bool // name the file YYYYMMDD-slug.md after Date, as log4brains does
	Date   meta.Date
	Status string // default proposed
	// Format is the format to write when there is no Template: madr
	// (MADR 4, the default), madr2, nygard or log4brains.
	Format string
	// Template is the site's own template (decisions/template.md), or nil.
	// adr-tools' NUMBER, TITLE, DATE and STATUS are replaced; then the
	// heading, status, date and relations are set as the template's format
	// writes them.
	Template []byte
	// Supersedes and Amends are records in the draft's folder.
	Supersedes []*Record
	Amends     []*Record
}

// FileName is the draft's file name: 0012-use-go.md or 20240115-use-go.md.
func (d *Draft) FileName() string {
	if d.Dated {
		return fmt.Sprintf("%04d%02d%02d-%s.md", d.Date.Year, d.Date.Month, d.Date.Day, Slug(d.Title))
	}
	return fmt.Sprintf("%04d-%s.md", d.Number, Slug(d.Title))
}

// Record is the draft as a link target: number, id and title.
func (d *Draft) Record() *Record {
	return &Record{Number: d.Number, ID: strings.TrimSuffix(d.FileName(), ".md"), Title: d.Title, Dated: d.Dated}
}

// Render returns the new file and the name of its format.
func (d *Draft) Render() ([]byte, string, error) {
	if strings.TrimSpace(d.Title) == "" {
		return nil, "", errors.New("the title is empty")
	}
	status := cmp.Or(strings.ToLower(strings.TrimSpace(d.Status)), Proposed)
	tpl, format := d.Template, cmp.Or(d.Format, "madr")
	if tpl == nil {
		t, ok := builtinTemplates[format]
		if !ok {
			return nil, "", fmt.Errorf("unknown format %q; use madr, madr2, nygard or log4brains", format)
		}
		tpl = []byte(t)
	} else {
		doc, err := meta.Split("template.md", tpl)
		if err != nil {
			return nil, "", err
		}
		doc.File = "0000-template.md"
		for _, f := range formats {
			if f.Accepts(doc) {
				format = f.Name()
				break
			}
		}
	}
	shownStatus := status
	if format == "nygard" {
		shownStatus = VerbTitle(status)
	}
	date := d.Date.String()
	tpl = tokenRE.ReplaceAllFunc(tpl, func(tok []byte) []byte {
		switch string(tok) {
		case "NUMBER":
			return []byte(strconv.Itoa(d.Number))
		case "TITLE":
			return []byte(d.Title)
		case "DATE":
			return []byte(date)
		}
		return []byte(shownStatus)
	})
	f := newFile(tpl)
	self := d.Record()
	heading := d.Title
	if format == "nygard" && !d.Dated {
		heading = fmt.Sprintf("%d. %s", d.Number, d.Title)
	}
	f.setHeading(heading)
	var links []string
	for _, rel := range []struct {
		verb string
		rs   []*Record
	}{{"Supersedes", d.Supersedes}, {"Amends", d.Amends}} {
		for _, r := range rel.rs {
			links = append(links, rel.verb+" "+linkText(format, r))
		}
	}
	switch format {
	case "nygard":
		f.setNygardDate(date)
		head, from, to, ok := f.statusSection()
		switch w := f.statusWordLine(from, to); {
		case !ok:
			f.insert(f.headEnd(), "## Status", "", shownStatus, "")
		case w >= 0:
			f.set(w, shownStatus)
		default:
			f.appendToSection(head, to, shownStatus)
		}
		head, _, to, _ = f.statusSection()
		if len(links) > 0 {
			f.appendToSection(head, to, links...)
		}
	case "madr2", "log4brains":
		bullet := byte('*')
		if format == "log4brains" {
			bullet = '-'
		}
		f.setListItem("status", "Status", status, bullet)
		f.setListItem("date", "Date", date, bullet)
		if len(links) > 0 {
			f.addLinks(bullet, links...)
		}
	default:
		f.setFrontMatter("status", yamlScalar(status))
		f.setFrontMatter("date", date)
		if len(d.Supersedes) > 0 {
			f.setFrontMatter("supersedes", numbers(d.Supersedes))
		}
		if len(d.Amends) > 0 {
			f.setFrontMatter("amends", numbers(d.Amends))
		}
	}
	out := f.bytes()
	r, err := Parse(self.ID+".md", "", out)
	if err != nil {
		return nil, "", fmt.Errorf("the template does not make a readable record: %w", err)
	}
	if r.Title != d.Title {
		return nil, "", fmt.Errorf("the template does not make a readable record: its title reads %q", r.Title)
	}
	return out, format, nil
}

var tokenRE = regexp.MustCompile(`\b(?:NUMBER|TITLE|DATE|STATUS)\b`)

func numbers(rs []*Record) string {
	ns := make([]string, len(rs))
	for i, r := range rs {
		ns[i] = strconv.Itoa(r.Number)
	}
	return "[" + strings.Join(ns, ", ") + "]"
}

// linkText is a markdown link to r as records in format write it:
// "[5. Title](0005-title.md)" (adr-tools), "[20200420-x](20200420-x.md)"
// (log4brains) or "[ADR-0005](0005-title.md)" (MADR).
func linkText(format string, r *Record) string {
	target := r.ID + ".md"
	switch {
	case format == "log4brains" || r.Dated:
		return "[" + r.ID + "](" + target + ")"
	case format == "nygard":
		title := strings.NewReplacer("[", "(", "]", ")").Replace(r.Title)
		return fmt.Sprintf("[%d. %s](%s)", r.Number, title, target)
	}
	return "[" + r.Label() + "](" + target + ")"
}

// MarkSuperseded returns the file src of record old with its status
// changed to "superseded by" the record by, written as old's format
// writes it: the front matter status, the list item "* Status:", or the
// adr-tools status line (which adr-tools itself replaces with
// "Superseded by [5. Title](0005-title.md)"). Every other byte stays.
func MarkSuperseded(old *Record, src []byte, by *Record) ([]byte, error) {
	f := newFile(src)
	link := linkText(old.Format, by)
	switch {
	case f.frontMatterHas("status"):
		f.setFrontMatter("status", yamlScalar("superseded by "+link))
	case old.Format == "madr2" || old.Format == "log4brains":
		f.setListItem("status", "Status", "superseded by "+link, '*')
	case old.Format == "nygard":
		head, from, to, ok := f.statusSection()
		if !ok {
			return nil, fmt.Errorf("%s: no status section", old.Source)
		}
		if w := f.statusWordLine(from, to); w >= 0 {
			f.set(w, "Superseded by "+link)
		} else {
			f.appendToSection(head, to, "Superseded by "+link)
		}
	default:
		f.setFrontMatter("status", yamlScalar("superseded by "+link))
	}
	out := f.bytes()
	r, err := Parse(old.Source, old.Folder, out)
	if err != nil {
		return nil, fmt.Errorf("%s: marking it superseded would break it: %w", old.Source, err)
	}
	if !slices.ContainsFunc(r.Written, func(w Relation) bool {
		t, _ := refTarget(w.Ref)
		return w.Verb == VerbSupersededBy && (t.id == by.ID || !by.Dated && w.Number == by.Number)
	}) {
		return nil, fmt.Errorf("%s: could not mark it superseded in its %s format", old.Source, old.Format)
	}
	return out, nil
}

// frontMatterHas reports whether the front matter has a top-level key.
func (f *file) frontMatterHas(key string) bool {
	open, close, ok := f.frontMatter()
	if !ok {
		return false
	}
	for i := open + 1; i < close; i++ {
		if strings.HasPrefix(f.text(i), key+":") {
			return true
		}
	}
	return false
}

// NextNumber is the number for a new record among the given file names:
// one more than the highest, so numbers are never reused even after a
// record is deleted. log4brains names carry dates, not numbers.
func NextNumber(names []string) int {
	highest := 0
	for _, name := range names {
		if _, dated := DatedName(name); dated {
			continue
		}
		if n, _, ok := ParseFileName(name); ok {
			highest = max(highest, n)
		}
	}
	return highest + 1
}

// PrevalentFormat is the format most records are written in, or "" when
// there are none; ties go to madr, then nygard, madr2 and log4brains.
func PrevalentFormat(records []*Record) string {
	counts := map[string]int{}
	for _, r := range records {
		counts[r.Format]++
	}
	best := ""
	for _, name := range []string{"madr", "nygard", "madr2", "log4brains"} {
		if counts[name] > counts[best] {
			best = name
		}
	}
	return best
}

// Slug makes a file name part of a title: lower-case letters and digits,
// other runs of characters as one dash, at most 60 characters.
func Slug(title string) string {
	s := slug.Make(title)
	if len(s) > 60 {
		s = s[:60]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		if i := strings.LastIndexByte(s, '-'); i > 30 {
			s = s[:i]
		}
		s = strings.TrimSuffix(s, "-")
	}
	if s == "" {
		return "decision"
	}
	return s
}

// builtinTemplates are the files "waymark new adr" starts from.
var builtinTemplates = map[string]string{
	"madr": `---
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
`,
	"nygard": `# NUMBER. TITLE

Date: DATE

## Status

STATUS

## Context

What forces are at play, and why a decision is needed now.

## Decision

What we will do.

## Consequences

What becomes easier or harder because of it.
`,
	"madr2": `# TITLE

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
`,
	"log4brains": `# TITLE

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
`,
}
