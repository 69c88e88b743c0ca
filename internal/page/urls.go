package page

import (
	"maps"
	"slices"

	"github.com/waymark-dev/waymark/internal/site"
)

// URLs lists every page's site-relative URL, for the sitemap.
func URLs(ss *site.Site) []string {
	s := assembly{Site: ss}
	urls := []string{"", "radar/", "roadmap/", "decisions/", "decisions/timeline/", "decisions/graph/", "tags/"}
	if s.Config.SearchOn() {
		urls = append(urls, "search/")
	}
	urls = append(urls, s.radarURLs()...)
	urls = append(urls, s.usageURLs()...)
	for _, r := range s.Decisions.Records {
		urls = append(urls, site.RecordURL(r))
	}
	for _, b := range s.Radar.Blips {
		urls = append(urls, site.BlipURL(b))
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
