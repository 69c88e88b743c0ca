package page

import (
	"maps"
	"slices"

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

func (s assembly) blipRef(b *radar.Blip, number int) BlipRef {
	return BlipRef{Number: number, ID: b.ID, Title: b.Title, URL: site.BlipURL(b), Ring: s.ring(b.Ring), Quadrant: s.quadrant(b.Quadrant),
		Movement: s.Radar.Movement(b), License: b.License, Verdict: s.Radar.Policy.Verdict(b.License),
		Backing: b.Backing, Owner: b.Owner, Stale: s.Radar.Stale(b)}
}

func (s assembly) ring(id string) radar.Segment {
	r, _ := s.Radar.Settings.Ring(id)
	return r
}

func (s assembly) quadrant(id string) radar.Segment {
	q, _ := s.Radar.Settings.Quadrant(id)
	return q
}
