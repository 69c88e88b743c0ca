package page

import (
	"cmp"
	"slices"

	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

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

// tags turns tag names into tags with URLs, sorted and without repeats.
func tags(names []string) []Tag {
	out := make([]Tag, 0, len(names))
	for _, n := range names {
		if url := site.TagURL(n); url != "" && !slices.ContainsFunc(out, func(t Tag) bool { return t.URL == url }) {
			out = append(out, Tag{Name: n, URL: url, ID: site.TagSlug(n)})
		}
	}
	slices.SortFunc(out, func(a, b Tag) int { return cmp.Compare(a.URL, b.URL) })
	return out
}

func (s assembly) tagIndex(blipRef func(*radar.Blip) BlipRef) map[string]*TagData {
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
