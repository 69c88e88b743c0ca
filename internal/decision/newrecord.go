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
	// Format is the name of the format to write when there is no
	// Template: madr (MADR 4, the default), madr2, nygard or log4brains.
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
	format, tpl, err := d.start()
	if err != nil {
		return nil, "", err
	}
	out := format.Write(tpl, d)
	r, err := Parse(d.Record().ID+".md", "", out)
	if err != nil {
		return nil, "", fmt.Errorf("the template does not make a readable record: %w", err)
	}
	if r.Title != d.Title {
		return nil, "", fmt.Errorf("the template does not make a readable record: its title reads %q", r.Title)
	}
	return out, format.Name(), nil
}

// start returns the format to write and the template to start from: the
// site's template in the format it is written in, else the built-in
// template of d.Format.
func (d *Draft) start() (Format, []byte, error) {
	if d.Template == nil {
		f, ok := FormatNamed(cmp.Or(d.Format, FrontMatter{}.Name()))
		if !ok {
			return nil, nil, fmt.Errorf("unknown format %q; use madr, madr2, nygard or log4brains", d.Format)
		}
		return f, f.Template(), nil
	}
	doc, err := meta.Split("template.md", d.Template)
	if err != nil {
		return nil, nil, err
	}
	doc.File = "0000-template.md"
	for _, f := range formats {
		if f.Accepts(doc) {
			return f, d.Template, nil
		}
	}
	return FrontMatter{}, d.Template, nil // not reached: FrontMatter accepts every file
}

// status is the status the draft is written with, in lower case.
func (d *Draft) status() string {
	return cmp.Or(strings.ToLower(strings.TrimSpace(d.Status)), Proposed)
}

var tokenRE = regexp.MustCompile(`\b(?:NUMBER|TITLE|DATE|STATUS)\b`)

// fillTokens replaces adr-tools' template tokens with the draft's number,
// title and date, and with status as the format shows it.
func fillTokens(tpl []byte, d *Draft, status string) []byte {
	return tokenRE.ReplaceAllFunc(tpl, func(tok []byte) []byte {
		switch string(tok) {
		case "NUMBER":
			return []byte(strconv.Itoa(d.Number))
		case "TITLE":
			return []byte(d.Title)
		case "DATE":
			return []byte(d.Date.String())
		}
		return []byte(status)
	})
}

// draftLinks are the draft's relations as relation lines: "Supersedes "
// and "Amends " followed by a link to each record, written by link.
func draftLinks(d *Draft, link func(*Record) string) []string {
	var links []string
	for _, rel := range []struct {
		verb string
		rs   []*Record
	}{{"Supersedes", d.Supersedes}, {"Amends", d.Amends}} {
		for _, r := range rel.rs {
			links = append(links, rel.verb+" "+link(r))
		}
	}
	return links
}

// labelLink is a link to r as MADR writes it: "[ADR-0005](0005-title.md)";
// a record named by date, which has no number until Link, by its file name.
func labelLink(r *Record) string {
	if r.Dated {
		return idLink(r)
	}
	return "[" + r.Label() + "](" + r.ID + ".md)"
}

// idLink is a link to r by its file name, as log4brains writes it:
// "[20200420-x](20200420-x.md)".
func idLink(r *Record) string { return "[" + r.ID + "](" + r.ID + ".md)" }

// MarkSuperseded returns the file src of record old with its status
// changed to "superseded by" the record by, written as old's format
// writes it (see Format.Supersede). Every other byte stays.
func MarkSuperseded(old *Record, src []byte, by *Record) ([]byte, error) {
	out, err := formatOf(old.Format).Supersede(src, by)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", old.Source, err)
	}
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
	for _, f := range []Format{FrontMatter{}, Nygard{}, MADR2{}, Log4brains{}} {
		if counts[f.Name()] > counts[best] {
			best = f.Name()
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
