package page

import (
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/site"
)

// SearchData is the search page's data: the choices of its filters.
type SearchData struct {
	Types    []Option
	Statuses []Option
	Rings    []Option
	Sectors  []Option
	Tags     []Option
}

// Option is one choice of a filter.
type Option struct {
	Value, Label string
}

// searchData lists the filters' choices; byTag is the site's tag index.
func (s assembly) searchData(byTag map[string]*TagData) *SearchData {
	sd := &SearchData{Types: []Option{{"decision", "Decisions"}, {"blip", "Radar blips"}, {"page", "Pages"}}}
	if s.hasUsage() {
		sd.Types = append(sd.Types, Option{"team", "Teams"})
	}
	counts := map[string]int{}
	for _, r := range s.Decisions.Records {
		counts[r.Status]++
	}
	for _, st := range append(decision.Statuses(), slices.Sorted(maps.Keys(counts))...) {
		if counts[st] > 0 {
			sd.Statuses = append(sd.Statuses, Option{st, st})
			delete(counts, st)
		}
	}
	segments := func(segs []radar.Segment) []Option {
		var out []Option
		for _, seg := range segs {
			out = append(out, Option{seg.ID, seg.Title})
		}
		return out
	}
	sd.Rings, sd.Sectors = segments(s.Config.Rings), segments(s.Config.Quadrants)
	for _, k := range slices.Sorted(maps.Keys(byTag)) {
		t := byTag[k].Tag
		sd.Tags = append(sd.Tags, Option{t.URL[len("tags/") : len(t.URL)-1], t.Name})
	}
	return sd
}

// SearchDocs lists every decision, blip and free page as a search
// document, without its text: the renderer adds each page's text as it
// renders the page.
func SearchDocs(ss *site.Site) []search.Doc {
	s := assembly{Site: ss}
	var docs []search.Doc
	for _, r := range s.Decisions.Records {
		docs = append(docs, search.Doc{Type: "decision", Title: r.Title, Label: r.Label(), URL: site.RecordURL(r),
			Status: r.Status, Tags: searchTags(r.Tags), Words: slices.Concat([]string{"decision", r.Status}, r.DecisionMakers, r.Consulted, r.Informed)})
	}
	for _, b := range s.Radar.Blips {
		ring, quadrant := s.ring(b.Ring), s.quadrant(b.Quadrant)
		var notes []string
		for _, m := range b.History {
			notes = append(notes, m.Note)
		}
		for _, p := range b.Roadmap {
			notes = append(notes, p.Note)
		}
		docs = append(docs, search.Doc{Type: "blip", Title: b.Title, URL: site.BlipURL(b), Ring: b.Ring, Sector: b.Quadrant,
			Tags: searchTags(b.Tags), Words: []string{"blip", ring.Title, quadrant.Title, b.License, b.Backing, b.Owner},
			Notes: strings.Join(slices.DeleteFunc(notes, func(n string) bool { return n == "" }), ". ")})
	}
	for _, p := range s.Pages {
		docs = append(docs, search.Doc{Type: "page", Title: p.Title, URL: p.URL, Tags: searchTags(p.Tags), Words: []string{"page"}})
	}
	return append(docs, s.usageDocs()...)
}

func searchTags(names []string) []search.Tag {
	var out []search.Tag
	for _, t := range tags(names) {
		out = append(out, search.Tag{ID: t.URL[len("tags/") : len(t.URL)-1], Name: t.Name})
	}
	return out
}
