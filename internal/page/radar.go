package page

import (
	"html/template"

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

// radarViews is what every radar-related page shares: one layout, the
// blips' numbers and the decisions that name each blip.
type radarViews struct {
	s        assembly
	layout   *radar.Layout
	numbers  map[*radar.Blip]int
	concerns map[string][]RecordRef // blip id → decisions naming it
	usage    *usageViews
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
