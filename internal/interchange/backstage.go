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

func (im *importer) backstage(fsys fs.FS) *Result {
	data, top, ok := im.jsonFile(fsys)
	if !ok {
		return nil
	}
	// The file's own quadrants and rings let ids be matched by name.
	names := map[string]map[string]string{"quadrants": {}, "rings": {}}
	for key := range names {
		if v, ok := top[key]; ok {
			var segs []backstageSegment
			if im.decode(data, v, &segs, key) {
				for _, s := range segs {
					names[key][s.ID] = s.Name
				}
			}
		}
	}
	resolve := func(segs []radar.Segment, key, id string, line int, what string) string {
		if _, ok := radar.Match(segs, id); !ok && names[key][id] != "" {
			if s, ok := radar.Match(segs, names[key][id]); ok {
				return s.ID
			}
		}
		if what == "quadrant" {
			return im.quadrant(id, line)
		}
		return im.ring(id, line)
	}
	entries, ok := top["entries"]
	if !ok {
		im.errorf(1, `put the blips in a list under "entries"`, "no entries")
		return nil
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
		if b.Quadrant = resolve(im.o.Config.Quadrants, "quadrants", e.Quadrant, v.line, "quadrant"); b.Quadrant == "" {
			continue
		}
		if len(e.Timeline) == 0 {
			im.errorf(v.line, "give the entry a timeline with at least its current ring", "%s has no timeline", where)
			continue
		}
		bad := false
		for _, m := range slices.Backward(e.Timeline) { // the file lists the newest first
			d, err := parseDate(m.Date)
			ring := resolve(im.o.Config.Rings, "rings", m.RingID, v.line, "ring")
			if err != nil {
				im.errorf(v.line, "write timeline dates as YYYY-MM-DD", "%s: %v", where, err)
			}
			if err != nil || ring == "" {
				bad = true
				continue
			}
			b.History = append(b.History, radar.Move{Date: d, Ring: ring, Note: strings.TrimSpace(m.Description)})
		}
		if bad {
			continue
		}
		slices.SortStableFunc(b.History, func(x, y radar.Move) int { return x.Date.Compare(y.Date) })
		b.Ring = b.History[len(b.History)-1].Ring
		body := strings.TrimSpace(e.Description)
		for _, l := range e.Links {
			if u := safeURL(strings.TrimSpace(l.URL)); u != "" {
				body += fmt.Sprintf("\n\n[%s](%s)", escape(cmpOr(strings.TrimSpace(l.Title), u)), u)
			}
		}
		b.Body = []byte(strings.TrimSpace(body) + "\n")
		im.add(b, where, v.line)
	}
	return &Result{Blips: im.blips}
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
			moved := 0
			if i > 0 {
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
