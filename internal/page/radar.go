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

// RadarData is the data of a page that draws a whole radar: the radar
// page, an edition's page and a view's page.
type RadarData struct {
	SVG template.HTML // the whole radar
	// Compact draws quadrant Shown (the first with blips) alone, large
	// enough for a phone (radar.CompactRadius); the theme shows it
	// instead of SVG on small screens, with Sectors as tabs. Empty for a
	// radar of one quadrant.
	Compact  template.HTML
	Shown    int
	Edition  meta.Date
	Legend   []QuadrantLegend
	Rings    []radar.Segment
	Adopting []string // titles of the adopting rings
	Hold     string   // title of the last ring
	Guide    string   // URL of the "how to read the radar" page, if the site has one
	Sectors  []Link   // the quadrants' own pages
	Counts   MoveCounts
	Tags     []TagCount // the tags of the radar's blips, for the filter
	// Changes links the page of this edition's changes, titled with the
	// date of the edition before it; nil on a radar of one edition.
	Changes *Link
	// Editions is the URL of the list of editions, "" with one edition.
	Editions string
	Blips    int // blips listed
}

// MoveCounts says how many blips are new or moved in this edition.
type MoveCounts struct{ New, MovedIn, MovedOut int }

// QuadrantLegend lists one quadrant's blips ring by ring.
type QuadrantLegend struct {
	Quadrant radar.Segment
	Index    int    // the quadrant's place in drawing order, from 0
	URL      string // the quadrant's own page
	Rings    []RingLegend
	Use      []BlipRef // blips in adopting rings
	Hold     []HoldRef // blips in the last ring, with the decisions behind them
	// Licences is set when a blip of the quadrant states a licence; a
	// quadrant of techniques has none, and its answer says so.
	Licences bool
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
	SVG      template.HTML // the quadrant alone, compact (radar.CompactRadius)
	Edition  meta.Date
	Adopting []string
	Sectors  []Link // every quadrant's page, this one included
	Count    int    // blips in the quadrant
}

// radarViews is what the pages of one radar (the site's, an edition's or
// a view's) share: one layout, the blips' numbers and the decisions that
// name each blip.
type radarViews struct {
	s        assembly
	r        *radar.Radar
	layout   *radar.Layout
	numbers  map[*radar.Blip]int
	concerns map[string][]RecordRef // blip id → decisions naming it
	usage    *usageViews
}

func (s assembly) newRadarViews() *radarViews {
	concerns := map[string][]RecordRef{}
	for _, r := range s.Decisions.Records {
		for _, id := range r.Blips {
			concerns[id] = append(concerns[id], s.recordRef(r))
		}
	}
	return s.radarViewsOf(s.Radar, concerns)
}

// radarViewsOf lays out r, an edition or a view of the site's radar.
func (s assembly) radarViewsOf(r *radar.Radar, concerns map[string][]RecordRef) *radarViews {
	rv := &radarViews{s: s, r: r, layout: r.Layout(), numbers: map[*radar.Blip]int{}, concerns: concerns}
	for _, p := range rv.layout.Blips {
		rv.numbers[p.Blip] = p.Number
	}
	return rv
}

func (rv *radarViews) ref(b *radar.Blip) BlipRef { return rv.s.blipRefIn(rv.r, b, rv.numbers[b]) }

// svg draws the radar for the page at url.
func (rv *radarViews) svg(url string) template.HTML {
	return template.HTML(draw.Radar(rv.layout, draw.RadarOptions{ //nolint:gosec // draw.Radar escapes every text and attribute
		ID:         "radar",
		Href:       func(b *radar.Blip) string { return markdown.Rel(url, site.BlipURL(b)) },
		SectorHref: rv.sectorHref(url),
	}))
}

// sectorHref links the quadrants' names to their pages, on a radar of
// more than one quadrant.
func (rv *radarViews) sectorHref(url string) func(string) string {
	if len(rv.r.Settings.Quadrants) < 2 {
		return nil
	}
	return func(id string) string { return markdown.Rel(url, site.SectorURL(id)) }
}

// compact draws one quadrant (or a radar of one quadrant) from the
// compact layout, with the drawing id id.
func (rv *radarViews) compact(l *radar.Layout, url, id, sector string) template.HTML {
	return template.HTML(draw.Radar(l, draw.RadarOptions{ //nolint:gosec // draw.Radar escapes every text and attribute
		ID:      id,
		Sector:  sector,
		Compact: true,
		Href:    func(b *radar.Blip) string { return markdown.Rel(url, site.BlipURL(b)) },
	}))
}

// radarData is the data of a page at url that draws rv's whole radar.
func (rv *radarViews) radarData(url string) *RadarData {
	s := rv.s
	var sectors []Link
	for _, q := range s.Config.Quadrants {
		sectors = append(sectors, Link{q.Title, site.SectorURL(q.ID)})
	}
	rd := &RadarData{SVG: rv.svg(url), Edition: rv.r.Edition, Rings: s.Config.Rings,
		Adopting: s.adoptingTitles(), Hold: s.Config.Rings[len(s.Config.Rings)-1].Title, Blips: len(rv.r.Blips)}
	if len(sectors) > 1 {
		rd.Sectors = sectors
		for i, q := range s.Config.Quadrants {
			if len(rv.r.InQuadrant(q.ID)) > 0 {
				rd.Shown = i
				break
			}
		}
		rd.Compact = rv.compact(rv.r.LayoutWithin(radar.CompactRadius), url, "radar-compact", s.Config.Quadrants[rd.Shown].ID)
	}
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
	for i, q := range s.Config.Quadrants {
		rd.Legend = append(rd.Legend, rv.legend(i, q))
	}
	count := map[string]int{}
	byURL := map[string]Tag{}
	for _, b := range rv.r.Blips {
		for _, t := range tags(b.Tags) {
			count[t.URL]++
			byURL[t.URL] = t
		}
	}
	for _, u := range sortedKeys(count) {
		rd.Tags = append(rd.Tags, TagCount{byURL[u], count[u]})
	}
	return rd
}

// radarJobs adds the radar, quadrant, blip, roadmap and licence pages,
// and the pages of the radar's editions and views.
func (s assembly) radarJobs(rv *radarViews, add addFunc) {
	rd := rv.radarData("radar/")
	eds := s.Radar.Editions()
	if len(eds) > 1 {
		rd.Editions = site.EditionsURL()
		cur := eds[len(eds)-1]
		rd.Changes = &Link{eds[len(eds)-2].Human(), site.EditionURL(cur)}
	}
	add("radar", "radar/", "Radar", "Which technologies teams may use, and which are on hold.", nil, rd)

	if len(s.Config.Quadrants) > 1 {
		compact := s.Radar.LayoutWithin(radar.CompactRadius)
		var sectors []Link
		for _, q := range s.Config.Quadrants {
			sectors = append(sectors, Link{q.Title, site.SectorURL(q.ID)})
		}
		for i, q := range s.Config.Quadrants {
			u := site.SectorURL(q.ID)
			sd := &SectorData{QuadrantLegend: rd.Legend[i], SVG: rv.compact(compact, u, "radar", q.ID), Edition: s.Radar.Edition,
				Adopting: rd.Adopting, Sectors: sectors, Count: len(s.Radar.InQuadrant(q.ID))}
			add("sector", u, q.Title, q.Description, nil, sd)
		}
	}

	horizons := s.horizons()
	for _, b := range s.Radar.Blips {
		add("blip", site.BlipURL(b), b.Title, blipDescription(s.ring(b.Ring), s.quadrant(b.Quadrant)),
			&markdown.Doc{Source: b.Source, URL: site.BlipURL(b), Body: b.Body, BodyLine: b.BodyLine}, rv.blipData(b, horizons), site.NoteDocs(b)...)
	}

	add("roadmap", "roadmap/", "Roadmap", "Planned moves on the radar, by horizon.", nil, rv.roadmap(horizons))
	add("licenses", "licenses/", "Licences", "Which licences teams may ship, and the licence of every technology on the radar.", nil, rv.licenses())
	s.editionJobs(rv, eds, add)
	s.viewJobs(rv, add)
}

// radarURLs lists the radar's page URLs beyond radar/ and roadmap/, for the sitemap.
func (s assembly) radarURLs() []string {
	var out []string
	if len(s.Config.Quadrants) > 1 {
		for _, q := range s.Config.Quadrants {
			out = append(out, site.SectorURL(q.ID))
		}
	}
	out = append(out, "licenses/")
	if eds := s.Radar.Editions(); len(eds) > 1 {
		out = append(out, site.EditionsURL())
		for _, d := range eds {
			out = append(out, site.EditionURL(d))
		}
	}
	for _, v := range s.Config.Views {
		out = append(out, site.ViewURL(v.ID))
	}
	return out
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
func (rv *radarViews) legend(index int, q radar.Segment) QuadrantLegend {
	s := rv.s
	ql := QuadrantLegend{Quadrant: q, Index: index, URL: site.SectorURL(q.ID)}
	last := s.Config.Rings[len(s.Config.Rings)-1].ID
	for _, ring := range s.Config.Rings {
		rl := RingLegend{Ring: ring}
		for _, b := range rv.r.In(q.ID, ring.ID) {
			ref := rv.ref(b)
			rl.Blips = append(rl.Blips, ref)
			if b.License != "" {
				ql.Licences = true
			}
			if rv.r.Adopting(ring.ID) {
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

// blipDescription describes a blip's page for search engines and link
// previews: where the blip stands.
func blipDescription(ring, quadrant radar.Segment) string {
	return "On the technology radar in " + ring.Title + ", among the " + quadrant.Title + "."
}
