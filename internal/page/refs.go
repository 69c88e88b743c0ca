package page

import (
	"html"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// RecordRef is a record as other pages list it.
type RecordRef struct {
	Number int
	Label  string
	Title  string
	Status string
	// StatusWord is the author's own word for Status ("approved"), or "".
	StatusWord string
	Date       meta.Date
	URL        string
	Tags       []Tag
}

// Tag is a tag and the URL of its page.
type Tag struct {
	Name string
	URL  string
	ID   string // the URL segment, as filters name the tag
}

// BlipRef is a blip as other pages list it.
type BlipRef struct {
	Number   int
	ID       string
	Title    string
	URL      string
	Ring     radar.Segment
	Quadrant radar.Segment
	Movement string
	License  string
	Verdict  string
	Backing  string
	Owner    string
	Stale    bool
	// Moved says the blip is new or moved in this edition (Movement is
	// not "none"), and Denied that its stated licence is denied: the
	// radar's lists, hundreds of entries on a page, test these instead of
	// comparing strings in the template.
	Moved, Denied bool
	Tags          []Tag
	// Summary says in a sentence or two what the blip is: its summary
	// front matter, else its body's first paragraph as plain text
	// (blipSummaries), for the radar's in-place card.
	Summary string
	// TagIDs are the URL segments of the blip's tags, space-separated,
	// for a page's script to filter by.
	TagIDs string
	// Data are the data-* attributes the radar pages' script reads: id,
	// title, ring, ring title, quadrant, movement, tags, owner, licence,
	// verdict and summary (made here once: templates that build them for every
	// blip on every page of a large radar take longer than the rest).
	Data template.HTMLAttr
}

func sortedKeys(m map[string]int) []string { return slices.Sorted(maps.Keys(m)) }

func (s assembly) recordRef(r *decision.Record) RecordRef {
	return RecordRef{Number: r.Number, Label: r.Label(), Title: r.Title, Status: r.Status, StatusWord: r.StatusWord, Date: r.Date,
		URL: site.RecordURL(r), Tags: tags(r.Tags)}
}

func (s assembly) refs(folder string, ns []int) []RecordRef {
	var out []RecordRef
	for _, n := range ns {
		if r := s.Decisions.Get(folder, n); r != nil {
			out = append(out, s.recordRef(r))
		}
	}
	return out
}

func (s assembly) blipRef(b *radar.Blip, number int) BlipRef { return s.blipRefIn(s.Radar, b, number) }

// blipRefIn is b as r (the site's radar, an edition or a view) shows it.
// What does not depend on r comes from the blip's facts, worked out once
// for the site (blipFacts): an edition or a view shows the same blips.
func (s assembly) blipRefIn(r *radar.Radar, b *radar.Blip, number int) BlipRef {
	f := s.facts[b.ID]
	if f == nil || f.title != b.Title {
		f = factsOf(b, BlipSummary(b)) // a blip of no file of the site: only in tests
	}
	ref := BlipRef{Number: number, ID: b.ID, Title: b.Title, URL: f.url, Ring: s.ring(b.Ring), Quadrant: s.quadrant(b.Quadrant),
		Movement: r.Movement(b), License: b.License, Verdict: r.Policy.Verdict(b.License),
		Backing: b.Backing, Owner: b.Owner, Stale: r.Stale(b), Tags: f.tags, TagIDs: f.tagIDs, Summary: f.summary}
	ref.Moved = ref.Movement != "" && ref.Movement != radar.NoMove
	ref.Denied = ref.Verdict == radar.Denied && ref.License != ""
	var d strings.Builder
	d.Grow(len(f.head) + len(f.tail) + 160)
	d.WriteString(f.head)
	writeAttr(&d, "ring", ref.Ring.ID)
	writeAttr(&d, "ring-title", ref.Ring.Title)
	writeAttr(&d, "quadrant", ref.Quadrant.Title)
	writeAttr(&d, "move", ref.Movement)
	d.WriteString(f.tail)
	writeAttr(&d, "verdict", ref.Verdict)
	writeAttr(&d, "summary", ref.Summary)
	ref.Data = template.HTMLAttr(d.String()) //nolint:gosec // every value is escaped by writeAttr
	return ref
}

// blipFacts is what every page shows of a blip the same way, whichever
// radar it stands on: its URL, tags, summary and the data attributes
// made of them, escaped.
type blipFacts struct {
	title, url, summary string
	tags                []Tag
	tagIDs              string
	head, tail          string // data-blip and data-title; data-tags, data-owner and data-licence
}

// factsOf works out b's facts, with its summary.
func factsOf(b *radar.Blip, summary string) *blipFacts {
	f := &blipFacts{title: b.Title, url: site.BlipURL(b), summary: summary, tags: tags(b.Tags)}
	ids := make([]string, len(f.tags))
	for i, t := range f.tags {
		ids[i] = t.ID
	}
	f.tagIDs = strings.Join(ids, " ")
	var d strings.Builder
	writeAttr(&d, "blip", b.ID)
	writeAttr(&d, "title", b.Title)
	f.head = d.String()
	d.Reset()
	writeAttr(&d, "tags", f.tagIDs)
	writeAttr(&d, "owner", b.Owner)
	writeAttr(&d, "licence", b.License)
	f.tail = d.String()
	return f
}

// writeAttr writes the data attribute name="value", escaped, unless value
// is empty.
func writeAttr(d *strings.Builder, name, value string) {
	if value != "" {
		d.WriteString(` data-` + name + `="` + html.EscapeString(value) + `"`)
	}
}

func (s assembly) ring(id string) radar.Segment {
	r, _ := s.Radar.Settings.Ring(id)
	return r
}

func (s assembly) quadrant(id string) radar.Segment {
	q, _ := s.Radar.Settings.Quadrant(id)
	return q
}
