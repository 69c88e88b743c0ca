package radar

import (
	"cmp"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Movement values, relative to the radar's edition.
const (
	NewBlip  = "new"
	MovedIn  = "moved-in"
	MovedOut = "moved-out"
	NoMove   = "none"
)

// editionWindowMonths is how far back from the edition date a history entry
// still counts as a change of this edition.
const editionWindowMonths = 6

// Radar is a site's blips placed on its configured rings and quadrants.
type Radar struct {
	Settings Settings
	Blips    []*Blip // ordered by quadrant, ring, then title
	Edition  meta.Date
	Policy   *Policy
	byID     map[string]*Blip
	// related maps a blip id to the blips related to it either way, in
	// the radar's order, for the blips whose related: key names one.
	related map[string][]*Blip
}

// New orders blips and works out the edition date.
func New(s Settings, blips []*Blip) *Radar {
	r := &Radar{Settings: s, Blips: slices.Clone(blips), Edition: s.Edition, Policy: NewPolicy(s.Licenses), byID: map[string]*Blip{}}
	qi, ri := indexOf(s.Quadrants), indexOf(s.Rings)
	slices.SortFunc(r.Blips, func(a, b *Blip) int {
		return cmp.Or(cmp.Compare(qi[a.Quadrant], qi[b.Quadrant]), cmp.Compare(ri[a.Ring], ri[b.Ring]),
			cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.ID, b.ID))
	})
	for _, b := range r.Blips {
		r.byID[b.ID] = b
		if !s.Edition.IsZero() {
			continue
		}
		for _, m := range b.History {
			if m.Date.Compare(r.Edition) > 0 {
				r.Edition = m.Date
			}
		}
	}
	r.related = relatedIndex(r.Blips, r.byID)
	return r
}

func indexOf(segs []Segment) map[string]int {
	m := make(map[string]int, len(segs))
	for i, s := range segs {
		m[s.ID] = i
	}
	return m
}

// Blip returns the blip with the given id, or nil.
func (r *Radar) Blip(id string) *Blip { return r.byID[id] }

// In returns the blips of one quadrant and ring, in order.
func (r *Radar) In(quadrant, ring string) []*Blip {
	var out []*Blip
	for _, b := range r.Blips {
		if b.Quadrant == quadrant && b.Ring == ring {
			out = append(out, b)
		}
	}
	return out
}

// InQuadrant returns the blips of one quadrant, in order.
func (r *Radar) InQuadrant(quadrant string) []*Blip {
	var out []*Blip
	for _, b := range r.Blips {
		if b.Quadrant == quadrant {
			out = append(out, b)
		}
	}
	return out
}

// Adopting reports whether ring is one where teams may use a blip.
func (r *Radar) Adopting(ring string) bool { return slices.Contains(r.Settings.Adopting, ring) }

// Movement says whether b is new or moved in this edition: a history entry
// within six months before the edition date that is the blip's first
// (new), or that moved it toward the centre (moved-in) or away (moved-out).
// An entry's moved key, where given, says which of these it is.
func (r *Radar) Movement(b *Blip) string {
	if r.Edition.IsZero() {
		return NoMove
	}
	from := r.Edition.AddMonths(-editionWindowMonths)
	ri := indexOf(r.Settings.Rings)
	last := -1
	for i, m := range b.History {
		if m.Date.Compare(r.Edition) <= 0 {
			last = i
		}
	}
	if last < 0 || b.History[last].Date.Compare(from) <= 0 {
		return NoMove
	}
	switch b.History[last].Moved {
	case "new":
		return NewBlip
	case "in":
		return MovedIn
	case "out":
		return MovedOut
	case "none":
		return NoMove
	}
	if last == 0 {
		return NewBlip
	}
	switch prev, cur := ri[b.History[last-1].Ring], ri[b.History[last].Ring]; {
	case cur < prev:
		return MovedIn
	case cur > prev:
		return MovedOut
	}
	return NoMove
}

// MovementText describes a movement value for people: "new", "moved in",
// "moved out", or "" when the blip did not move.
func MovementText(m string) string {
	switch m {
	case NewBlip:
		return "new"
	case MovedIn:
		return "moved in"
	case MovedOut:
		return "moved out"
	}
	return ""
}

// LastReviewed is the blip's review date, or its latest move if later.
func (r *Radar) LastReviewed(b *Blip) meta.Date {
	d := b.Reviewed
	for _, m := range b.History {
		if m.Date.Compare(d) > 0 {
			d = m.Date
		}
	}
	return d
}

// Stale reports whether b was last reviewed more than review.months before
// the edition date. A blip with no dates at all is not judged.
func (r *Radar) Stale(b *Blip) bool {
	last := r.LastReviewed(b)
	if last.IsZero() || r.Edition.IsZero() {
		return false
	}
	return last.AddMonths(r.Settings.Review.Months).Compare(r.Edition) < 0
}
