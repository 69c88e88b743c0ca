package build

import (
	"cmp"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// View is what every template receives.
type View struct {
	Site        *SiteView
	Kind        string // home, radar, blip, …
	URL         string // site-relative URL of the page ("radar/kafka/")
	Title       string
	Description string
	Content     template.HTML // rendered markdown, when the page has a body
	Data        any           // the kind's own data, see the *Data types
}

// Rel returns the relative link from this page to a site-relative target.
func (v *View) Rel(target string) string { return markdown.Rel(v.URL, target) }

// Asset returns the relative link to a file under assets/.
func (v *View) Asset(name string) string { return markdown.Rel(v.URL, "assets/"+name) }

// Canonical returns the page's absolute URL, or "" without a base URL.
func (v *View) Canonical() string {
	if v.Site.BaseURL == "" || v.Kind == "404" {
		return ""
	}
	return v.Site.BaseURL + v.URL
}

// SiteView is the site-wide part of every view.
type SiteView struct {
	Title       string
	Description string
	BaseURL     string
	BasePath    string // path part of BaseURL, for the 404 page's <base>
	Menu        []Link
}

// Link is a titled site-relative URL.
type Link struct {
	Title string
	URL   string
}

// RecordRef is a record as other pages list it.
type RecordRef struct {
	Number int
	Label  string
	Title  string
	Status string
	Date   meta.Date
	URL    string
	Tags   []Tag
}

// Tag is a tag and the URL of its page.
type Tag struct {
	Name string
	URL  string
}

// BlipRef is a blip as other pages list it.
type BlipRef struct {
	Number   int
	ID       string
	Title    string
	URL      string
	Ring     config.Segment
	Quadrant config.Segment
	Movement string
	License  string
	Verdict  string
	Backing  string
	Owner    string
	Stale    bool
}

// HomeData is the home page's data.
type HomeData struct {
	Radar    template.HTML
	Recent   []RecordRef
	Findings []Finding
	Pages    []Link
	Counts   struct{ Decisions, Blips int }
	Edition  meta.Date
}

// Finding is a policy or freshness problem shown on the home page.
type Finding struct {
	Severity string
	Title    string // of the blip or record it is about
	URL      string
	Message  string
}

// RadarData is the radar page's data.
type RadarData struct {
	SVG      template.HTML
	Edition  meta.Date
	Legend   []QuadrantLegend
	Rings    []config.Segment
	Adopting []string
	Guide    string // URL of the "how to read the radar" page, if the site has one
}

// QuadrantLegend lists one quadrant's blips ring by ring.
type QuadrantLegend struct {
	Quadrant config.Segment
	Rings    []RingLegend
	Use      []BlipRef // blips in adopting rings
	Hold     []HoldRef // blips in the last ring, with the decisions behind them
}

// RingLegend lists the blips of one ring in one quadrant.
type RingLegend struct {
	Ring  config.Segment
	Blips []BlipRef
}

// HoldRef is a blip teams should not start using, and why.
type HoldRef struct {
	BlipRef
	Decisions []RecordRef
}

// BlipData is a blip page's data.
type BlipData struct {
	BlipRef
	Reviewed     meta.Date
	LastReviewed meta.Date
	ReviewMonths int
	Horizon      string
	Tags         []Tag
	History      []MoveView
	Roadmap      []PlanView
	Decisions    []RecordRef
}

// MoveView is one entry of a blip's history.
type MoveView struct {
	Date     meta.Date
	Ring     config.Segment
	Decision *RecordRef
	Note     string
}

// PlanView is one planned move.
type PlanView struct {
	Blip    BlipRef
	Horizon config.Horizon
	Ring    config.Segment
	Note    string
}

// DecisionsData is the decisions index's data.
type DecisionsData struct {
	Records  []RecordRef
	Statuses []StatusCount
}

// StatusCount is how many records have a status.
type StatusCount struct {
	Status string
	Count  int
}

// DecisionData is a record page's data.
type DecisionData struct {
	RecordRef
	DecisionMakers []string
	Consulted      []string
	Informed       []string
	Relations      []Relation
	Blips          []BlipRef
	ReplacedBy     []RecordRef // for the banner of superseded records
	Source         string
}

// Relation is a named list of related records ("Supersedes", …).
type Relation struct {
	Name    string
	Records []RecordRef
}

// TagsData is the tag index's data.
type TagsData struct {
	Tags []TagCount
}

// TagCount is a tag and how many items carry it.
type TagCount struct {
	Tag
	Count int
}

// TagData is one tag page's data.
type TagData struct {
	Tag       Tag
	Decisions []RecordRef
	Blips     []BlipRef
	Pages     []Link
}

// RoadmapData is the roadmap page's data.
type RoadmapData struct {
	Edition  meta.Date
	Horizons []HorizonView
}

// HorizonView is one roadmap horizon and what is expected to move in it.
type HorizonView struct {
	Horizon  config.Horizon
	From, To meta.Date
	Plans    []PlanView
	Expected []BlipRef // blips whose horizon is this one, with no plan
}

// job is one templated page; body, when set, is rendered into the view's
// Content just before the page is executed, so that rendered markdown
// lives only as long as its page.
type job struct {
	path string
	kind string
	view *View
	body *markdown.Doc
}

// pageJobs prepares the view of every templated page.
func (s *Site) pageJobs() []job {
	sv := &SiteView{Title: s.Config.Title, Description: s.Config.Description, BaseURL: s.Config.BaseURL}
	if u, err := url.Parse(s.Config.BaseURL); err == nil && s.Config.BaseURL != "" {
		sv.BasePath = u.Path
	}
	sv.Menu = []Link{{"Radar", "radar/"}, {"Roadmap", "roadmap/"}, {"Decisions", "decisions/"}, {"Tags", "tags/"}}
	for _, p := range s.Pages {
		if p.Weight > 0 {
			sv.Menu = append(sv.Menu, Link{p.Title, p.URL})
		}
	}
	var jobs []job
	add := func(path, kind, url, title, desc string, body *markdown.Doc, data any) {
		jobs = append(jobs, job{path, kind, &View{Site: sv, Kind: kind, URL: url, Title: title, Description: desc, Data: data}, body})
	}
	placed := s.Radar.Layout()
	numbers := map[*radar.Blip]int{}
	for _, p := range placed {
		numbers[p.Blip] = p.Number
	}
	blipRef := func(b *radar.Blip) BlipRef { return s.blipRef(b, numbers[b]) }
	svgFor := func(url string) template.HTML {
		return template.HTML(s.Radar.SVG(placed, func(b *radar.Blip) string { return markdown.Rel(url, BlipURL(b)) })) //nolint:gosec // escaped by radar.SVG
	}

	concerns := map[string][]RecordRef{} // blip id → decisions naming it
	for _, r := range s.Decisions.Records {
		for _, id := range r.Blips {
			concerns[id] = append(concerns[id], s.recordRef(r))
		}
	}

	home := &HomeData{Radar: svgFor(""), Edition: s.Radar.Edition}
	home.Counts.Decisions, home.Counts.Blips = len(s.Decisions.Records), len(s.Radar.Blips)
	recent := slices.Clone(s.Decisions.Records)
	slices.SortStableFunc(recent, func(a, b *decision.Record) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(b.Number, a.Number))
	})
	for _, r := range recent[:min(8, len(recent))] {
		home.Recent = append(home.Recent, s.recordRef(r))
	}
	for _, p := range s.Problems.Sorted() {
		if p.Severity == diag.Error || !strings.HasPrefix(p.File, s.Config.Radar+"/") {
			continue
		}
		if url, ok := s.pages[p.File]; ok {
			title := url
			if b := s.Radar.Blip(strings.TrimSuffix(strings.TrimPrefix(url, "radar/"), "/")); b != nil {
				title = b.Title
			}
			home.Findings = append(home.Findings, Finding{Severity: p.Severity.String(), Title: title, URL: url, Message: p.Message})
		}
	}
	for _, p := range s.Pages {
		home.Pages = append(home.Pages, Link{p.Title, p.URL})
	}
	add("index.html", "home", "", s.Config.Title, s.Config.Description, nil, home)

	rd := &RadarData{SVG: svgFor("radar/"), Edition: s.Radar.Edition, Rings: s.Config.Rings, Adopting: s.Config.Adopting}
	for _, p := range s.Pages {
		if p.ID == "how-to-read-the-radar" {
			rd.Guide = p.URL
		}
	}
	for _, q := range s.Config.Quadrants {
		ql := QuadrantLegend{Quadrant: q}
		for _, ring := range s.Config.Rings {
			rl := RingLegend{Ring: ring}
			for _, b := range s.Radar.In(q.ID, ring.ID) {
				ref := blipRef(b)
				rl.Blips = append(rl.Blips, ref)
				if s.Radar.Adopting(ring.ID) {
					ql.Use = append(ql.Use, ref)
				}
				if ring.ID == s.Config.Rings[len(s.Config.Rings)-1].ID {
					ql.Hold = append(ql.Hold, HoldRef{ref, s.holdDecisions(b, concerns[b.ID])})
				}
			}
			ql.Rings = append(ql.Rings, rl)
		}
		rd.Legend = append(rd.Legend, ql)
	}
	add("radar/index.html", "radar", "radar/", "Radar", "Which technologies teams may use, and which are on hold.", nil, rd)

	for _, b := range s.Radar.Blips {
		bd := &BlipData{BlipRef: blipRef(b), Reviewed: b.Reviewed, LastReviewed: s.Radar.LastReviewed(b),
			ReviewMonths: s.Config.Review.Months, Horizon: s.horizonTitle(b.Horizon), Tags: tags(b.Tags), Decisions: concerns[b.ID]}
		for _, m := range slices.Backward(b.History) {
			mv := MoveView{Date: m.Date, Ring: s.ring(m.Ring), Note: m.Note}
			if r := s.Decisions.Get("", m.Decision); r != nil {
				ref := s.recordRef(r)
				mv.Decision = &ref
				if !slices.ContainsFunc(bd.Decisions, func(x RecordRef) bool { return x.Number == r.Number }) {
					bd.Decisions = append(bd.Decisions, ref)
				}
			}
			bd.History = append(bd.History, mv)
		}
		for _, p := range b.Roadmap {
			bd.Roadmap = append(bd.Roadmap, PlanView{Blip: bd.BlipRef, Horizon: s.horizon(p.Horizon), Ring: s.ring(p.Ring), Note: p.Note})
		}
		slices.SortFunc(bd.Decisions, func(a, b RecordRef) int { return cmp.Compare(a.Number, b.Number) })
		add(BlipURL(b)+"index.html", "blip", BlipURL(b), b.Title, "", &markdown.Doc{Source: b.Source, URL: BlipURL(b), Body: b.Body, BodyLine: b.BodyLine}, bd)
	}

	add("roadmap/index.html", "roadmap", "roadmap/", "Roadmap", "Planned moves on the radar, by horizon.", nil, s.roadmap(blipRef))

	dd := &DecisionsData{}
	counts := map[string]int{}
	for _, r := range s.Decisions.Records {
		dd.Records = append(dd.Records, s.recordRef(r))
		counts[r.Status]++
	}
	for _, st := range append(slices.Clone(decision.Statuses), sortedKeys(counts)...) {
		if counts[st] > 0 {
			dd.Statuses = append(dd.Statuses, StatusCount{st, counts[st]})
			delete(counts, st)
		}
	}
	add("decisions/index.html", "decisions", "decisions/", "Decisions", "Every architecture decision record, newest last.", nil, dd)

	for _, r := range s.Decisions.Records {
		data := &DecisionData{RecordRef: s.recordRef(r), DecisionMakers: r.DecisionMakers, Consulted: r.Consulted, Informed: r.Informed, Source: r.Source}
		for _, rel := range []struct {
			name string
			ns   []int
		}{{"Supersedes", r.Supersedes}, {"Superseded by", r.SupersededBy}, {"Amends", r.Amends}, {"Amended by", r.AmendedBy}, {"Related", r.Related}} {
			refs := s.refs(r.Folder, rel.ns)
			if len(refs) > 0 {
				data.Relations = append(data.Relations, Relation{rel.name, refs})
			}
		}
		if r.Status == decision.Superseded {
			data.ReplacedBy = s.refs(r.Folder, r.SupersededBy)
		}
		for _, id := range r.Blips {
			if b := s.Radar.Blip(id); b != nil {
				data.Blips = append(data.Blips, blipRef(b))
			}
		}
		add(RecordURL(r)+"index.html", "decision", RecordURL(r), r.Label()+": "+r.Title, "", &markdown.Doc{Source: r.Source, URL: RecordURL(r), Body: r.Body, BodyLine: r.BodyLine}, data)
	}

	for _, p := range s.Pages {
		add(p.URL+"index.html", "page", p.URL, p.Title, p.Description, &markdown.Doc{Source: p.Source, URL: p.URL, Body: p.Body, BodyLine: p.BodyLine}, nil)
	}

	byTag := s.tagIndex(blipRef)
	td := &TagsData{}
	for _, name := range slices.Sorted(maps.Keys(byTag)) {
		t := byTag[name]
		td.Tags = append(td.Tags, TagCount{t.Tag, len(t.Decisions) + len(t.Blips) + len(t.Pages)})
		add(t.Tag.URL+"index.html", "tag", t.Tag.URL, "Tagged “"+t.Tag.Name+"”", "", nil, t)
	}
	add("tags/index.html", "tags", "tags/", "Tags", "", nil, td)
	add("search/index.html", "search", "search/", "Search", "Search every decision, blip and page.", nil, s.searchData())
	add("404.html", "404", "", "Page not found", "", nil, nil)
	return jobs
}

func sortedKeys(m map[string]int) []string { return slices.Sorted(maps.Keys(m)) }

func (s *Site) recordRef(r *decision.Record) RecordRef {
	return RecordRef{Number: r.Number, Label: r.Label(), Title: r.Title, Status: r.Status, Date: r.Date, URL: RecordURL(r), Tags: tags(r.Tags)}
}

func (s *Site) refs(folder string, ns []int) []RecordRef {
	var out []RecordRef
	for _, n := range ns {
		if r := s.Decisions.Get(folder, n); r != nil {
			out = append(out, s.recordRef(r))
		}
	}
	return out
}

func (s *Site) blipRef(b *radar.Blip, number int) BlipRef {
	return BlipRef{Number: number, ID: b.ID, Title: b.Title, URL: BlipURL(b), Ring: s.ring(b.Ring), Quadrant: s.quadrant(b.Quadrant),
		Movement: s.Radar.Movement(b), License: b.License, Verdict: s.Radar.Policy.Verdict(b.License),
		Backing: b.Backing, Owner: b.Owner, Stale: s.Radar.Stale(b)}
}

// holdDecisions are the decisions behind a blip on hold: those that moved
// it there, then those that name it.
func (s *Site) holdDecisions(b *radar.Blip, named []RecordRef) []RecordRef {
	var out []RecordRef
	for _, m := range slices.Backward(b.History) {
		if r := s.Decisions.Get("", m.Decision); r != nil && m.Ring == b.Ring {
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

func (s *Site) ring(id string) config.Segment {
	r, _ := s.Config.Ring(id)
	return r
}

func (s *Site) quadrant(id string) config.Segment {
	q, _ := s.Config.Quadrant(id)
	return q
}

func (s *Site) horizon(id string) config.Horizon {
	for _, h := range s.Config.Horizons {
		if h.ID == id {
			return h
		}
	}
	return config.Horizon{ID: id, Title: id}
}

func (s *Site) horizonTitle(id string) string {
	if id == "" {
		return ""
	}
	return s.horizon(id).Title
}

func (s *Site) roadmap(blipRef func(*radar.Blip) BlipRef) *RoadmapData {
	rd := &RoadmapData{Edition: s.Radar.Edition}
	from := 0
	for _, h := range s.Config.Horizons {
		hv := HorizonView{Horizon: h}
		if !s.Radar.Edition.IsZero() {
			hv.From, hv.To = s.Radar.Edition.AddMonths(from), s.Radar.Edition.AddMonths(h.Months)
		}
		from = h.Months
		for _, b := range s.Radar.Blips {
			planned := false
			for _, p := range b.Roadmap {
				if p.Horizon == h.ID {
					hv.Plans = append(hv.Plans, PlanView{Blip: blipRef(b), Horizon: h, Ring: s.ring(p.Ring), Note: p.Note})
					planned = true
				}
			}
			if !planned && b.Horizon == h.ID && len(b.Roadmap) == 0 {
				hv.Expected = append(hv.Expected, blipRef(b))
			}
		}
		rd.Horizons = append(rd.Horizons, hv)
	}
	return rd
}

// tags turns tag names into tags with URLs, sorted and without repeats.
func tags(names []string) []Tag {
	out := make([]Tag, 0, len(names))
	for _, n := range names {
		if slug := tagSlug(n); slug != "" && !slices.ContainsFunc(out, func(t Tag) bool { return t.URL == "tags/"+slug+"/" }) {
			out = append(out, Tag{Name: n, URL: "tags/" + slug + "/"})
		}
	}
	slices.SortFunc(out, func(a, b Tag) int { return cmp.Compare(a.URL, b.URL) })
	return out
}

// tagSlug makes a URL segment of a tag: lower-case letters and digits of
// any script, other runs of characters become one dash.
func tagSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func (s *Site) tagIndex(blipRef func(*radar.Blip) BlipRef) map[string]*TagData {
	idx := map[string]*TagData{}
	get := func(t Tag) *TagData {
		if idx[t.URL] == nil {
			idx[t.URL] = &TagData{Tag: t}
		}
		return idx[t.URL]
	}
	for _, r := range s.Decisions.Records {
		for _, t := range tags(r.Tags) {
			get(t).Decisions = append(get(t).Decisions, s.recordRef(r))
		}
	}
	for _, b := range s.Radar.Blips {
		for _, t := range tags(b.Tags) {
			get(t).Blips = append(get(t).Blips, blipRef(b))
		}
	}
	for _, p := range s.Pages {
		for _, t := range tags(p.Tags) {
			get(t).Pages = append(get(t).Pages, Link{p.Title, p.URL})
		}
	}
	return idx
}
