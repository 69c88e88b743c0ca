package radar

import (
	"slices"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Editions returns the dates of the radar's editions, oldest first: every
// date in any blip's history up to the edition date, and the edition date
// itself. The blips' history is the only source: a radar published
// several times has, for each edition, entries of that date.
func (r *Radar) Editions() []meta.Date {
	var out []meta.Date
	for _, b := range r.Blips {
		for _, m := range b.History {
			if !m.Date.IsZero() && (r.Edition.IsZero() || m.Date.Compare(r.Edition) <= 0) {
				out = append(out, m.Date)
			}
		}
	}
	if !r.Edition.IsZero() {
		out = append(out, r.Edition)
	}
	slices.SortFunc(out, meta.Date.Compare)
	return slices.CompactFunc(out, func(a, b meta.Date) bool { return a.Compare(b) == 0 })
}

// At returns the radar as it stood at date d: the blips with a history
// entry on or before d, each in the ring of its latest such entry (and
// the quadrant the latest that states one moved it to) and
// with its history cut at d, and d as the edition date. Blips without
// any history entry that early were not on it. The blips are copies;
// r is unchanged.
func (r *Radar) At(d meta.Date) *Radar {
	var blips []*Blip
	for _, b := range r.Blips {
		n := 0
		for n < len(b.History) && b.History[n].Date.Compare(d) <= 0 {
			n++
		}
		if n == 0 {
			continue
		}
		c := *b
		c.History = b.History[:n:n]
		c.Ring = b.History[n-1].Ring
		for _, m := range slices.Backward(c.History) {
			if m.Quadrant != "" {
				c.Quadrant = m.Quadrant
				break
			}
		}
		blips = append(blips, &c)
	}
	s := r.Settings
	s.Edition = d
	return New(s, blips)
}

// Only returns the radar of the blips keep accepts, with r's settings
// and edition date (a view of the radar for one audience).
func (r *Radar) Only(keep func(*Blip) bool) *Radar {
	s := r.Settings
	s.Edition = r.Edition
	var blips []*Blip
	for _, b := range r.Blips {
		if keep(b) {
			blips = append(blips, b)
		}
	}
	return New(s, blips)
}

// Change is what one history entry changed on the radar.
type Change struct {
	Blip *Blip
	// From is the ring before the change, "" when the blip was new.
	From string
	// Move is the history entry of the change.
	Move Move
	// Movement is NewBlip, MovedIn, MovedOut or NoMove (a note, or an
	// entry that kept the ring).
	Movement string
}

// Changes lists what the history entries dated after from and up to to
// changed, by the radar's reading order: the changes of edition to since
// the edition from (zero for the first edition: every blip is new).
func (r *Radar) Changes(from, to meta.Date) []Change {
	ri := indexOf(r.Settings.Rings)
	var out []Change
	for _, b := range r.Blips {
		for i, m := range b.History {
			if m.Date.Compare(to) > 0 || (!from.IsZero() && m.Date.Compare(from) <= 0) {
				continue
			}
			c := Change{Blip: b, Move: m, Movement: NewBlip}
			if i > 0 {
				c.From = b.History[i-1].Ring
				switch prev, cur := ri[c.From], ri[m.Ring]; {
				case cur < prev:
					c.Movement = MovedIn
				case cur > prev:
					c.Movement = MovedOut
				default:
					c.Movement = NoMove
				}
			}
			switch m.Moved {
			case "new":
				c.Movement = NewBlip
			case "in":
				c.Movement = MovedIn
			case "out":
				c.Movement = MovedOut
			case "none":
				c.Movement = NoMove
			}
			out = append(out, c)
		}
	}
	return out
}
