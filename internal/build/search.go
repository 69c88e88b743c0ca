package build

import (
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/search"
)

// searchIndex gathers the search index while pages render: each page's
// body text is taken from its rendered HTML, so markdown is rendered once.
type searchIndex struct {
	b     *search.Builder
	docs  []search.Doc
	byURL map[string]int // page URL → document number
	prev  *searchIndex   // the previous build's, in incremental builds
}

// newSearchIndex lists every decision, blip and free page as a document;
// it returns nil when the site has no search (a nil index does nothing).
func (s *Site) newSearchIndex() *searchIndex {
	if !s.Config.SearchOn() {
		return nil
	}
	if m := s.memo; m != nil && m.sameMeta && m.search != nil {
		// No metadata changed: the documents are the previous build's.
		prev := m.search
		return &searchIndex{b: prev.b.ContinueSame(), docs: prev.docs, byURL: prev.byURL, prev: prev}
	}
	var docs []search.Doc
	for _, r := range s.Decisions.Records {
		docs = append(docs, search.Doc{Type: "decision", Title: r.Title, Label: r.Label(), URL: RecordURL(r),
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
		docs = append(docs, search.Doc{Type: "blip", Title: b.Title, URL: BlipURL(b), Ring: b.Ring, Sector: b.Quadrant,
			Tags: searchTags(b.Tags), Words: []string{"blip", ring.Title, quadrant.Title, b.License, b.Backing, b.Owner},
			Notes: strings.Join(slices.DeleteFunc(notes, func(n string) bool { return n == "" }), ". ")})
	}
	for _, p := range s.Pages {
		docs = append(docs, search.Doc{Type: "page", Title: p.Title, URL: p.URL, Tags: searchTags(p.Tags), Words: []string{"page"}})
	}
	ix := &searchIndex{docs: docs, byURL: make(map[string]int, len(docs))}
	if s.memo != nil && s.memo.search != nil {
		// Continue the previous index, so that pages taken unchanged from
		// the previous build keep their postings without being read again
		// (and, when the documents are the same pages as before, only the
		// changed ones' postings are patched).
		ix.prev = s.memo.search
		ix.b = ix.prev.b.ContinueEdited(docs)
	} else {
		ix.b = search.NewBuilder(docs)
	}
	for i, d := range docs {
		ix.byURL[d.URL] = i
	}
	return ix
}

// add indexes the page at url with its rendered body; pages that are not
// documents are ignored. It is called from several goroutines at once.
func (ix *searchIndex) add(url string, body template.HTML) {
	if ix == nil {
		return
	}
	if i, ok := ix.byURL[url]; ok {
		ix.b.AddHTML(i, string(body))
	}
}

// reuse gives the page at url, taken unchanged from the previous build,
// the postings it had there. It is called from several goroutines at once.
func (ix *searchIndex) reuse(url string) {
	if ix == nil {
		return
	}
	i, ok := ix.byURL[url]
	if !ok || ix.prev == nil {
		return
	}
	if j, ok := ix.prev.byURL[url]; ok {
		ix.b.Reuse(i, ix.prev.b, j)
	}
}

// files returns the index files, under search/.
func (ix *searchIndex) files() ([]search.File, error) {
	if ix == nil {
		return nil, nil
	}
	files, err := ix.b.Files()
	// Every page has its postings now: let the previous build's index go,
	// or each build would keep all the ones before it alive.
	ix.prev = nil
	for i := range files {
		files[i].Name = "search/" + files[i].Name
	}
	return files, err
}

func searchTags(names []string) []search.Tag {
	var out []search.Tag
	for _, t := range tags(names) {
		out = append(out, search.Tag{ID: t.URL[len("tags/") : len(t.URL)-1], Name: t.Name})
	}
	return out
}

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
func (s *Site) searchData(byTag map[string]*TagData) *SearchData {
	sd := &SearchData{Types: []Option{{"decision", "Decisions"}, {"blip", "Radar blips"}, {"page", "Pages"}}}
	counts := map[string]int{}
	for _, r := range s.Decisions.Records {
		counts[r.Status]++
	}
	for _, st := range append(slices.Clone(decision.Statuses()), slices.Sorted(maps.Keys(counts))...) {
		if counts[st] > 0 {
			sd.Statuses = append(sd.Statuses, Option{st, st})
			delete(counts, st)
		}
	}
	segments := func(segs []config.Segment) []Option {
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
