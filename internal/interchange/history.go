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
			if q := b.History[i].Quadrant; q != "" {
				b.History[i].Quadrant = qmap[q]
			}
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
		settleQuadrants(b)
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

// edition adds what p's history adds to the site's blip e: each entry on
// a date e's history lacks that changes the ring, the text or the
// quadrant the blip had at that date, in date order; an entry on a date
// e's history has is that edition imported before. An entry newer than
// all of e's history moves e to its ring and quadrant. An older entry in
// another quadrant than the entries around it cannot say so without
// rewriting them: it is added without its quadrant, with a warning.
// Nothing else of e changes.
func (im *importer) edition(p *pending, e *radar.Blip, rings []radar.Segment) {
	history := slices.Clone(e.History)
	ed := Edition{Blip: e}
	for _, m := range p.b.History {
		if slices.ContainsFunc(history, func(x radar.Move) bool { return x.Date == m.Date }) {
			continue
		}
		at := slices.IndexFunc(history, func(x radar.Move) bool { return x.Date.Compare(m.Date) > 0 })
		newest := at < 0
		if newest {
			at = len(history)
		}
		ring, text, quadrant := e.Ring, textBefore(e, history[:at]), quadrantAt(e, history, at-1)
		if at > 0 {
			ring = history[at-1].Ring
		} else if len(history) > 0 {
			ring = ""
		}
		q := cmpOr(m.Quadrant, p.b.Quadrant)
		m.Quadrant = ""
		switch {
		case q == quadrant || q == "":
		case newest:
			m.Quadrant = q
			ed.Quadrant = q
		case quadrant == "":
			im.warnf(p.line, "state quadrant: on the history entries by hand", "%s is in quadrant %q in the edition of %s, and %s does not say which quadrant the blip was in then; that edition's entry is added without its quadrant",
				p.where, q, m.Date, e.Source)
		default:
			im.warnf(p.line, "move the blip by hand, stating quadrant: on the history entries", "%s is in quadrant %q in the edition of %s, %q around it in %s; that edition's entry is added without its quadrant",
				p.where, q, m.Date, quadrant, e.Source)
		}
		note := strings.TrimSpace(m.Note)
		// The body is the text of the edition the blip was first imported
		// from; an entry without a note kept the text before it.
		if p.textInNotes && (note == text || note == strings.TrimSpace(string(e.Body))) {
			note = ""
		}
		if m.Ring == ring && note == "" && m.Quadrant == "" {
			continue
		}
		m.Note = note
		history = slices.Insert(history, at, m)
		ed.Moves = append(ed.Moves, m)
		if newest {
			ed.Ring = m.Ring
		}
	}
	if len(ed.Moves) == 0 {
		return
	}
	if ed.Ring == e.Ring {
		ed.Ring = ""
	}
	for i := range ed.Moves {
		at := slices.IndexFunc(history, func(x radar.Move) bool { return x.Date == ed.Moves[i].Date })
		settle(ed.Moves[i:i+1], history[:at], rings)
	}
	im.res.Editions = append(im.res.Editions, ed)
}

// textBefore is the newest text a blip had before the entries after
// history: the newest note of history, or its body.
func textBefore(b *radar.Blip, history []radar.Move) string {
	for _, m := range slices.Backward(history) {
		if n := strings.TrimSpace(m.Note); n != "" {
			return n
		}
	}
	return strings.TrimSpace(string(b.Body))
}

// quadrantAt is the quadrant blip b was in with its history entry i: the
// quadrant the newest entry up to i moved it to, else, when no entry
// moved it, b's quadrant; "" when an entry after i moved it and none up
// to i says from where.
func quadrantAt(b *radar.Blip, history []radar.Move, i int) string {
	for j := min(i, len(history)-1); j >= 0; j-- {
		if history[j].Quadrant != "" {
			return history[j].Quadrant
		}
	}
	if slices.ContainsFunc(history, func(m radar.Move) bool { return m.Quadrant != "" }) {
		return ""
	}
	return b.Quadrant
}

// settleQuadrants keeps a new blip's history entries' quadrants only
// where the blip moved to another quadrant with them, and on the first
// entry when a later one moved it, so that where it started is known.
func settleQuadrants(b *radar.Blip) {
	moved := false
	prev := ""
	for i := range b.History {
		q := cmpOr(b.History[i].Quadrant, prev)
		if i > 0 && q != prev {
			moved = true
		} else if i > 0 {
			b.History[i].Quadrant = ""
		}
		prev = q
	}
	if len(b.History) > 0 && !moved {
		b.History[0].Quadrant = ""
	}
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
