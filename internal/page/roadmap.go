package page

import (
	"fmt"
	"slices"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// RoadmapData is the roadmap page's data.
type RoadmapData struct {
	Edition  meta.Date
	Horizons []HorizonView
}

// HorizonView is one roadmap horizon and what is expected to move in it.
type HorizonView struct {
	Horizon  radar.Horizon
	From, To meta.Date // empty without an edition date
	Range    string    // "March 2017 to December 2017", or "" without an edition date
	Plans    []PlanView
	Expected []BlipRef // blips whose horizon is this one, with no plan
}

// horizons returns every configured horizon with its date range: a
// horizon reaches from where the one before it ends to its own months
// after the edition date.
func (s assembly) horizons() map[string]HorizonView {
	out := map[string]HorizonView{}
	from := 0
	for _, h := range s.Config.Horizons {
		hv := HorizonView{Horizon: h}
		if ed := s.Radar.Edition; !ed.IsZero() {
			hv.From, hv.To = ed.AddMonths(from), ed.AddMonths(max(h.Months, from))
			hv.Range = monthRange(hv.From, hv.To)
		}
		from = max(h.Months, from)
		out[h.ID] = hv
	}
	return out
}

// monthRange formats a horizon's range: "February 2017" when it starts and
// ends in the same month, else "March 2017 to December 2017".
func monthRange(from, to meta.Date) string {
	month := func(d meta.Date) string { return fmt.Sprintf("%s %d", d.Month, d.Year) }
	if from.Year == to.Year && from.Month == to.Month {
		return month(from)
	}
	return month(from) + " to " + month(to)
}

func (rv *radarViews) roadmap(horizons map[string]HorizonView) *RoadmapData {
	s := rv.s
	rd := &RoadmapData{Edition: s.Radar.Edition}
	ri := map[string]int{}
	for i, r := range s.Config.Rings {
		ri[r.ID] = i
	}
	for _, h := range s.Config.Horizons {
		hv := horizons[h.ID]
		for _, b := range s.Radar.Blips {
			for _, p := range b.Roadmap {
				if p.Horizon == h.ID {
					hv.Plans = append(hv.Plans, PlanView{Blip: rv.ref(b), Horizon: horizons[h.ID], Ring: s.ring(p.Ring),
						Direction: direction(ri[b.Ring], ri[p.Ring]), Note: p.Note})
				}
			}
			if b.Horizon == h.ID && !slices.ContainsFunc(b.Roadmap, func(p radar.Plan) bool { return p.Horizon == h.ID }) {
				hv.Expected = append(hv.Expected, rv.ref(b))
			}
		}
		rd.Horizons = append(rd.Horizons, hv)
	}
	return rd
}
