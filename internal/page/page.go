package page

import (
	"html/template"
	"maps"
	"net/url"
	"slices"
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
}

// maxHomeFindings is how many policy and freshness findings the home page
// lists; waymark check lists them all.
const maxHomeFindings = 25

// assembly is the site as the page assemblers read it.
type assembly struct{ *site.Site }

// addFunc adds a templated page.
type addFunc func(path, kind, url, title, desc string, body *markdown.Doc, data any)

// Assemble returns every templated page of the site, in a fixed order.
func Assemble(ss *site.Site) []Page {
	s := assembly{ss}
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
	adder := func(jobs *[]Page) addFunc {
		return func(path, kind, url, title, desc string, body *markdown.Doc, data any) {
			*jobs = append(*jobs, Page{path, kind, &View{Site: sv, Kind: kind, URL: url, Title: title, Description: desc, Data: data}, body})
		}
	}
	var jobs []Page
	add := adder(&jobs)
	rv := s.newRadarViews()
	blipRef := rv.ref

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
