package decision

import (
	"cmp"
	"errors"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// Format reads and writes one way of writing decision records. Each format
// is one file of this package, format_<name>.go, holding both directions;
// adding a format means adding that file and placing the format in the
// order Parse tries them.
type Format interface {
	// Name identifies the format in messages and in "waymark new adr
	// --format", e.g. "madr".
	Name() string
	// Accepts reports whether doc is written in this format.
	Accepts(doc *meta.Doc) bool
	// Read fills r from doc; r already has number, id and source.
	Read(doc *meta.Doc, r *Record) error

	// Template returns the file a new record starts from when the site
	// has no template of its own, with adr-tools' tokens NUMBER, TITLE,
	// DATE and STATUS.
	Template() []byte
	// Write returns tpl, a template in this format, made into the record
	// d: the tokens replaced, then the heading, status, date and the
	// relations to d.Supersedes and d.Amends set as the format writes
	// them. Draft.Render checks that the result reads back.
	Write(tpl []byte, d *Draft) []byte
	// Supersede returns src, a record in this format, with its status
	// changed to "superseded by" a link to by, written as the format
	// writes it; a status in front matter is changed there, since front
	// matter wins. Every other byte stays. MarkSuperseded checks that the
	// result reads back.
	Supersede(src []byte, by *Record) ([]byte, error)
	// SetStatus returns src, a record in this format, with its status
	// word changed to status (accepted, rejected, deprecated or
	// proposed) where the file states it, written as the file writes it
	// (capitalised if the old word was); a status in front matter is
	// changed there. Every other byte stays. ChangeStatus checks that the
	// result reads back.
	SetStatus(src []byte, status string) ([]byte, error)
	// ExtraStatus reports whether status, though not one of Statuses, is
	// one the format defines (log4brains' draft), so Link does not warn
	// about it.
	ExtraStatus(status string) bool
	// DatedNames reports whether the format names files YYYYMMDD-slug.md
	// rather than NNNN-slug.md, so that a new folder of its records is
	// named by date.
	DatedNames() bool
}

// formats are the formats tried, in order, by Parse. FrontMatter accepts
// every file, so it comes last.
var formats = [...]Format{Log4brains{}, MADR2{}, Nygard{}, FrontMatter{}}

// Formats returns the formats in the order Parse tries them, a fresh slice.
func Formats() []Format { return slices.Clone(formats[:]) }

// FormatNamed returns the format with the given name.
func FormatNamed(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name() == name {
			return f, true
		}
	}
	return nil, false
}

// formatOf returns the format named name; records built in code, with no
// format name, are MADR.
func formatOf(name string) Format {
	if f, ok := FormatNamed(name); ok {
		return f
	}
	return FrontMatter{}
}

// ErrNotRecord is returned, wrapped, by Parse for a file that is not a
// record: a template, a README, a draft left out of the site.
var ErrNotRecord = errors.New("not a decision record")

// notRecord is a problem that is ErrNotRecord.
type notRecord struct{ *diag.Problem }

func (e notRecord) Unwrap() error        { return e.Problem }
func (e notRecord) Is(target error) bool { return target == ErrNotRecord }

// Parse reads the record at path (relative to the site, used in messages)
// from src. folder is its category sub-folder, "" at the top level.
func Parse(path, folder string, src []byte) (*Record, error) {
	return ParseWith(path, folder, src, Reading{})
}

// ParseWith reads the record at p as Parse does, with a site's own status
// words and default status.
func ParseWith(p, folder string, src []byte, rd Reading) (*Record, error) {
	name := ReadName(p)
	if name.Kind == NotRecord {
		return nil, notRecord{diag.Errorf(p, 1, "name it NNNN-title.md", "%v: %s", ErrNotRecord, name.Why)}
	}
	return parse(p, folder, src, rd, name)
}

// ParseFolderRecord reads a record kept as a folder with its images,
// choosing-a-database/index.md or …/README.md: its id is the folder's
// name; folder is the category the record's folder is in.
func ParseFolderRecord(p, folder string, src []byte, rd Reading) (*Record, error) {
	return parse(p, folder, src, rd, Name{Kind: Plain, ID: path.Base(path.Dir(p))})
}

func parse(p, folder string, src []byte, rd Reading, name Name) (*Record, error) {
	doc, err := meta.Split(p, src)
	if err != nil {
		return nil, err
	}
	r := &Record{Number: name.Number, ID: name.ID, Folder: folder, Source: p, Lines: map[string]int{}}
	r.Dated = name.Kind != Numbered
	for _, f := range formats {
		if f.Accepts(doc) {
			r.Format = f.Name()
			if err := f.Read(doc, r); err != nil {
				return nil, err
			}
			break
		}
	}
	if r.Draft {
		return nil, notRecord{diag.Errorf(p, r.Line("draft"), "", "%v: draft: true keeps it out of the site", ErrNotRecord)}
	}
	t, bracketed := readTitle(r.Title, rd)
	if bracketed != "" {
		r.setStatus(bracketed, r.Line("title"))
	}
	r.Title, r.TitleText = t.plain, t.code
	if placeholder(r.Title) {
		r.Title, r.TitleText = "", ""
	}
	if isTemplateTitle(r.Title) {
		return nil, notRecord{diag.Errorf(p, 1, "", "%v: its title says it is a template", ErrNotRecord)}
	}
	r.readStatusText(rd)
	if r.Title == "" {
		r.Title = strings.ReplaceAll(strings.TrimLeft(name.ID, "0123456789-_"), "-", " ")
		if r.Title == "" {
			r.Title = name.ID
		}
		r.TitleText = r.Title
	}
	if r.Date.IsZero() && name.Kind == DatedFile {
		r.Date, r.DateSource = name.Date, "file name"
	}
	r.fillKinds()
	return r, nil
}

// readStatusText reads the status text the file states into the status,
// the author's word and a note; a record that states none is NotStated,
// or the site's default status.
func (r *Record) readStatusText(rd Reading) {
	r.statusLink()
	parts := rd.readStatus(r.Status)
	if parts.sentence {
		r.warn(r.Line("status"), "start the status with a word such as accepted, or map the folder's word in decisions.statuses in waymark.yaml",
			"the status %q starts with no status word; the record's status is not stated", parts.note)
	}
	r.Status, r.StatusWord = parts.status, parts.word
	r.StatusNote = strings.TrimSpace(parts.note + " " + r.StatusNote)
	if r.Status == "" && slices.ContainsFunc(r.Written, func(w Relation) bool { return w.Verb == VerbSupersededBy }) {
		r.Status = Superseded
	}
	if r.Status == "" {
		r.Status = cmp.Or(rd.DefaultStatus, NotStated)
	}
}

// madr is the front matter every format may have.
type madr struct {
	Title          text        `yaml:"title"`
	Status         text        `yaml:"status"`
	Date           text        `yaml:"date"`
	DecisionMakers list        `yaml:"decision-makers"`
	Deciders       list        `yaml:"deciders"`
	Consulted      list        `yaml:"consulted"`
	Informed       list        `yaml:"informed"`
	Tags           list        `yaml:"tags"`
	Supersedes     refs        `yaml:"supersedes"`
	Amends         refs        `yaml:"amends"`
	Related        refs        `yaml:"related"`
	Blips          list        `yaml:"blips"`
	Exceptions     []exception `yaml:"exceptions"`
	Review         text        `yaml:"review"`
}

var frontMatterKeys = []string{"title", "status", "date", "decision-makers", "deciders", "consulted", "informed", "tags", "supersedes", "amends", "related", "blips", "exceptions", "review"}

// readFrontMatter decodes the front matter, which every format may have.
func readFrontMatter(doc *meta.Doc, r *Record) error {
	if doc.Meta == nil {
		return nil
	}
	node, err := r.foreignKeys(doc)
	if err != nil {
		return err
	}
	var fm madr
	if err := meta.Decode(doc.File, doc.MetaLine-1, node, &fm); err != nil {
		return err
	}
	for _, k := range frontMatterKeys {
		r.Lines[k] = doc.Line(k)
	}
	r.Title = string(fm.Title)
	r.setStatus(string(fm.Status), r.Lines["status"])
	if fm.Date != "" {
		d, err := meta.ParseDate(string(fm.Date))
		if err != nil {
			return diag.Errorf(doc.File, doc.Line("date"), "write it as YYYY-MM-DD", "%v", err)
		}
		r.Date = d
	}
	if r.Review, err = ParseReview(string(fm.Review)); err != nil {
		return diag.Errorf(doc.File, doc.Line("review"), "write a date, YYYY-MM-DD, or a number of months after the record's date", "%v", err)
	}
	r.DecisionMakers = append(fm.DecisionMakers, fm.Deciders...)
	r.Consulted, r.Informed, r.Tags, r.Blips = fm.Consulted, fm.Informed, fm.Tags, fm.Blips
	offset := doc.MetaLine - 1
	exceptions, err := readExceptions(doc.File, offset, fm.Exceptions)
	if err != nil {
		return err
	}
	r.Exceptions = exceptions
	for _, rel := range []struct {
		verb string
		refs refs
	}{{VerbSupersedes, fm.Supersedes}, {VerbAmends, fm.Amends}, {VerbRelatesTo, fm.Related}} {
		for _, ref := range rel.refs {
			r.write(rel.verb, ref.value, offset+ref.line)
		}
	}
	return nil
}

// setStatus reads a status value such as "accepted" or "superseded by
// [ADR-0005](0005-x.md)", written at line, unless a status is already set
// (front matter wins over the body).
func (r *Record) setStatus(v string, line int) {
	v = strings.TrimSpace(stripComments(v))
	if v == "" || placeholder(v) {
		return
	}
	if verb, target, ok := statusRelation(v); ok {
		r.write(verb, target, line)
		v = Superseded
	}
	if r.Status == "" {
		r.Status = v
		r.Lines["status"] = line
	}
}

// statusRelation reads statuses like "superseded by [ADR-0005](0005-x.md)"
// or "Superceded by ADR-0005".
func statusRelation(status string) (verb, target string, ok bool) {
	s := strings.TrimSpace(status)
	lower := strings.ToLower(s)
	for _, prefix := range []string{"superseded by", "superceded by", "superseeded by"} {
		if strings.HasPrefix(lower, prefix) {
			target := strings.TrimSpace(s[len(prefix):])
			if _, ok := refTarget(target); ok {
				return VerbSupersededBy, target, true
			}
		}
	}
	return "", "", false
}

// write records a relation the file states.
func (r *Record) write(verb, ref string, line int) {
	verb = NormalVerb(verb)
	t, ok := refTarget(ref)
	if !ok || verb == "" {
		return
	}
	folder := r.Folder
	if t.dir != "" {
		folder = path.Join(r.Folder, t.dir)
	}
	rel := Relation{Verb: verb, Folder: folder, Number: t.number, Ref: strings.TrimSpace(ref), Line: line}
	if t.file != "" && r.Source != "" {
		// a link resolves against the record's own path, whatever the
		// folders in it: ../../decisions/adr/0005-x.md
		rel.path = path.Join(path.Dir(r.Source), t.file)
	}
	r.Written = append(r.Written, rel)
}

// fillKinds sets Supersedes, SupersededBy, Amends, AmendedBy and Related
// from the relations written in the file.
func (r *Record) fillKinds() {
	for _, rel := range r.Written {
		if rel.Number == 0 || rel.Folder != r.Folder {
			continue
		}
		if p := r.kind(rel.Verb); p != nil {
			*p = append(*p, rel.Number) // as written; Link removes repeats
		}
	}
}

// kind returns the field that holds relations with verb, or nil.
func (r *Record) kind(verb string) *[]int {
	switch verb {
	case VerbSupersedes:
		return &r.Supersedes
	case VerbSupersededBy:
		return &r.SupersededBy
	case VerbAmends:
		return &r.Amends
	case VerbAmendedBy:
		return &r.AmendedBy
	case VerbRelatesTo:
		return &r.Related
	}
	return nil
}

func appendNew(ns []int, n int) []int {
	for _, x := range ns {
		if x == n {
			return ns
		}
	}
	return append(ns, n)
}

// warn records a problem found while parsing; Link reports it.
func (r *Record) warn(line int, fix, format string, args ...any) {
	r.warnings = append(r.warnings, diag.Warnf(r.Source, line, fix, format, args...))
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// statusLinkRE is a status written as a link to where it was decided:
// "[Accepted](https://git.example.com/pull/12)".
var statusLinkRE = regexp.MustCompile(`^\s*\[([^\[\]]+)\]\((https?://[^()\s]+)\)(.*)$`)

// statusLink reads a status written as a link to a web page (the pull
// request that accepted it): the link's text is the status, the page a
// reference "decided in" shown with the record.
func (r *Record) statusLink() {
	m := statusLinkRE.FindStringSubmatch(r.Status)
	if m == nil {
		return
	}
	r.Status = strings.TrimSpace(m[1] + m[3])
	r.References = append(r.References, Reference{Verb: "decided in", Text: strings.TrimSpace(m[1]), URL: m[2], Line: r.Line("status")})
}
