package build

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"maps"
	"slices"

	"github.com/waymark-dev/waymark/internal/decision"
)

// IndexJSON is /index.json: the site as data. Every key is always present;
// lists are empty rather than missing, and sorted.
type IndexJSON struct {
	Title     string         `json:"title"`
	BaseURL   string         `json:"baseURL"`
	Edition   string         `json:"edition"`
	Decisions []DecisionJSON `json:"decisions"`
	Blips     []BlipJSON     `json:"blips"`
	Pages     []PageJSON     `json:"pages"`
}

// DecisionJSON is a record in /index.json.
type DecisionJSON struct {
	Number         int      `json:"number"`
	ID             string   `json:"id"`
	Folder         string   `json:"folder"`
	Title          string   `json:"title"`
	Status         string   `json:"status"`
	Date           string   `json:"date"`
	URL            string   `json:"url"`
	Source         string   `json:"source"`
	DecisionMakers []string `json:"decisionMakers"`
	Supersedes     []int    `json:"supersedes"`
	SupersededBy   []int    `json:"supersededBy"`
	Amends         []int    `json:"amends"`
	AmendedBy      []int    `json:"amendedBy"`
	Related        []int    `json:"related"`
	Tags           []string `json:"tags"`
	Blips          []string `json:"blips"`
}

// BlipJSON is a blip in /index.json.
type BlipJSON struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Quadrant       string   `json:"quadrant"`
	Ring           string   `json:"ring"`
	URL            string   `json:"url"`
	Source         string   `json:"source"`
	Movement       string   `json:"movement"`
	License        string   `json:"license"`
	LicenseVerdict string   `json:"licenseVerdict"`
	Backing        string   `json:"backing"`
	Owner          string   `json:"owner"`
	Reviewed       string   `json:"reviewed"`
	Stale          bool     `json:"stale"`
	Horizon        string   `json:"horizon"`
	Decisions      []int    `json:"decisions"`
	Tags           []string `json:"tags"`
}

// PageJSON is a free page in /index.json.
type PageJSON struct {
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Source string   `json:"source"`
	Tags   []string `json:"tags"`
}

func sortedCopy[T cmp.Ordered](xs []T) []T {
	out := slices.Clone(xs)
	if out == nil {
		out = []T{}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Index returns the site as data.
func (s *Site) Index() *IndexJSON {
	idx := &IndexJSON{Title: s.Config.Title, BaseURL: s.Config.BaseURL, Edition: s.Radar.Edition.String(),
		Decisions: []DecisionJSON{}, Blips: []BlipJSON{}, Pages: []PageJSON{}}
	concerns := map[string][]int{}
	for _, r := range s.Decisions.Records {
		idx.Decisions = append(idx.Decisions, DecisionJSON{
			Number: r.Number, ID: r.ID, Folder: r.Folder, Title: r.Title, Status: r.Status, Date: r.Date.String(),
			URL: RecordURL(r), Source: r.Source, DecisionMakers: sortedCopy(r.DecisionMakers),
			Supersedes: sortedCopy(r.Supersedes), SupersededBy: sortedCopy(r.SupersededBy),
			Amends: sortedCopy(r.Amends), AmendedBy: sortedCopy(r.AmendedBy), Related: sortedCopy(r.Related),
			Tags: sortedCopy(r.Tags), Blips: sortedCopy(r.Blips),
		})
		if r.Folder == "" {
			for _, id := range r.Blips {
				concerns[id] = append(concerns[id], r.Number)
			}
		}
	}
	for _, b := range s.Radar.Blips {
		ds := concerns[b.ID]
		for _, m := range b.History {
			if m.Decision != 0 {
				ds = append(ds, m.Decision)
			}
		}
		idx.Blips = append(idx.Blips, BlipJSON{
			ID: b.ID, Title: b.Title, Quadrant: b.Quadrant, Ring: b.Ring, URL: BlipURL(b), Source: b.Source,
			Movement: s.Radar.Movement(b), License: b.License, LicenseVerdict: s.Radar.Policy.Verdict(b.License),
			Backing: b.Backing, Owner: b.Owner, Reviewed: b.Reviewed.String(), Stale: s.Radar.Stale(b), Horizon: b.Horizon,
			Decisions: sortedCopy(ds), Tags: sortedCopy(b.Tags),
		})
	}
	slices.SortFunc(idx.Blips, func(a, b BlipJSON) int { return cmp.Compare(a.ID, b.ID) })
	for _, p := range s.Pages {
		idx.Pages = append(idx.Pages, PageJSON{Title: p.Title, URL: p.URL, Source: p.Source, Tags: sortedCopy(p.Tags)})
	}
	slices.SortFunc(idx.Pages, func(a, b PageJSON) int { return cmp.Compare(a.URL, b.URL) })
	return idx
}

func (s *Site) indexJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)   // escapes <, > and & so the data is safe to embed
	err := enc.Encode(s.Index()) // compact: it is minified anyway
	return b.Bytes(), err
}

// urls lists every page's site-relative URL, for the sitemap.
func (s *Site) urls() []string {
	urls := []string{"", "radar/", "roadmap/", "decisions/", "decisions/timeline/", "decisions/graph/", "tags/"}
	if s.Config.SearchOn() {
		urls = append(urls, "search/")
	}
	urls = append(urls, s.radarURLs()...)
	for _, r := range s.Decisions.Records {
		urls = append(urls, RecordURL(r))
	}
	for _, b := range s.Radar.Blips {
		urls = append(urls, BlipURL(b))
	}
	for _, p := range s.Pages {
		urls = append(urls, p.URL)
	}
	tagURLs := map[string]bool{}
	for _, r := range s.Decisions.Records {
		for _, t := range tags(r.Tags) {
			tagURLs[t.URL] = true
		}
	}
	for _, b := range s.Radar.Blips {
		for _, t := range tags(b.Tags) {
			tagURLs[t.URL] = true
		}
	}
	for _, p := range s.Pages {
		for _, t := range tags(p.Tags) {
			tagURLs[t.URL] = true
		}
	}
	return append(urls, slices.Sorted(maps.Keys(tagURLs))...)
}

func (s *Site) sitemap() []byte {
	type loc struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []loc    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, u := range s.urls() {
		set.URLs = append(set.URLs, loc{s.Config.BaseURL + u})
	}
	out, _ := xml.Marshal(set) // cannot fail: plain strings
	return append([]byte(xml.Header), out...)
}

// feed is an Atom feed of the 50 newest decisions.
func (s *Site) feed() ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	f := feed{NS: "http://www.w3.org/2005/Atom", Title: s.Config.Title + ": decisions", ID: s.Config.BaseURL + "feed.xml",
		Links: []link{{Href: s.Config.BaseURL + "feed.xml", Rel: "self"}, {Href: s.Config.BaseURL}}}
	if s.Config.BaseURL == "" {
		f.ID = "urn:waymark:" + tagSlug(s.Config.Title) + ":decisions"
		f.Links = []link{{Href: "feed.xml", Rel: "self"}, {Href: "index.html"}}
	}
	f.Author.Name = s.Config.Title
	recs := slices.Clone(s.Decisions.Records)
	slices.SortStableFunc(recs, func(a, b *decision.Record) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(b.Number, a.Number))
	})
	const stamp = "2006-01-02T15:04:05Z"
	f.Updated = "1970-01-01T00:00:00Z"
	if len(recs) > 0 && !recs[0].Date.IsZero() {
		f.Updated = recs[0].Date.Time().Format(stamp)
	}
	for _, r := range recs[:min(50, len(recs))] {
		u := s.Config.BaseURL + RecordURL(r)
		id := u
		if s.Config.BaseURL == "" {
			id = "urn:waymark:" + tagSlug(s.Config.Title) + ":" + r.ID
		}
		updated := f.Updated
		if !r.Date.IsZero() {
			updated = r.Date.Time().Format(stamp)
		}
		f.Entries = append(f.Entries, entry{Title: r.Label() + ": " + r.Title, ID: id, Link: link{Href: u}, Updated: updated,
			Summary: "Status: " + r.Status})
	}
	out, err := xml.Marshal(f)
	return append([]byte(xml.Header), out...), err
}
