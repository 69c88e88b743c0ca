package interchange

import (
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

type zalandoFile struct {
	Date    string         `json:"date"`
	Entries []zalandoEntry `json:"entries"`
}

type zalandoEntry struct {
	Label    string `json:"label"`
	Quadrant *int   `json:"quadrant"`
	Ring     *int   `json:"ring"`
	Moved    int    `json:"moved"`
	Link     string `json:"link,omitempty"`
	Active   *bool  `json:"active,omitempty"`
}

// zalandoMoves maps Zalando's moved values to a history entry's moved.
var zalandoMoves = map[int]string{-1: "out", 0: "none", 1: "in", 2: "new"}

// movedBySign reads a moved value a source does not define by its sign:
// above zero moved in, below moved out. A radar drawn from the same file
// reads it the same way, so one odd value refuses nothing.
func movedBySign(n int) string {
	switch {
	case n > 0:
		return "in"
	case n < 0:
		return "out"
	}
	return "none"
}

func (im *importer) zalando(fsys fs.FS) {
	data, top, ok := im.jsonFile(fsys)
	if !ok {
		return
	}
	var date meta.Date
	if v, ok := top["date"]; ok {
		var s string
		if im.decode(data, v, &s, "date") && s != "" {
			d, err := parseDate(s)
			if err != nil {
				im.errorf(v.line, "write the date as YYYY-MM-DD", "%v", err)
				return
			}
			date = d
			if !im.o.Date.IsZero() && im.o.Date != d {
				im.warnf(v.line, "leave out --date for a file that has its own", "the file's date %s is the edition's; --date %s is not used", d, im.o.Date)
			}
		}
	}
	if date.IsZero() {
		if date, ok = im.needDate(1); !ok {
			return
		}
	}
	entries, ok := top["entries"]
	if !ok {
		im.errorf(1, `put the blips in a list under "entries"`, "no entries")
		return
	}
	quadrants, rings := im.zalandoShape()
	for i, v := range im.elements(data, entries, "entries") {
		var e zalandoEntry
		where := fmt.Sprintf("entries[%d]", i)
		if !im.decode(data, v, &e, where) {
			continue
		}
		e.Label = strings.TrimSpace(e.Label)
		if e.Label == "" {
			im.errorf(v.line, "give every entry a label", "%s has no label", where)
			continue
		}
		where = fmt.Sprintf("entries[%d] (%s)", i, e.Label)
		if e.Active != nil && !*e.Active {
			im.res.Skipped = append(im.res.Skipped, where+": inactive")
			continue
		}
		if e.Quadrant == nil || *e.Quadrant < 0 || *e.Quadrant >= len(quadrants) {
			im.errorf(v.line, fmt.Sprintf("use 0 to %d, or name more quadrants with --quadrants", len(quadrants)-1), "%s: quadrant %s is not one of the %d named", where, intText(e.Quadrant), len(quadrants))
			continue
		}
		if e.Ring == nil || *e.Ring < 0 || *e.Ring >= len(rings) {
			im.errorf(v.line, fmt.Sprintf("use 0 to %d, or name more rings with --rings", len(rings)-1), "%s: ring %s is not one of the %d named", where, intText(e.Ring), len(rings))
			continue
		}
		m, ok := zalandoMoves[e.Moved]
		if !ok {
			m = movedBySign(e.Moved)
			im.warnf(v.line, "use -1 (moved out), 0, 1 (moved in) or 2 (new)", "%s: moved %d is not one of Zalando's values; read as moved %s", where, e.Moved, m)
		}
		ring := rings[*e.Ring]
		b := &radar.Blip{ID: radar.Slug(e.Label), Title: e.Label, Quadrant: quadrants[*e.Quadrant], Ring: ring,
			History: []radar.Move{{Date: date, Ring: ring, Moved: m}}}
		if link := safeURL(strings.TrimSpace(e.Link)); strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "https://") {
			b.Link = link
		}
		im.collect(b, where, v.line, false)
	}
}

// zalandoShape returns the source ids of Zalando's quadrant and ring
// positions: the names --quadrants and --rings give, or else the site's
// own in order, with a warning that says so.
func (im *importer) zalandoShape() (quadrants, rings []string) {
	cfg := im.o.Config
	if len(im.o.QuadrantNames) == 0 || len(im.o.RingNames) == 0 {
		im.srcIsSite = true
		im.src = Shape{Quadrants: cfg.Quadrants, Rings: cfg.Rings}
		im.warnf(0, `name them as the radar does, in its order: --quadrants "A,B,C,D" --rings "Adopt,Trial,Assess,Hold"`,
			"the file numbers its quadrants and rings without naming them; positions were mapped onto the site's in order (quadrants %s; rings %s)",
			positions(cfg.Quadrants), positions(cfg.Rings))
		for _, q := range cfg.Quadrants {
			quadrants = append(quadrants, q.ID)
		}
		for _, r := range cfg.Rings {
			rings = append(rings, r.ID)
		}
		return quadrants, rings
	}
	for _, n := range im.o.QuadrantNames {
		quadrants = append(quadrants, im.srcQuadrant(n))
	}
	for _, n := range im.o.RingNames {
		rings = append(rings, im.srcRing(n))
	}
	return quadrants, rings
}

// positions lists segments as "0 = Adopt, 1 = Trial".
func positions(segs []radar.Segment) string {
	var out []string
	for i, s := range segs {
		out = append(out, fmt.Sprintf("%d = %s", i, s.Title))
	}
	return strings.Join(out, ", ")
}

func intText(p *int) string {
	if p == nil {
		return "(missing)"
	}
	return fmt.Sprint(*p)
}

func (ex *exporter) zalando(w io.Writer) error {
	cfg := ex.r.Settings
	if len(cfg.Quadrants) > 4 || len(cfg.Rings) > 4 {
		return fmt.Errorf("zalando-json holds at most 4 quadrants and 4 rings; this site has %d quadrants and %d rings", len(cfg.Quadrants), len(cfg.Rings))
	}
	f := zalandoFile{Date: ex.r.Edition.String(), Entries: []zalandoEntry{}}
	moved := map[string]int{radar.MovedOut: -1, radar.NoMove: 0, radar.MovedIn: 1, radar.NewBlip: 2}
	active := true
	for _, b := range ex.r.Blips {
		q, r := ex.quadrantIndex(b.Quadrant), ex.ringIndex(b.Ring)
		f.Entries = append(f.Entries, zalandoEntry{Label: b.Title, Quadrant: &q, Ring: &r, Moved: moved[ex.r.Movement(b)],
			Link: ex.link(b), Active: &active})
	}
	return writeJSON(w, f)
}
