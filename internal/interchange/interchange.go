// Package interchange converts a radar to and from the formats other
// radar tools read and write, so that teams can move to waymark without
// retyping their radar, and feed waymark's radar to other tools. It does
// no I/O beyond the fs.FS and io.Writer it is given.
//
// # Import
//
// Import takes a source as it is. Each format states its own quadrants
// and rings (its shape); blips are read into that shape first, then
// placed in the site's:
//
//   - A site that lists no quadrants or rings of its own (Options.Adopt)
//     takes the source's: Result.Shape holds them, for waymark.yaml. A
//     segment the site's existing blips still use is kept, with a warning
//     naming the blip.
//   - Otherwise each of the source's names must match one of the site's
//     by id or title in any case, or be mapped with Options.MapQuadrants
//     and MapRings (--map-quadrant, --map-ring NAME=ID); all that match
//     nothing are one error listing the flag for each.
//
// Ids may hold letters of any script (avstå). A blip the site already has
// (Options.Existing, by id) becomes an Edition: the source's entries on
// dates its history lacks that change its ring, its text or its
// quadrant, each inserted in date order (an older edition goes between
// the entries around it; one newer than all moves the blip to its ring
// and quadrant); an entry on a date its history has is that edition
// imported before, so importing an edition twice changes nothing. Every other problem
// names the file and line (or row); an import with any is refused whole,
// and harmless oddities are Result.Warnings.
//
// History is kept as the source states it, never invented: every blip
// gets an entry for the edition, dated by the source or by Options.Date
// (an import with neither is refused and says to pass --date), with the
// source's movement in the entry's moved key where the rings do not show
// it (moved in, with no earlier ring known; listed, not new).
//
// # byor-csv (import and export)
//
// The CSV of Thoughtworks' Build Your Own Radar: a header row, then
// name,ring,quadrant,isNew,status,description, in any order. The shape is
// the ring and quadrant names the rows use; when all are the familiar
// ones (Adopt, Trial, Assess, Hold or Caution; Techniques, Tools,
// Platforms, Languages & Frameworks) they take the usual order, and
// Caution is the hold ring, titled Caution. isNew is TRUE or FALSE;
// status (New, Moved In, Moved Out, No Change) wins over it. The file is
// read as spreadsheets write it: a stray quote is text (a warning); a
// row with more fields than the header is read as unquoted commas in the
// name or description when exactly one reading gives a known ring,
// quadrant and status (a warning naming the row), else it is an error
// naming the likely cause. The description is HTML, converted to
// markdown by html-to-markdown (code spans, links and lists kept; unsafe
// links become their text; a <br> within text is a backslash line break,
// one between or at the edge of blocks is dropped); it is the new blip's
// body, or the added entry's note for a blip the site has. relatedBlips
// (Thoughtworks' volumes since 34) names related blips, separated by
// semicolons; those neither the source nor the site has are left out
// with a warning. Ring and quadrant names in lower case ("adopt",
// "languages-and-frameworks") take their usual titles. Export writes the
// blip's markdown rendered as HTML, and the related blips it names.
//
// # zalando-json (import and export)
//
// Zalando's tech radar entries: {"date", "entries": [{label, quadrant,
// ring, moved, link, active}]}, quadrant and ring being positions. Their
// names come from Options.QuadrantNames and RingNames (--quadrants,
// --rings); without them positions are the site's quadrants and rings in
// order, with a warning that says so. moved is -1 (out), 0, 1 (in) or 2
// (new). Inactive entries are skipped. The date is the edition's. The
// link is kept as the blip's link; export writes it back, or the blip's
// page.
//
// # backstage-json (import and export)
//
// The response of Backstage's tech-radar plugin: {quadrants: [{id, name}],
// rings: [{id, name, color, description}], entries: [{key, id, title,
// quadrant, url, links, description, timeline: [{moved, ringId, date,
// description}]}]}, each timeline newest first. The file's quadrants and
// rings are the shape (names, colours, descriptions). A timeline is the
// history (moved 1 in, -1 out, 0 none; its descriptions the notes); url
// is the blip's link, links are added to the body unless it has them.
//
// # aoe (import only)
//
// The AOE technology radar's release folders, radar/<YYYY-MM-DD>/<id>.md,
// with front matter title, ring, segment (quadrant before AOE's v5), tags
// and featured, beside config.json, whose segments (or quadrants) and
// rings are the shape. Each release a blip appears in is a history entry
// with that release's text; the newest text is the body. featured: false
// is drawn: false (listed, not drawn). Links between blips
// (/tools/playwright, ../tools/playwright.html, [[playwright]]) become
// links to the imported blips' files; one to a blip not imported stays a
// broken link that check reports. A release's links: ({url, name}) are
// added to the text. The texts are markdown and stay so: the blip page
// renders each release's note.
//
// # Export
//
// Export writes the site's radar; import → export → import → export gives
// the same export, and for BYOR the same blip files.
package interchange

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Format names.
const (
	BYORCSV       = "byor-csv"
	ZalandoJSON   = "zalando-json"
	BackstageJSON = "backstage-json"
	AOE           = "aoe"
)

// format is one other tool's radar format: how to read it and, when it
// can be written, how to write it. Each lives in a file of its own.
type format struct {
	name  string
	read  func(*importer, fs.FS)
	write func(*exporter, io.Writer) error // nil: import only
}

// formats are every format, in the order help texts list them. Adding a
// format is a file with its read and write methods and a line here.
var formats = []format{
	{BYORCSV, (*importer).byor, (*exporter).byor},
	{ZalandoJSON, (*importer).zalando, (*exporter).zalando},
	{BackstageJSON, (*importer).backstage, (*exporter).backstage},
	{AOE, (*importer).aoe, nil},
}

// ImportFormats lists the formats Import reads.
func ImportFormats() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.name)
	}
	return out
}

// ExportFormats lists the formats Export writes.
func ExportFormats() []string {
	var out []string
	for _, f := range formats {
		if f.write != nil {
			out = append(out, f.name)
		}
	}
	return out
}

// lookup returns the format named name.
func lookup(name string) (format, bool) {
	for _, f := range formats {
		if f.name == name {
			return f, true
		}
	}
	return format{}, false
}

// Options say how to import.
type Options struct {
	// Config is the site's configuration: its quadrants, rings and radar
	// folder.
	Config *config.Config
	// Adopt lets the import replace the site's quadrants and rings with
	// the source's (Result.Shape): the site has not customised its own.
	Adopt bool
	// Existing are the blips already in the site, parsed; an imported
	// blip with one of their ids becomes a new edition of it.
	Existing []*radar.Blip
	// MapQuadrants and MapRings map the source's names (id or title, in
	// any case) to the site's quadrant and ring ids.
	MapQuadrants, MapRings map[string]string
	// QuadrantNames and RingNames name the positions of a source that
	// only numbers its quadrants and rings (Zalando), in its order.
	QuadrantNames, RingNames []string
	// Date is the edition's date where the source carries none.
	Date meta.Date
	// Dir is the folder fsys reads, as the user named it; messages name
	// files under it. Empty names them as paths in fsys.
	Dir string
}

// Result is an import's outcome.
type Result struct {
	// Blips are the new blips, in source order, with Source set to
	// their file.
	Blips []*radar.Blip
	// Editions are what the import adds to blips the site already has.
	Editions []Edition
	// Shape, when not nil, is the quadrants and rings the site must have
	// for these blips: the source's own, adopted.
	Shape *Shape
	// Warnings are harmless oddities of the source, each naming its row.
	Warnings []*diag.Problem
	// Skipped is what was deliberately left out, for the user.
	Skipped []string
}

// Shape is a radar's quadrants and rings.
type Shape struct {
	Quadrants, Rings []radar.Segment
}

// Edition is a new edition of a blip the site has: the history entries
// to add (oldest first, each going in date order among the blip's), and
// the ring and quadrant they leave it in ("" where unchanged).
type Edition struct {
	Blip     *radar.Blip // the site's blip, as parsed
	Ring     string
	Quadrant string
	Moves    []radar.Move
}

// Import reads a radar in the given format from path in fsys: a file, or
// for aoe a folder. On any problem it returns every problem, joined, and
// no result.
func Import(format string, fsys fs.FS, path string, o Options) (*Result, error) {
	if o.Config == nil {
		return nil, errors.New("interchange: no configuration")
	}
	f, ok := lookup(format)
	if !ok {
		return nil, fmt.Errorf("unknown format %q; import reads %s", format, strings.Join(ImportFormats(), ", "))
	}
	im := &importer{o: o, file: path, res: &Result{}}
	f.read(im, fsys)
	im.finish() // also with problems: names that match nothing are reported with them
	if err := im.problems.Err(); err != nil {
		return nil, err
	}
	im.res.Warnings = im.problems.Warnings()
	return im.res, nil
}

// ExportOptions say how to export.
type ExportOptions struct {
	// BaseURL makes links absolute; without it they are site-relative.
	BaseURL string
	// Describe returns a blip's body as HTML, for formats that carry HTML;
	// nil uses the markdown as it is.
	Describe func(*radar.Blip) (string, error)
	// Date dates blips with no dates at all, where a format requires one.
	Date meta.Date
}

// Export writes r in the given format to w.
func Export(w io.Writer, format string, r *radar.Radar, o ExportOptions) error {
	f, ok := lookup(format)
	if !ok || f.write == nil {
		return fmt.Errorf("unknown format %q; export writes %s", format, strings.Join(ExportFormats(), ", "))
	}
	return f.write(&exporter{r: r, o: o}, w)
}

// importer collects one import's blips and problems. Importers fill
// pending with blips whose quadrant and ring ids are the source's own
// (src); finish maps them onto the site's shape and checks them.
type importer struct {
	o        Options
	file     string
	problems diag.List
	src      Shape // the source's own quadrants and rings
	// srcIsSite: the source names no quadrants or rings (Zalando without
	// names), so src is the site's own, in order.
	srcIsSite bool
	// familiar: the source's names are free text (BYOR), ordered and
	// matched as the familiar ones where they are.
	familiar bool
	pending  []*pending
	res      *Result
	html     *converter.Converter // made on first use
}

// pending is a blip as the source states it, not yet checked.
type pending struct {
	b     *radar.Blip // History notes hold each edition's text where textInNotes
	file  string
	where string
	line  int
	// textInNotes: the source's text belongs to its edition (BYOR, AOE):
	// a new blip's body is its newest text, and an edition of an
	// existing blip keeps its text in the appended entry.
	textInNotes bool
}

func (im *importer) errorf(line int, fix, format string, args ...any) {
	im.problems.Add(diag.Errorf(im.name(im.file), line, fix, format, args...))
}

func (im *importer) warnf(line int, fix, format string, args ...any) {
	im.problems.Add(diag.Warnf(im.name(im.file), line, fix, format, args...))
}

// name returns the path p of fsys as the user knows it.
func (im *importer) name(p string) string {
	if im.o.Dir == "" {
		return p
	}
	return filepath.Join(im.o.Dir, filepath.FromSlash(p))
}

// collect keeps a blip for finish.
func (im *importer) collect(b *radar.Blip, where string, line int, textInNotes bool) {
	if b.ID == "" {
		im.errorf(line, "give it a name with at least one letter or digit", "%s has no usable name", where)
		return
	}
	im.pending = append(im.pending, &pending{b: b, file: im.file, where: where, line: line, textInNotes: textInNotes})
}

// needDate returns the edition date for a source that states none of its
// own, reporting its absence once.
func (im *importer) needDate(line int) (meta.Date, bool) {
	if im.o.Date.IsZero() {
		im.errorf(line, "pass --date YYYY-MM-DD, the date of this edition of the radar", "the source does not say when this edition was published")
		return meta.Date{}, false
	}
	return im.o.Date, true
}

// exporter writes one radar.
type exporter struct {
	r *radar.Radar
	o ExportOptions
}

// link is where an exported blip points: the source's own page for it
// where the blip keeps one, else its page on the site.
func (ex *exporter) link(b *radar.Blip) string {
	if b.Link != "" {
		return b.Link
	}
	return ex.o.BaseURL + "radar/" + b.ID + "/"
}

func (ex *exporter) describe(b *radar.Blip) (string, error) {
	if ex.o.Describe == nil {
		return strings.TrimSpace(string(b.Body)), nil
	}
	s, err := ex.o.Describe(b)
	return strings.TrimSpace(s), err
}

// ringIndex and quadrantIndex return positions in the configured order.
func (ex *exporter) ringIndex(id string) int {
	return slices.IndexFunc(ex.r.Settings.Rings, func(s radar.Segment) bool { return s.ID == id })
}

func (ex *exporter) quadrantIndex(id string) int {
	return slices.IndexFunc(ex.r.Settings.Quadrants, func(s radar.Segment) bool { return s.ID == id })
}
