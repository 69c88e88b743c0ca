package page

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/draw"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// The radar's pages:
//
//	radar/index.html          the whole radar, its legend and "what may my team use?"
//	radar/<quadrant>/index.html  one quadrant enlarged, with its own legend
//	radar/<blip>/index.html   one blip
//	roadmap/index.html        planned moves by horizon, with month ranges
//	licenses/index.html       the licence policy, every blip's verdict, stale blips

// RadarData is the radar page's data.
type RadarData struct {
	SVG      template.HTML
	Edition  meta.Date
	Legend   []QuadrantLegend
	Rings    []radar.Segment
	Adopting []string // titles of the adopting rings
	Hold     string   // title of the last ring
	Guide    string   // URL of the "how to read the radar" page, if the site has one
	Sectors  []Link   // the quadrants' own pages
	Counts   MoveCounts
}

// MoveCounts says how many blips are new or moved in this edition.
type MoveCounts struct{ New, MovedIn, MovedOut int }

// QuadrantLegend lists one quadrant's blips ring by ring.
type QuadrantLegend struct {
	Quadrant radar.Segment
	URL      string // the quadrant's own page
	Rings    []RingLegend
	Use      []BlipRef // blips in adopting rings
	Hold     []HoldRef // blips in the last ring, with the decisions behind them
}

// RingLegend lists the blips of one ring in one quadrant.
type RingLegend struct {
	Ring  radar.Segment
	Blips []BlipRef
}

// HoldRef is a blip teams should not start using, and why.
type HoldRef struct {
	BlipRef
	Decisions []RecordRef
}

// SectorData is a quadrant page's data.
type SectorData struct {
	QuadrantLegend
	SVG      template.HTML
	Edition  meta.Date
	Adopting []string
	Sectors  []Link // every quadrant's page, this one included
	Count    int    // blips in the quadrant
}

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
	SectorURL    string
}

// MoveView is one entry of a blip's history.
type MoveView struct {
	Date      meta.Date
	Ring      radar.Segment
	From      *radar.Segment // the ring before, nil for the first entry
	Direction string         // radar.NewBlip, MovedIn, MovedOut or NoMove
	Decision  *RecordRef
	Note      string
}

// PlanView is one planned move.
type PlanView struct {
	Blip      BlipRef
	Horizon   HorizonView
	Ring      radar.Segment
	Direction string // radar.MovedIn, MovedOut or NoMove, from the blip's ring
	Note      string
}

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

// LicensesData is the licence page's data.
type LicensesData struct {
	Policy   radar.Licenses
	Adopting []string
	Groups   []LicenceGroup // by verdict, worst first
	Stale    []BlipRef
	Findings []RadarFinding
	Months   int // review.months
}

// LicenceGroup is the blips that got one verdict.
type LicenceGroup struct {
	Verdict string
	Blips   []BlipRef
}

// RadarFinding is a policy or freshness problem of one blip.
type RadarFinding struct {
	Severity string
	Blip     BlipRef
	Where    string // file:line
	Message  string
	Fix      string
}

// radarViews is what every radar-related page shares: one layout, the
// blips' numbers and the decisions that name each blip.
type radarViews struct {
	s        assembly
	layout   *radar.Layout
	numbers  map[*radar.Blip]int
	concerns map[string][]RecordRef // blip id → decisions naming it
}

func (s assembly) newRadarViews() *radarViews {
	rv := &radarViews{s: s, layout: s.Radar.Layout(), numbers: map[*radar.Blip]int{}, concerns: map[string][]RecordRef{}}
	for _, p := range rv.layout.Blips {
		rv.numbers[p.Blip] = p.Number
	}
	for _, r := range s.Decisions.Records {
		for _, id := range r.Blips {
			rv.concerns[id] = append(rv.concerns[id], s.recordRef(r))
		}
	}
	return rv
}

func (rv *radarViews) ref(b *radar.Blip) BlipRef { return rv.s.blipRef(b, rv.numbers[b]) }

// svg draws the radar, or one sector of it, for the page at url.
func (rv *radarViews) svg(url, sector string) template.HTML {
	return template.HTML(draw.Radar(rv.layout, draw.RadarOptions{ //nolint:gosec // draw.Radar escapes every text and attribute
		ID:         "radar",
		Sector:     sector,
		Href:       func(b *radar.Blip) string { return markdown.Rel(url, site.BlipURL(b)) },
		SectorHref: func(id string) string { return markdown.Rel(url, site.SectorURL(id)) },
	}))
}

// radarJobs adds the radar, quadrant, blip, roadmap and licence pages.
func (s assembly) radarJobs(rv *radarViews, add addFunc) {
	var sectors []Link
	for _, q := range s.Config.Quadrants {
		sectors = append(sectors, Link{q.Title, site.SectorURL(q.ID)})
	}
	rd := &RadarData{SVG: rv.svg("radar/", ""), Edition: s.Radar.Edition, Rings: s.Config.Rings,
		Adopting: s.adoptingTitles(), Hold: s.Config.Rings[len(s.Config.Rings)-1].Title, Sectors: sectors}
	for _, p := range s.Pages {
		if p.ID == "how-to-read-the-radar" {
			rd.Guide = p.URL
		}
	}
	for _, p := range rv.layout.Blips {
		switch p.Movement {
		case radar.NewBlip:
			rd.Counts.New++
		case radar.MovedIn:
			rd.Counts.MovedIn++
		case radar.MovedOut:
			rd.Counts.MovedOut++
		}
	}
	for _, q := range s.Config.Quadrants {
		rd.Legend = append(rd.Legend, rv.legend(q))
	}
	add("radar/index.html", "radar", "radar/", "Radar", "Which technologies teams may use, and which are on hold.", nil, rd)

	if len(s.Config.Quadrants) > 1 {
		for i, q := range s.Config.Quadrants {
			sd := &SectorData{QuadrantLegend: rd.Legend[i], SVG: rv.svg(site.SectorURL(q.ID), q.ID), Edition: s.Radar.Edition,
				Adopting: rd.Adopting, Sectors: sectors, Count: len(s.Radar.InQuadrant(q.ID))}
			add(site.SectorURL(q.ID)+"index.html", "sector", site.SectorURL(q.ID), q.Title, q.Description, nil, sd)
		}
	}

	horizons := s.horizons()
	for _, b := range s.Radar.Blips {
		add(site.BlipURL(b)+"index.html", "blip", site.BlipURL(b), b.Title, "",
			&markdown.Doc{Source: b.Source, URL: site.BlipURL(b), Body: b.Body, BodyLine: b.BodyLine}, rv.blipData(b, horizons))
	}

	add("roadmap/index.html", "roadmap", "roadmap/", "Roadmap", "Planned moves on the radar, by horizon.", nil, rv.roadmap(horizons))
	add("licenses/index.html", "licenses", "licenses/", "Licences", "Every blip's licence, judged by the licence policy, and the blips due for review.", nil, rv.licenses())
}

// radarURLs lists the radar's page URLs beyond radar/ and roadmap/, for the sitemap.
func (s assembly) radarURLs() []string {
	var out []string
	if len(s.Config.Quadrants) > 1 {
		for _, q := range s.Config.Quadrants {
			out = append(out, site.SectorURL(q.ID))
		}
	}
	return append(out, "licenses/")
}

func (s assembly) adoptingTitles() []string {
	var out []string
	for _, id := range s.Config.Adopting {
		out = append(out, s.ring(id).Title)
	}
	return out
}

// legend lists one quadrant's blips by ring, the ones teams may use, and
// the ones on hold with the decisions behind them.
func (rv *radarViews) legend(q radar.Segment) QuadrantLegend {
	s := rv.s
	ql := QuadrantLegend{Quadrant: q, URL: site.SectorURL(q.ID)}
	last := s.Config.Rings[len(s.Config.Rings)-1].ID
	for _, ring := range s.Config.Rings {
		rl := RingLegend{Ring: ring}
		for _, b := range s.Radar.In(q.ID, ring.ID) {
			ref := rv.ref(b)
			rl.Blips = append(rl.Blips, ref)
			if s.Radar.Adopting(ring.ID) {
				ql.Use = append(ql.Use, ref)
			}
			if ring.ID == last {
				ql.Hold = append(ql.Hold, HoldRef{ref, s.holdDecisions(b, rv.concerns[b.ID])})
			}
		}
		ql.Rings = append(ql.Rings, rl)
	}
	return ql
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
		Decisions: slices.Clone(rv.concerns[b.ID]), SectorURL: site.SectorURL(b.Quadrant)}
	if len(s.Config.Quadrants) < 2 {
		bd.SectorURL = "radar/"
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
	for i, m := range b.History {
		mv := MoveView{Date: m.Date, Ring: s.ring(m.Ring), Note: m.Note, Direction: radar.NewBlip}
		if i > 0 {
			from := s.ring(b.History[i-1].Ring)
			mv.From = &from
			mv.Direction = direction(ri[b.History[i-1].Ring], ri[m.Ring])
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
func direction(a, b int) string {
	switch {
	case b < a:
		return radar.MovedIn
	case b > a:
		return radar.MovedOut
	}
	return radar.NoMove
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

func (rv *radarViews) licenses() *LicensesData {
	s := rv.s
	ld := &LicensesData{Policy: s.Config.Licenses, Adopting: s.adoptingTitles(), Months: s.Config.Review.Months}
	for _, v := range []string{radar.Denied, radar.Review, radar.Unknown, radar.Allowed} {
		g := LicenceGroup{Verdict: v}
		for _, b := range s.Radar.Blips {
			if s.Radar.Policy.Verdict(b.License) == v {
				g.Blips = append(g.Blips, rv.ref(b))
			}
		}
		ld.Groups = append(ld.Groups, g)
	}
	for _, b := range s.Radar.Blips {
		if s.Radar.Stale(b) {
			ld.Stale = append(ld.Stale, rv.ref(b))
		}
	}
	for _, p := range sortProblems(s.Radar.Findings()) {
		id := strings.TrimSuffix(p.File[strings.LastIndex(p.File, "/")+1:], ".md")
		b := s.Radar.Blip(id)
		if b == nil || b.Source != p.File {
			continue
		}
		ld.Findings = append(ld.Findings, RadarFinding{Severity: p.Severity.String(), Blip: rv.ref(b),
			Where: fmt.Sprintf("%s:%d", p.File, p.Line), Message: p.Message, Fix: p.Fix})
	}
	return ld
}

// sortProblems orders problems by severity, then file and line.
func sortProblems(ps []*diag.Problem) []*diag.Problem {
	slices.SortStableFunc(ps, func(a, b *diag.Problem) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return ps
}
