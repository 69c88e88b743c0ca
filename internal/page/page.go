// Package page is the second stage of the pipeline: pure functions from a
// loaded site (package site) to the pages of each kind, with the data each
// page's template receives. It does no I/O and renders no markdown. This
// comment is the theme's contract.
//
// # Pages and URLs
//
//	kind       file                          data
//	home       index.html                    *HomeData: radar, recent decisions, warnings
//	radar      radar/index.html              *RadarData: the radar, a compact drawing of one
//	                                         quadrant for phones, "what may my team use?"
//	                                         per quadrant, the legend, the filter's tags
//	sector     radar/<quadrant>/index.html   *SectorData: one quadrant, drawn from the compact
//	                                         layout (two or more quadrants)
//	editions   radar/editions/index.html     *EditionsData: every edition, from the blips'
//	                                         history (two or more edition dates)
//	edition    radar/editions/<date>/index.html  *EditionData: the radar as it stood, what
//	                                         changed since the edition before
//	view       radar/views/<id>/index.html   *ViewData: a view's radar (waymark.yaml views),
//	                                         and its standalone radar.svg beside it
//	blip       radar/<id>/index.html         *BlipData, and the blip's markdown; its edit link
//	roadmap    roadmap/index.html            *RoadmapData: planned moves by horizon
//	licenses   licenses/index.html           *LicensesData: the policy, verdicts, stale blips
//	decisions  decisions/index.html          *DecisionsData (View "list"), also
//	           decisions/timeline/index.html   (View "timeline") and
//	           decisions/graph/index.html      (View "graph")
//	decision   decisions/<id>/index.html     *DecisionData, and the record's markdown; its
//	                                         contents, previous and next, edit link
//	tags       tags/index.html               *TagsData
//	tag        tags/<tag>/index.html         *TagData
//	page       <page>/index.html             nil, and the page's markdown
//	search     search/index.html             *SearchData: the filters' choices
//	usage      usage/index.html              *UsageData: what teams run (only with usage files)
//	team       usage/<team>/index.html       *TeamData: one team's view
//	404        404.html                      nil; served at any address, so its
//	                                         links start from the base URL's path
//	                                         and the theme inlines its styles
//
// Every template is executed as "base" (templates/base.html together with
// templates/<kind>.html) with a *View: the site-wide SiteView, the page's
// Kind, URL, Title and Description, its rendered markdown as Content and
// the sections of a long body as Contents (for the kinds with markdown)
// and the kind's Data above. View.Rel and
// View.Asset make links relative to the page, so that the site works
// under any sub-path and from disk. View.Diagrams says whether the page's
// markdown has a mermaid diagram (a <pre class="mermaid"> holding its
// source): the default theme loads its diagram script only then.
//
// Besides the pages, each view's radar.svg is a file of its own
// (SVGPaths, StandaloneSVG), made from metadata alone.
//
// # The radar pages and their script
//
// Every list entry of a blip on a radar page carries BlipRef.Data, the
// data-* attributes (data-blip, data-title, data-ring, data-ring-title,
// data-quadrant, data-move, data-tags, data-owner, data-licence,
// data-verdict, data-summary) from which the default theme's radar.js
// builds tooltips and the in-place card and filters the radar; every
// blip drawn carries data-blip. RadarData.Tags are the tags to filter by.
//
// # Template functions
//
//	human DATE        "1 August 2016"
//	day DATE          the date, or nil when unset (for {{with}})
//	join SEP LIST     strings.Join
//	label N           "ADR-0005"
//	title ID          a title made from a file name ("how-to-read" → "How to read")
//	add A B           A+B
//	dict K V …        a map, to pass several values to a sub-template
//	themeCSS FILE     a stylesheet of the theme, to inline (the 404 page)
//
// # The rule that keeps reuse safe
//
// A page's own markdown is its only content that is not in its View when
// Assemble returns (Page.Body, rendered into View.Content by the
// renderer, and Page.Notes, a blip's history notes, into View.Notes). A page never shows another page's rendered markdown: a
// summary of a body on a list page would have to be computed here, from
// the source, so that it is part of that page's data.
package page

import (
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/site"
)

// View is what every template receives.
type View struct {
	Site        *SiteView
	Kind        string // home, radar, blip, …
	URL         string // site-relative URL of the page ("radar/kafka/")
	Title       string
	Description string
	Content     template.HTML // rendered markdown, when the page has a body
	// Contents lists the body's level 2 and 3 sections when it has
	// MinContents or more, for a table of contents; the renderer sets
	// it with Content, from the same parse.
	Contents []markdown.Heading
	// Notes are the page's further markdown rendered (Page.Notes), in
	// order; a note of one paragraph is inline, without the <p>.
	Notes []template.HTML
	Data  any // the kind's own data, see the *Data types
}

// MinContents is how many sections a body has before its page lists them
// at the top.
const MinContents = 4

// Rel returns the relative link from this page to a site-relative target.
// The 404 page is served at any address, so its links start from the
// base URL's path when the site has one (its script makes them relative
// again when the page is opened from disk).
func (v *View) Rel(target string) string {
	if v.Kind == "404" && v.Site.BasePath != "" {
		return v.Site.BasePath + markdown.Rel("", target)
	}
	return markdown.Rel(v.URL, target)
}

// Asset returns the relative link to a file under assets/.
func (v *View) Asset(name string) string { return v.Rel("assets/" + name) }

// Diagrams reports whether the page's markdown has a diagram, so that
// the theme loads the diagram script on this page and no other.
func (v *View) Diagrams() bool { return strings.Contains(string(v.Content), markdown.DiagramMark) }

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
	BasePath    string // path part of BaseURL, where the 404 page's links start
	Menu        []Link
	Search      bool // the site has search (the header box, /search/)
}

// Link is a titled site-relative URL.
type Link struct {
	Title string
	URL   string
}

// Page is one templated page of the site: where it is written, which
// template renders it, and what the template receives. Body, when set, is
// the page's own markdown; the renderer puts it into View.Content just
// before the template runs. Nothing else a page shows may come from
// rendered markdown: the data of every page is complete when Assemble
// returns, which is what lets package incremental key a page by its data.
type Page struct {
	Path string // output file, site-relative ("radar/kafka/index.html")
	Kind string // the template: home, radar, blip, …
	View *View
	Body *markdown.Doc
	// Notes are further markdown the page shows, rendered like Body into
	// View.Notes: a blip's history notes. Their source text is in the
	// page's data, so that the page's key covers them.
	Notes []*markdown.Doc
}

// maxHomeFindings is how many policy and freshness findings the home page
// lists; waymark check lists them all.
const maxHomeFindings = 25

// assembly is the site as the page assemblers read it.
type assembly struct {
	*site.Site
	// facts are the blips' facts by id (blipFactsOf), worked out once
	// for every page that shows them.
	facts map[string]*blipFacts
	// kept is the data of pages taken from the previous assembly, by
	// page file (AssembleAfterUsage); nil for none.
	kept map[string]any
}

// addFunc adds a templated page at a site-relative URL; its file is the
// URL's (site.PageFile), so that no page's file and URL can disagree.
type addFunc func(kind, url, title, desc string, body *markdown.Doc, data any, notes ...*markdown.Doc)

// Assemble returns every templated page of the site, in a fixed order.
func Assemble(ss *site.Site) []Page { return assemble(ss, nil) }

// AssembleAfterUsage assembles the pages of ss as Assemble does, after a
// change to usage files alone since the assembly that made prev, on the
// same day and under the same configuration and theme: the data of the
// pages that no usage file feeds and that cost the most to make, the
// radar's editions (a whole radar each), is taken from prev.
// TestAssembleAfterUsage checks it against Assemble.
func AssembleAfterUsage(ss *site.Site, prev []Page) []Page {
	kept := map[string]any{}
	for _, p := range prev {
		if p.Kind == "edition" || p.Kind == "editions" {
			kept[p.Path] = p.View.Data
		}
	}
	return assemble(ss, kept)
}

func assemble(ss *site.Site, kept map[string]any) []Page {
	s := assembly{Site: ss, facts: blipFactsOf(ss.Radar), kept: kept}
	sv := &SiteView{Title: s.Config.Title, Description: s.Config.Description, BaseURL: s.Config.BaseURL, Search: s.Config.SearchOn()}
	if u, err := url.Parse(s.Config.BaseURL); err == nil && s.Config.BaseURL != "" {
		sv.BasePath = u.Path
	}
	sv.Menu = []Link{{"Radar", "radar/"}, {"Roadmap", "roadmap/"}, {"Decisions", "decisions/"}, {"Tags", "tags/"}}
	if s.hasUsage() {
		sv.Menu = append(sv.Menu, Link{"Usage", site.UsageURL})
	}
	for _, p := range s.Pages {
		if p.Weight > 0 {
			sv.Menu = append(sv.Menu, Link{p.Title, p.URL})
		}
	}
	// adder returns a function that adds jobs to *jobs.
	adder := func(jobs *[]Page) addFunc {
		return func(kind, url, title, desc string, body *markdown.Doc, data any, notes ...*markdown.Doc) {
			*jobs = append(*jobs, Page{Path: site.PageFile(url), Kind: kind, View: &View{Site: sv, Kind: kind, URL: url, Title: title, Description: desc, Data: data}, Body: body, Notes: notes})
		}
	}
	var jobs []Page
	add := adder(&jobs)
	rv := s.newRadarViews()
	blipRef := rv.ref
	rv.usage = s.newUsageViews(blipRef)

	// The radar's pages, the decisions' pages and the tag index are
	// assembled at the same time (they only read the site), and their jobs
	// joined in a fixed order afterwards.
	var radarJobs, decisionJobs []Page
	var byTag map[string]*TagData
	var wg sync.WaitGroup
	wg.Go(func() { s.radarJobs(rv, adder(&radarJobs)) })
	wg.Go(func() { s.decisionJobs(adder(&decisionJobs), blipRef) })
	wg.Go(func() { byTag = s.tagIndex(blipRef) })

	home := s.home(rv)
	add("home", "", s.Config.Title, s.Config.Description, nil, home)

	wg.Wait()
	jobs = append(append(jobs, radarJobs...), decisionJobs...)
	s.usageJobs(rv.usage, blipRef, add)

	for _, p := range s.Pages {
		add("page", p.URL, p.Title, p.Description, &markdown.Doc{Source: p.Source, URL: p.URL, Body: p.Body, BodyLine: p.BodyLine}, nil)
	}

	td := &TagsData{}
	for _, name := range slices.Sorted(maps.Keys(byTag)) {
		t := byTag[name]
		td.Tags = append(td.Tags, TagCount{t.Tag, len(t.Decisions) + len(t.Blips) + len(t.Pages)})
		add("tag", t.Tag.URL, "Tagged “"+t.Tag.Name+"”", "", nil, t)
	}
	add("tags", "tags/", "Tags", "", nil, td)
	if s.Config.SearchOn() {
		add("search", "search/", "Search", "Search every decision, blip and page.", nil, s.searchData(byTag))
	}
	// Served at any address, the 404 page has no URL of its own.
	jobs = append(jobs, Page{Path: "404.html", Kind: "404", View: &View{Site: sv, Kind: "404", Title: "Page not found"}})
	return jobs
}
