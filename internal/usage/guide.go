package usage

import (
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Guide is the guidance projects are judged against: the blips with their
// packages, the ring that means hold, the licence policy and the
// exceptions decisions grant. Package site makes it from a loaded site,
// audit from a published index.json.
type Guide struct {
	Blips      []*radar.Blip // with Packages; in radar order
	Rings      []radar.Segment
	Hold       string // id of the ring whose blips teams should not use: the last ring
	Policy     *radar.Policy
	Decisions  map[string]Decision // blip id → the decision that put it in its ring
	Exceptions []Exception
	Today      meta.Date // exceptions and SBOM ages are judged on this day
	Review     int       // months after which an SBOM is stale; 0: never

	matcher *radar.Matcher
}

// Decision names a decision record for people and links.
type Decision struct {
	Number int
	Label  string // ADR-0005
	Title  string
	URL    string // site-relative
}

// Exception is a decision's time-limited exception, as the guide knows it.
type Exception struct {
	Team     string
	Blips    []string
	Licenses []string
	Until    meta.Date
	Decision Decision
	Source   string // the record's file
	Line     int
}

// Expired reports whether today is after the exception's until date.
func (e *Exception) Expired(today meta.Date) bool { return e.Until.Compare(today) < 0 }

// covers returns the exception of team that covers blip (or, when blip is
// "", one of the licences of expr), preferring one still valid.
func (g *Guide) covers(team, blip string, licences []string) *Exception {
	var found *Exception
	for i := range g.Exceptions {
		e := &g.Exceptions[i]
		if e.Team != team {
			continue
		}
		hit := blip != "" && slices.Contains(e.Blips, blip)
		if blip == "" {
			for _, l := range licences {
				hit = hit || slices.ContainsFunc(e.Licenses, func(x string) bool { return strings.EqualFold(x, l) })
			}
		}
		if hit && (found == nil || found.Expired(g.Today) && !e.Expired(g.Today)) {
			found = e
		}
	}
	return found
}

// Matcher returns the guide's matcher of packages to blips, made once.
func (g *Guide) Matcher() *radar.Matcher {
	if g.matcher == nil {
		g.matcher = radar.NewMatcher(g.Blips)
	}
	return g.matcher
}

// RingTitle returns the title of a ring id.
func (g *Guide) RingTitle(id string) string {
	for _, r := range g.Rings {
		if r.ID == id {
			return r.Title
		}
	}
	return id
}
