// Package interchange converts a radar to and from the formats other
// radar tools read and write, so that teams can move to waymark without
// retyping their radar, and feed waymark's radar to other tools.
//
// Import turns a source into blips (radar.Blip values with ids and source
// paths under the site's radar folder) and checks every one against the
// site's quadrants and rings; a source with any bad row yields errors
// naming the file and line (or row) and no blips at all, so nothing is
// half-imported. Export writes a radar. Neither does any I/O beyond the
// fs.FS and io.Writer it is given.
//
// # byor-csv (import and export)
//
// The CSV of Thoughtworks' Build Your Own Radar: a header row, then
// name,ring,quadrant,isNew,status,description. Columns are found by
// their header, in any order; ring and quadrant are display names ("Adopt",
// "Languages & Frameworks") or ids. isNew is TRUE or FALSE; status is
// New, Moved In, Moved Out or No Change and wins over isNew. The
// description is HTML; import turns it into markdown (paragraphs, line
// breaks, emphasis, links, code and lists; other tags are dropped, their
// text kept), export renders the blip's markdown as HTML.
//
// # zalando-json (import and export)
//
// The entries of Zalando's tech radar: {"date", "entries": [{label,
// quadrant, ring, moved, link, active}]}, where quadrant and ring are
// indexes (0–3) into the site's configured order and moved is -1 (moved
// out), 0, 1 (moved in) or 2 (new). Import skips inactive entries and keeps
// a link as a line of the body; export links each entry to its blip page.
//
// # backstage-json (import and export)
//
// The response of Backstage's tech-radar plugin: {quadrants: [{id, name}],
// rings: [{id, name, color, description}], entries: [{key, id, title,
// quadrant, url, links, description, timeline: [{moved, ringId, date,
// description}]}]} with each timeline newest first. A timeline becomes the
// blip's history (its descriptions the notes), the entry's description its
// body; quadrant and ring ids may also be matched through the file's own
// quadrant and ring names.
//
// # aoe (import only)
//
// The AOE technology radar's release folders, radar/<YYYY-MM-DD>/<id>.md,
// with front matter title, ring, quadrant, tags, featured. A blip's file in
// a later release overrides the earlier ones; every release it appears in
// becomes a history entry; the newest non-empty text becomes its body.
// featured: false blips are imported too: waymark's radar draws every
// blip. Other front matter keys are ignored.
//
// # Movement
//
// Formats that only flag a blip as new or moved (BYOR, Zalando) get history
// dated with the source's date, or Options.Date: a new blip has one entry;
// a moved one has two on that date, the first in the neighbouring ring it
// came from (noted as such), so that waymark derives the same marker.
package interchange

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

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

// ImportFormats lists the formats Import reads.
func ImportFormats() []string { return []string{BYORCSV, ZalandoJSON, BackstageJSON, AOE} }

// ExportFormats lists the formats Export writes.
func ExportFormats() []string { return []string{BYORCSV, ZalandoJSON, BackstageJSON} }

// Options say how to import.
type Options struct {
	// Config is the site's configuration: its quadrants, rings and radar
	// folder.
	Config *config.Config
	// Date dates the history of blips flagged new or moved by a source
	// that carries no date of its own.
	Date meta.Date
	// Dir is the folder fsys reads, as the user named it; messages name
	// files under it. Empty names them as paths in fsys.
	Dir string
}

// Result is an import's outcome.
type Result struct {
	Blips   []*radar.Blip // in source order, with Source set to their file
	Skipped []string      // what was deliberately left out, for the user
}

// Import reads a radar in the given format from path in fsys: a file, or
// for aoe a folder. On any problem it returns every problem, joined, and
// no blips.
func Import(format string, fsys fs.FS, path string, o Options) (*Result, error) {
	if o.Config == nil {
		return nil, errors.New("interchange: no configuration")
	}
	im := &importer{o: o, file: path, ids: map[string]string{}}
	var res *Result
	switch format {
	case BYORCSV:
		res = im.byor(fsys)
	case ZalandoJSON:
		res = im.zalando(fsys)
	case BackstageJSON:
		res = im.backstage(fsys)
	case AOE:
		res = im.aoe(fsys)
	default:
		return nil, fmt.Errorf("unknown format %q; import reads %s", format, strings.Join(ImportFormats(), ", "))
	}
	if err := im.problems.Err(); err != nil {
		return nil, err
	}
	return res, nil
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
	ex := &exporter{r: r, o: o}
	switch format {
	case BYORCSV:
		return ex.byor(w)
	case ZalandoJSON:
		return ex.zalando(w)
	case BackstageJSON:
		return ex.backstage(w)
	}
	return fmt.Errorf("unknown format %q; export writes %s", format, strings.Join(ExportFormats(), ", "))
}

// importer collects one import's blips and problems.
type importer struct {
	o        Options
	file     string
	problems diag.List
	ids      map[string]string // blip id → where it was first defined
	blips    []*radar.Blip
}

func (im *importer) errorf(line int, fix, format string, args ...any) {
	im.problems.Add(diag.Errorf(im.name(im.file), line, fix, format, args...))
}

// name returns the path p of fsys as the user knows it.
func (im *importer) name(p string) string {
	if im.o.Dir == "" {
		return p
	}
	return filepath.Join(im.o.Dir, filepath.FromSlash(p))
}

func titles(segs []radar.Segment) string {
	var out []string
	for _, s := range segs {
		out = append(out, fmt.Sprintf("%q", s.Title))
	}
	return strings.Join(out, ", ")
}

// quadrant and ring resolve a name, reporting an unknown one at line.
func (im *importer) quadrant(name string, line int) string {
	s, ok := radar.Match(im.o.Config.Quadrants, name)
	if !ok {
		im.errorf(line, "use one of "+titles(im.o.Config.Quadrants)+", or add the quadrant to waymark.yaml", "unknown quadrant %q", name)
	}
	return s.ID
}

func (im *importer) ring(name string, line int) string {
	s, ok := radar.Match(im.o.Config.Rings, name)
	if !ok {
		im.errorf(line, "use one of "+titles(im.o.Config.Rings)+", or add the ring to waymark.yaml", "unknown ring %q", name)
	}
	return s.ID
}

// add checks b and keeps it: its id must be new in this import, and the
// blip file it makes must parse.
func (im *importer) add(b *radar.Blip, where string, line int) {
	if b.ID == "" {
		im.errorf(line, "give it a name with at least one letter or digit", "%s has no usable name", where)
		return
	}
	if prev, ok := im.ids[b.ID]; ok {
		im.errorf(line, "rename one of them or remove the duplicate", "%s has the id %q, like %s", where, b.ID, prev)
		return
	}
	im.ids[b.ID] = where
	b.Source = im.o.Config.Radar + "/" + b.ID + ".md"
	if _, err := radar.Parse(b.Source, radar.Format(b), im.o.Config.RadarSettings()); err != nil {
		for _, p := range flatten(err) {
			im.errorf(line, p.Fix, "%s: %s", where, p.Message)
		}
		return
	}
	im.blips = append(im.blips, b)
}

func flatten(err error) []*diag.Problem {
	var out []*diag.Problem
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []*diag.Problem{diag.As("", err)}
}

// history returns the history that gives a blip in ring the movement m
// (radar.NewBlip, MovedIn, MovedOut or NoMove) as of date, or ok=false when
// no neighbouring ring exists to have moved from.
func (im *importer) history(ring, m string, date meta.Date, source string) (h []radar.Move, ok bool) {
	rings := im.o.Config.Rings
	i := slices.IndexFunc(rings, func(s radar.Segment) bool { return s.ID == ring })
	from := -1
	switch m {
	case radar.NoMove:
		return nil, true
	case radar.NewBlip:
		return []radar.Move{{Date: date, Ring: ring}}, true
	case radar.MovedIn:
		from = i + 1
	case radar.MovedOut:
		from = i - 1
	}
	if i < 0 || from < 0 || from >= len(rings) {
		return nil, false
	}
	return []radar.Move{
		{Date: date, Ring: rings[from].ID, Note: "ring before this edition, as " + source + " implies"},
		{Date: date, Ring: ring},
	}, true
}

// exporter writes one radar.
type exporter struct {
	r *radar.Radar
	o ExportOptions
}

func (ex *exporter) link(b *radar.Blip) string {
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
