package page

import (
	"cmp"
	"slices"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// BlipData is a blip page's data.
type BlipData struct {
	BlipRef
	Reviewed     meta.Date
	LastReviewed meta.Date
	ReviewMonths int
	ReviewDue    meta.Date // when the next review is due
	Adopting     bool      // the blip is in a ring where teams may use it
	Horizon      *HorizonView
	Tags         []Tag
	History      []MoveView // newest first
	Roadmap      []PlanView
	Decisions    []RecordRef
	Related      []BlipRef // the blips it names in related: and those that name it
	SectorURL    string
	// HasUsage says the site has usage files, so that an empty InUse
	// means that no team uses the blip, not that nobody knows.
	HasUsage   bool
	Packages   []string        // the blip's packages: patterns
	InUse      []UseRow        // which team's projects use it
	Exceptions []ExceptionView // exceptions decisions grant for it
	EditURL    string          // where the blip's source can be edited (waymark.yaml editURL), or ""
}

// MoveView is one entry of a blip's history.
type MoveView struct {
	Date      meta.Date
	Ring      radar.Segment
	From      *radar.Segment // the ring before, nil for the first entry
	Direction string         // radar.NewBlip, MovedIn, MovedOut or NoMove
	Decision  *RecordRef
	Note      string // markdown, as written
	// NoteIndex is the note's place in View.Notes, rendered; -1 without one.
	NoteIndex int
	// Quadrant is the quadrant the blip moved to with this entry, nil
	// when it stayed; QuadrantURL is that quadrant's page.
	Quadrant    *radar.Segment
	QuadrantURL string
}

// PlanView is one planned move.
type PlanView struct {
	Blip      BlipRef
	Horizon   HorizonView
	Ring      radar.Segment
	Direction string // radar.MovedIn, MovedOut or NoMove, from the blip's ring
	Note      string
}

// holdDecisions are the decisions behind a blip on hold: the one that
// moved it there, then those that name it.
func (s assembly) holdDecisions(b *radar.Blip, named []RecordRef) []RecordRef {
	var out []RecordRef
	for _, m := range slices.Backward(b.History) {
		if m.Ring != b.Ring {
			break
		}
		if r := s.Decisions.Get("", m.Decision); r != nil {
			out = append(out, s.recordRef(r))
			break
		}
	}
	for _, r := range named {
		if !slices.ContainsFunc(out, func(x RecordRef) bool { return x.Number == r.Number }) {
			out = append(out, r)
		}
	}
	return out
}

func (rv *radarViews) blipData(b *radar.Blip, horizons map[string]HorizonView) *BlipData {
	s := rv.s
	bd := &BlipData{BlipRef: rv.ref(b), Reviewed: b.Reviewed, LastReviewed: s.Radar.LastReviewed(b),
		ReviewMonths: s.Config.Review.Months, Adopting: s.Radar.Adopting(b.Ring), Tags: tags(b.Tags),
		Decisions: slices.Clone(rv.concerns[b.ID]), SectorURL: site.SectorURL(b.Quadrant), EditURL: s.Config.EditLink(b.Source)}
	if len(s.Config.Quadrants) < 2 {
		bd.SectorURL = "radar/"
	}
	bd.HasUsage, bd.Packages = rv.s.hasUsage(), b.Packages
	if rv.usage != nil {
		bd.InUse, bd.Exceptions = rv.usage.inUse[b.ID], rv.usage.exceptions[b.ID]
	}
	for _, o := range rv.r.Related(b) {
		bd.Related = append(bd.Related, rv.ref(o))
	}
	if !bd.LastReviewed.IsZero() {
		bd.ReviewDue = bd.LastReviewed.AddMonths(s.Config.Review.Months)
	}
	if h, ok := horizons[b.Horizon]; ok {
		bd.Horizon = &h
	}
	ri := map[string]int{}
	for i, r := range s.Config.Rings {
		ri[r.ID] = i
	}
	notes := 0
	for i, m := range b.History {
		mv := MoveView{Date: m.Date, Ring: s.ring(m.Ring), Note: m.Note, NoteIndex: -1, Direction: radar.NewBlip}
		if site.HasNote(m) {
			mv.NoteIndex = notes
			notes++
		}
		if q, ok := s.Radar.Settings.Quadrant(m.Quadrant); ok && i > 0 {
			mv.Quadrant, mv.QuadrantURL = &q, site.SectorURL(q.ID)
		}
		if i > 0 {
			from := s.ring(b.History[i-1].Ring)
			mv.From = &from
			mv.Direction = direction(ri[b.History[i-1].Ring], ri[m.Ring])
		}
		if d, ok := statedMoves[m.Moved]; ok {
			mv.Direction = d
		}
		if r := s.Decisions.Get("", m.Decision); r != nil {
			ref := s.recordRef(r)
			mv.Decision = &ref
			if !slices.ContainsFunc(bd.Decisions, func(x RecordRef) bool { return x.Number == r.Number }) {
				bd.Decisions = append(bd.Decisions, ref)
			}
		}
		bd.History = append(bd.History, mv)
	}
	slices.Reverse(bd.History)
	for _, p := range b.Roadmap {
		bd.Roadmap = append(bd.Roadmap, PlanView{Blip: bd.BlipRef, Horizon: horizons[p.Horizon], Ring: s.ring(p.Ring),
			Direction: direction(ri[b.Ring], ri[p.Ring]), Note: p.Note})
	}
	slices.SortFunc(bd.Decisions, func(a, b RecordRef) int { return cmp.Compare(a.Number, b.Number) })
	return bd
}

// direction names a move from ring index a to ring index b.
// statedMoves maps a history entry's moved key to a direction.
var statedMoves = map[string]string{"new": radar.NewBlip, "in": radar.MovedIn, "out": radar.MovedOut, "none": radar.NoMove}

func direction(a, b int) string {
	switch {
	case b < a:
		return radar.MovedIn
	case b > a:
		return radar.MovedOut
	}
	return radar.NoMove
}
