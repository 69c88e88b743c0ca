package interchange

import (
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/radar"
)

// finish maps the pending blips onto the site's shape (or the adopted
// one), makes new blips of those the site lacks and editions of those it
// has, and checks that every new blip file parses.
func (im *importer) finish() {
	target, qmap, rmap, ok := im.shape(im.familiar)
	if !ok {
		return
	}
	settings := im.o.Config.RadarSettings()
	settings.Quadrants, settings.Rings = target.Quadrants, target.Rings
	if slices.ContainsFunc(settings.Adopting, func(id string) bool { _, ok := settings.Ring(id); return !ok }) {
		settings.Adopting = nil
		for _, r := range target.Rings[:min(2, len(target.Rings))] {
			settings.Adopting = append(settings.Adopting, r.ID)
		}
	}
	existing := map[string]*radar.Blip{}
	for _, e := range im.o.Existing {
		existing[e.ID] = e
	}
	known := map[string]bool{}
	for _, p := range im.pending {
		known[p.b.ID] = true
	}
	for id := range existing {
		known[id] = true
	}
	seen := map[string]string{}
	for _, p := range im.pending {
		b := p.b
		im.file = p.file
		if prev, ok := seen[b.ID]; ok {
			im.errorf(p.line, "rename one of them or remove the duplicate", "%s has the id %q, like %s", p.where, b.ID, prev)
			continue
		}
		seen[b.ID] = p.where
		b.Quadrant, b.Ring = qmap[b.Quadrant], rmap[b.Ring]
		for i := range b.History {
			b.History[i].Ring = rmap[b.History[i].Ring]
		}
		im.related(p, known)
		if e := existing[b.ID]; e != nil {
			im.edition(p, e, target.Rings)
			continue
		}
		if p.textInNotes {
			bodyFromNotes(b)
		}
		settle(b.History, nil, target.Rings)
		b.Source = im.o.Config.Radar + "/" + b.ID + ".md"
		if _, err := radar.Parse(b.Source, radar.Format(b), settings); err != nil {
			problems, _ := diag.Split(err)
			for _, pr := range problems {
				im.errorf(p.line, pr.Fix, "%s: %s", p.where, pr.Message)
			}
			continue
		}
		im.res.Blips = append(im.res.Blips, b)
	}
}

// related keeps the related blips of p that the import or the site has;
// the others (the source names blips of earlier editions it does not
// carry) and p itself are left out with a warning.
func (im *importer) related(p *pending, known map[string]bool) {
	var kept []string
	for _, id := range p.b.Related {
		switch {
		case id == p.b.ID:
			im.warnf(p.line, "", "%s names itself as related; left out", p.where)
		case !known[id]:
			im.warnf(p.line, "import the edition that has it, then add it to related: by hand", "%s: related blip %q is neither in the source nor in the site; left out", p.where, id)
		default:
			kept = append(kept, id)
		}
	}
	p.b.Related = kept
}

// bodyFromNotes makes the newest edition's text the body of a new blip;
// the older editions' texts stay in their history entries.
func bodyFromNotes(b *radar.Blip) {
	for i, m := range slices.Backward(b.History) {
		if strings.TrimSpace(m.Note) != "" {
			b.Body = []byte(strings.TrimSpace(m.Note) + "\n")
			b.History[i].Note = ""
			return
		}
	}
}

// edition appends what p's history adds to the site's blip e: entries
// newer than e's history that change its ring or its text. An entry on a
// date e's history already has is that edition imported before; one
// older than e's newest entry is out of order and left out, with a
// warning. Nothing else of e changes.
func (im *importer) edition(p *pending, e *radar.Blip, rings []radar.Segment) {
	var latest radar.Move
	if n := len(e.History); n > 0 {
		latest = e.History[n-1]
	}
	ring, text := e.Ring, currentText(e)
	var moves []radar.Move
	for _, m := range p.b.History {
		if slices.ContainsFunc(e.History, func(x radar.Move) bool { return x.Date == m.Date }) {
			continue
		}
		if m.Date.Compare(latest.Date) < 0 {
			im.warnf(p.line, "import editions oldest first", "%s: the edition of %s is older than %s's history (%s); left out", p.where, m.Date, e.Source, latest.Date)
			continue
		}
		note := strings.TrimSpace(m.Note)
		if !p.textInNotes && note == "" && m.Ring == ring {
			continue
		}
		if p.textInNotes {
			if note == text {
				note = ""
			} else if note != "" {
				text = note
			}
		}
		if m.Ring == ring && note == "" {
			continue
		}
		m.Note = note
		moves = append(moves, m)
		ring = m.Ring
	}
	if p.b.Quadrant != e.Quadrant {
		im.warnf(p.line, "move the blip by hand if it moved", "%s is in quadrant %q in the source, %q in %s; its quadrant is left as it is", p.where, p.b.Quadrant, e.Quadrant, e.Source)
	}
	if len(moves) == 0 {
		return
	}
	settle(moves, e.History, rings)
	im.res.Editions = append(im.res.Editions, Edition{Blip: e, Ring: ring, Moves: moves})
}

// currentText is the newest text a blip has: its newest history note, or
// its body.
func currentText(b *radar.Blip) string {
	for _, m := range slices.Backward(b.History) {
		if n := strings.TrimSpace(m.Note); n != "" {
			return n
		}
	}
	return strings.TrimSpace(string(b.Body))
}

// settle keeps an entry's stated movement (moved) only where the rings
// do not already say it: a first entry is new, a later one moved in or
// out when its ring is nearer to or further from the centre than the
// entry before (in before, then the entries of moves themselves).
func settle(moves, before []radar.Move, rings []radar.Segment) {
	index := func(id string) int { return slices.IndexFunc(rings, func(s radar.Segment) bool { return s.ID == id }) }
	prev := ""
	if n := len(before); n > 0 {
		prev = before[n-1].Ring
	}
	for i := range moves {
		derived := "new"
		if prev != "" {
			switch a, b := index(prev), index(moves[i].Ring); {
			case b < a:
				derived = "in"
			case b > a:
				derived = "out"
			default:
				derived = "none"
			}
		}
		if moves[i].Moved == derived {
			moves[i].Moved = ""
		}
		prev = moves[i].Ring
	}
}
