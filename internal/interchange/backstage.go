package interchange

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

type backstageFile struct {
	Quadrants []backstageSegment `json:"quadrants"`
	Rings     []backstageSegment `json:"rings"`
	Entries   []backstageEntry   `json:"entries"`
}

type backstageSegment struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Color       string `json:"color,omitempty"`
	Description string `json:"description,omitempty"`
}

type backstageEntry struct {
	Key         string          `json:"key"`
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Quadrant    string          `json:"quadrant"`
	URL         string          `json:"url,omitempty"`
	Links       []backstageLink `json:"links,omitempty"`
	Description string          `json:"description,omitempty"`
	Timeline    []backstageMove `json:"timeline"`
}

type backstageLink struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

type backstageMove struct {
	Moved       int    `json:"moved"`
	RingID      string `json:"ringId"`
	Date        string `json:"date"`
	Description string `json:"description,omitempty"`
}

// backstageColors are the ring colours of Backstage's sample radar, for
// rings that name none.
var backstageColors = []string{"#93c47d", "#93d2c2", "#fbdb84", "#efafa9", "#c9c9c9", "#b4a7d6", "#a4c2f4", "#ea9999"}

// backstageMoves maps Backstage's moved values to a history entry's moved.
var backstageMoves = map[int]string{1: "in", 0: "none", -1: "out"}

func (im *importer) backstage(fsys fs.FS) {
	data, top, ok := im.jsonFile(fsys)
	if !ok {
		return
	}
	// The file's own quadrants and rings are the source's shape; without
	// them, the names its entries use are.
	defined := map[string]bool{}
	for key, segs := range map[string]*[]radar.Segment{"quadrants": &im.src.Quadrants, "rings": &im.src.Rings} {
		v, ok := top[key]
		if !ok {
			continue
		}
		var list []backstageSegment
		if !im.decode(data, v, &list, key) {
			continue
		}
		defined[key] = len(list) > 0
		for _, s := range list {
			color := ""
			if radar.ValidColor(s.Color) {
				color = s.Color
			}
			id := srcSegment(segs, cmpOr(strings.TrimSpace(s.ID), s.Name), color)
			if i := slices.IndexFunc(*segs, func(x radar.Segment) bool { return x.ID == id }); i >= 0 {
				(*segs)[i].Title = cmpOr(strings.TrimSpace(s.Name), (*segs)[i].Title)
				(*segs)[i].Description = strings.TrimSpace(s.Description)
			}
		}
	}
	segment := func(key, name string, line int, where string) string {
		segs := map[string]*[]radar.Segment{"quadrants": &im.src.Quadrants, "rings": &im.src.Rings}[key]
		if defined[key] {
			if s, ok := radar.Match(*segs, name); ok {
				return s.ID
			}
			im.errorf(line, "use one of the file's "+key+": "+radar.IDs(*segs), "%s: %q is not one of the file's %s", where, name, key)
			return ""
		}
		id := srcSegment(segs, name, "")
		if id == "" {
			im.errorf(line, "name the entry's "+strings.TrimSuffix(key, "s"), "%s has no %s", where, strings.TrimSuffix(key, "s"))
		}
		return id
	}
	entries, ok := top["entries"]
	if !ok {
		im.errorf(1, `put the blips in a list under "entries"`, "no entries")
		return
	}
	for i, v := range im.elements(data, entries, "entries") {
		var e backstageEntry
		where := fmt.Sprintf("entries[%d]", i)
		if !im.decode(data, v, &e, where) {
			continue
		}
		id := cmpOr(strings.TrimSpace(e.ID), strings.TrimSpace(e.Key))
		title := cmpOr(strings.TrimSpace(e.Title), id)
		if title == "" {
			im.errorf(v.line, "give every entry an id and a title", "%s has no id and no title", where)
			continue
		}
		where = fmt.Sprintf("entries[%d] (%s)", i, title)
		b := &radar.Blip{ID: radar.Slug(cmpOr(id, title)), Title: title}
		if b.Quadrant = segment("quadrants", e.Quadrant, v.line, where); b.Quadrant == "" {
			continue
		}
		if len(e.Timeline) == 0 {
			im.errorf(v.line, "give the entry a timeline with at least its current ring", "%s has no timeline", where)
			continue
		}
		bad := false
		for _, m := range slices.Backward(e.Timeline) { // the file lists the newest first
			ring := segment("rings", m.RingID, v.line, where)
			d, err := parseDate(m.Date)
			if strings.TrimSpace(m.Date) == "" {
				d, err = im.o.Date, nil
				if d.IsZero() {
					im.errorf(v.line, "date every timeline entry, or pass --date YYYY-MM-DD for those without", "%s: a timeline entry has no date", where)
					bad = true
					continue
				}
			}
			if err != nil {
				im.errorf(v.line, "write timeline dates as YYYY-MM-DD", "%s: %v", where, err)
			}
			moved, known := backstageMoves[m.Moved]
			if !known {
				moved = movedBySign(m.Moved)
				im.warnf(v.line, "use 1 (moved in), 0 or -1 (moved out)", "%s: moved %d is not one of Backstage's values; read as moved %s", where, m.Moved, moved)
			}
			if err != nil || ring == "" {
				bad = true
				continue
			}
			b.History = append(b.History, radar.Move{Date: d, Ring: ring, Moved: moved, Note: strings.TrimSpace(m.Description)})
		}
		if bad {
			continue
		}
		slices.SortStableFunc(b.History, func(x, y radar.Move) int { return x.Date.Compare(y.Date) })
		b.Ring = b.History[len(b.History)-1].Ring
		if u := strings.TrimSpace(e.URL); radarWebURL(u) {
			b.Link = u
		}
		body := strings.TrimSpace(e.Description)
		for _, l := range e.Links {
			// A link already in the text is not added again, so that an
			// export imported once more gives the same text.
			if u := linkTarget(safeURL(strings.TrimSpace(l.URL))); u != "" && !strings.Contains(body, "("+u+")") {
				body += fmt.Sprintf("\n\n[%s](%s)", escape(cmpOr(strings.TrimSpace(l.Title), u)), u)
			}
		}
		if body = strings.TrimSpace(body); body != "" {
			b.Body = []byte(body + "\n")
		}
		im.collect(b, where, v.line, false)
	}
}

// radarWebURL reports whether u is an http(s) URL a blip's link may hold.
func radarWebURL(u string) bool {
	return safeURL(u) != "" && (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://"))
}

func (ex *exporter) backstage(w io.Writer) error {
	cfg := ex.r.Settings
	f := backstageFile{Entries: []backstageEntry{}}
	for _, q := range cfg.Quadrants {
		f.Quadrants = append(f.Quadrants, backstageSegment{ID: q.ID, Name: q.Title})
	}
	for i, r := range cfg.Rings {
		f.Rings = append(f.Rings, backstageSegment{ID: r.ID, Name: r.Title, Color: cmpOr(r.Color, backstageColors[i]), Description: r.Description})
	}
	for _, b := range ex.r.Blips {
		e := backstageEntry{Key: b.ID, ID: b.ID, Title: b.Title, Quadrant: b.Quadrant, URL: ex.link(b),
			Description: strings.TrimSpace(string(b.Body))}
		history := slices.Clone(b.History)
		if n := len(history); n == 0 || history[n-1].Ring != b.Ring {
			d := b.Reviewed
			for _, fallback := range []meta.Date{ex.r.Edition, ex.o.Date} {
				if d.IsZero() || (n > 0 && d.Compare(history[n-1].Date) < 0) {
					d = fallback
				}
			}
			history = append(history, radar.Move{Date: d, Ring: b.Ring})
		}
		for i, m := range history {
			moved, stated := map[string]int{"in": 1, "out": -1}[m.Moved], m.Moved != ""
			if i > 0 && !stated {
				switch prev, cur := ex.ringIndex(history[i-1].Ring), ex.ringIndex(m.Ring); {
				case cur < prev:
					moved = 1
				case cur > prev:
					moved = -1
				}
			}
			e.Timeline = append(e.Timeline, backstageMove{Moved: moved, RingID: m.Ring, Date: m.Date.String(), Description: m.Note})
		}
		slices.Reverse(e.Timeline)
		f.Entries = append(f.Entries, e)
	}
	return writeJSON(w, f)
}
