package build

import (
	"cmp"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/slug"
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
	Search      bool // the site has search (the header box, /search/)
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
	// MoreFindings counts findings beyond the first maxHomeFindings.
	MoreFindings int
	Pages        []Link
	Counts       struct{ Decisions, Blips int }
	Edition      meta.Date
}

// Finding is a policy or freshness problem shown on the home page.
type Finding struct {
	Severity string
	Title    string // of the blip or record it is about
	URL      string
	Message  string
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

// job is one templated page; body, when set, is rendered into the view's
// Content just before the page is executed, so that rendered markdown
// lives only as long as its page.
// maxHomeFindings is how many policy and freshness findings the home page
// lists; waymark check lists them all.
const maxHomeFindings = 25

type job struct {
	path string
	kind string
	view *View
	body *markdown.Doc
}

// pageJobs prepares the view of every templated page.
func (s *Site) pageJobs() []job {
	sv := &SiteView{Title: s.Config.Title, Description: s.Config.Description, BaseURL: s.Config.BaseURL, Search: s.Config.SearchOn()}
	if u, err := url.Parse(s.Config.BaseURL); err == nil && s.Config.BaseURL != "" {
		sv.BasePath = u.Path
	}
	sv.Menu = []Link{{"Radar", "radar/"}, {"Roadmap", "roadmap/"}, {"Decisions", "decisions/"}, {"Tags", "tags/"}}
	for _, p := range s.Pages {
		if p.Weight > 0 {
			sv.Menu = append(sv.Menu, Link{p.Title, p.URL})
		}
	}
	// adder returns a function that adds jobs to *jobs.
	adder := func(jobs *[]job) addFunc {
		return func(path, kind, url, title, desc string, body *markdown.Doc, data any) {
			*jobs = append(*jobs, job{path, kind, &View{Site: sv, Kind: kind, URL: url, Title: title, Description: desc, Data: data}, body})
		}
	}
	var jobs []job
	add := adder(&jobs)
	rv := s.newRadarViews()
	blipRef := rv.ref

	// The radar's pages, the decisions' pages and the tag index are
	// assembled at the same time (they only read the site), and their jobs
	// joined in a fixed order afterwards.
	var radarJobs, decisionJobs []job
	var byTag map[string]*TagData
	var wg sync.WaitGroup
	wg.Go(func() { s.radarJobs(rv, addJob(adder(&radarJobs))) })
	wg.Go(func() { s.decisionJobs(adder(&decisionJobs), blipRef) })
	wg.Go(func() { byTag = s.tagIndex(blipRef) })

	home := &HomeData{Radar: rv.svg("", ""), Edition: s.Radar.Edition}
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
		if page, ok := s.pages[p.File]; ok {
			if len(home.Findings) == maxHomeFindings {
				home.MoreFindings++
				continue
			}
			title := page
			if b := s.Radar.Blip(strings.TrimSuffix(strings.TrimPrefix(page, "radar/"), "/")); b != nil {
				title = b.Title
			}
			home.Findings = append(home.Findings, Finding{Severity: p.Severity.String(), Title: title, URL: page, Message: p.Message})
		}
	}
	for _, p := range s.Pages {
		home.Pages = append(home.Pages, Link{p.Title, p.URL})
	}
	add("index.html", "home", "", s.Config.Title, s.Config.Description, nil, home)

	wg.Wait()
	jobs = append(append(jobs, radarJobs...), decisionJobs...)

	for _, p := range s.Pages {
		add(p.URL+"index.html", "page", p.URL, p.Title, p.Description, &markdown.Doc{Source: p.Source, URL: p.URL, Body: p.Body, BodyLine: p.BodyLine}, nil)
	}

	td := &TagsData{}
	for _, name := range slices.Sorted(maps.Keys(byTag)) {
		t := byTag[name]
		td.Tags = append(td.Tags, TagCount{t.Tag, len(t.Decisions) + len(t.Blips) + len(t.Pages)})
		add(t.Tag.URL+"index.html", "tag", t.Tag.URL, "Tagged “"+t.Tag.Name+"”", "", nil, t)
	}
	add("tags/index.html", "tags", "tags/", "Tags", "", nil, td)
	if s.Config.SearchOn() {
		add("search/index.html", "search", "search/", "Search", "Search every decision, blip and page.", nil, s.searchData(byTag))
	}
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

func (s *Site) ring(id string) config.Segment {
	r, _ := s.Config.Ring(id)
	return r
}

func (s *Site) quadrant(id string) config.Segment {
	q, _ := s.Config.Quadrant(id)
	return q
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

// tagSlug makes a URL segment of a tag.
func tagSlug(name string) string { return slug.Make(name) }

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
