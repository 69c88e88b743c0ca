package interchange

import (
	"fmt"
	"io"
	"io/fs"
	"strings"

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

// zalandoMoves maps Zalando's moved values to movements.
var zalandoMoves = map[int]string{-1: radar.MovedOut, 0: radar.NoMove, 1: radar.MovedIn, 2: radar.NewBlip}

func (im *importer) zalando(fsys fs.FS) *Result {
	data, top, ok := im.jsonFile(fsys)
	if !ok {
		return nil
	}
	date := im.o.Date
	if v, ok := top["date"]; ok {
		var s string
		if im.decode(data, v, &s, "date") && s != "" {
			d, err := parseDate(s)
			if err != nil {
				im.errorf(v.line, "write the date as YYYY-MM-DD", "%v", err)
			}
			date = d
		}
	}
	entries, ok := top["entries"]
	if !ok {
		im.errorf(1, `put the blips in a list under "entries"`, "no entries")
		return nil
	}
	res := &Result{}
	cfg := im.o.Config
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
			res.Skipped = append(res.Skipped, where+": inactive")
			continue
		}
		if e.Quadrant == nil || *e.Quadrant < 0 || *e.Quadrant >= len(cfg.Quadrants) {
			im.errorf(v.line, fmt.Sprintf("use 0 to %d, the quadrants of waymark.yaml in order", len(cfg.Quadrants)-1), "%s: quadrant %s is not one of the site's", where, intText(e.Quadrant))
			continue
		}
		if e.Ring == nil || *e.Ring < 0 || *e.Ring >= len(cfg.Rings) {
			im.errorf(v.line, fmt.Sprintf("use 0 to %d, the rings of waymark.yaml in order", len(cfg.Rings)-1), "%s: ring %s is not one of the site's", where, intText(e.Ring))
			continue
		}
		m, ok := zalandoMoves[e.Moved]
		if !ok {
			im.errorf(v.line, "use -1 (moved out), 0, 1 (moved in) or 2 (new)", "%s: moved %d is not understood", where, e.Moved)
			continue
		}
		b := &radar.Blip{ID: radar.Slug(e.Label), Title: e.Label, Quadrant: cfg.Quadrants[*e.Quadrant].ID, Ring: cfg.Rings[*e.Ring].ID}
		if m != radar.NoMove && date.IsZero() {
			im.errorf(v.line, `add "date": "YYYY-MM-DD" to the file or pass the edition date`, "%s is %s, but the file has no date", where, radar.MovementText(m))
			continue
		}
		if b.History, ok = im.history(b.Ring, m, date, "Zalando's moved"); !ok {
			im.errorf(v.line, "fix moved or the ring", "%s: %s, but there is no ring it could have come from", where, radar.MovementText(m))
			continue
		}
		if link := safeURL(strings.TrimSpace(e.Link)); strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "https://") {
			b.Body = []byte("More: <" + link + ">\n")
		}
		im.add(b, where, v.line)
	}
	res.Blips = im.blips
	return res
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
	moved := map[string]int{}
	for k, v := range zalandoMoves {
		moved[v] = k
	}
	active := true
	for _, b := range ex.r.Blips {
		q, r := ex.quadrantIndex(b.Quadrant), ex.ringIndex(b.Ring)
		f.Entries = append(f.Entries, zalandoEntry{Label: b.Title, Quadrant: &q, Ring: &r, Moved: moved[ex.r.Movement(b)],
			Link: ex.link(b), Active: &active})
	}
	return writeJSON(w, f)
}
