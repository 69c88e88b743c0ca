package render

import (
	"cmp"
	"encoding/xml"
	"slices"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/site"
)

func indexJSON(s *site.Site) ([]byte, error) { return page.EncodeIndex(s) } // compact: see Files

func sitemap(s *site.Site) []byte {
	type loc struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []loc    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, u := range page.URLs(s) {
		set.URLs = append(set.URLs, loc{s.Config.BaseURL + u})
	}
	out, _ := xml.Marshal(set) // cannot fail: plain strings
	return append([]byte(xml.Header), out...)
}

// feed is an Atom feed of the 50 newest decisions.
func feed(s *site.Site) ([]byte, error) {
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
		f.ID = "urn:waymark:" + site.TagSlug(s.Config.Title) + ":decisions"
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
		u := s.Config.BaseURL + site.RecordURL(r)
		id := u
		if s.Config.BaseURL == "" {
			id = "urn:waymark:" + site.TagSlug(s.Config.Title) + ":" + site.PathURL(r.ID)
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
