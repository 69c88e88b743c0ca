package page

import (
	"slices"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/usage"
)

// RingJSON is a ring in /index.json, from the centre out; the last ring
// is the one whose blips teams should not use.
type RingJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Adopting bool   `json:"adopting"`
}

// PolicyJSON is the licence policy in /index.json, as SPDX ids.
type PolicyJSON struct {
	Allowed []string `json:"allowed"`
	Review  []string `json:"review"`
	Denied  []string `json:"denied"`
}

// ExceptionJSON is a decision's time-limited exception in /index.json.
type ExceptionJSON struct {
	Team          string   `json:"team"`
	Blips         []string `json:"blips"`
	Licenses      []string `json:"licenses"`
	Until         string   `json:"until"`
	Decision      int      `json:"decision"`
	DecisionLabel string   `json:"decisionLabel"`
	DecisionTitle string   `json:"decisionTitle"`
	DecisionURL   string   `json:"decisionURL"`
	Source        string   `json:"source"`
	Line          int      `json:"line"`
}

// UsageJSON is what teams run, in /index.json.
type UsageJSON struct {
	Judged     string          `json:"judged"` // the day exceptions and ages were judged on; "" without usage files
	Projects   []ProjectJSON   `json:"projects"`
	Candidates []CandidateJSON `json:"candidates"`
}

// ProjectJSON is one project's usage file and what it was found to use.
type ProjectJSON struct {
	Team       string        `json:"team"`
	Project    string        `json:"project"`
	URL        string        `json:"url"` // the team's page
	Source     string        `json:"source"`
	Format     string        `json:"format"`
	Date       string        `json:"date"`
	Stale      bool          `json:"stale"`
	Components int           `json:"components"`
	Blips      []string      `json:"blips"` // ids of the blips it uses
	Findings   []FindingJSON `json:"findings"`
}

// FindingJSON is a held technology in use or a licence to look at.
type FindingJSON struct {
	Kind      string `json:"kind"` // hold, denied, review
	Package   string `json:"package"`
	PURL      string `json:"purl"`
	Version   string `json:"version"`
	License   string `json:"license"`
	Verdict   string `json:"verdict"`
	Blip      string `json:"blip"`
	Decision  int    `json:"decision"`
	Exception int    `json:"exception"` // the decision granting an exception, 0 for none
	Expired   bool   `json:"expired"`
	Line      int    `json:"line"`
}

// CandidateJSON is a group of packages no blip claims, used by several projects.
type CandidateJSON struct {
	Pattern  string   `json:"pattern"`
	Projects []string `json:"projects"`
	Packages []string `json:"packages"`
}

// guideJSON adds to the index what audit needs to judge a project without
// the site's sources: the rings, the licence policy and the exceptions;
// and what teams run, its lists only when lists is set.
func guideJSON(s *site.Site, idx *IndexJSON, lists bool) {
	idx.Rings = []RingJSON{}
	for _, r := range s.Config.Rings {
		idx.Rings = append(idx.Rings, RingJSON{ID: r.ID, Title: r.Title, Adopting: s.Radar.Adopting(r.ID)})
	}
	l := s.Config.Licenses
	idx.LicensePolicy = PolicyJSON{Allowed: sortedCopy(l.Allowed), Review: sortedCopy(l.Review), Denied: sortedCopy(l.Denied)}
	idx.Exceptions = []ExceptionJSON{}
	idx.Usage = UsageJSON{Projects: []ProjectJSON{}, Candidates: []CandidateJSON{}}
	if s.Usage == nil {
		return
	}
	g, r := s.Usage.Guide, s.Usage.Report
	for _, e := range g.Exceptions {
		idx.Exceptions = append(idx.Exceptions, ExceptionJSON{Team: e.Team, Blips: sortedCopy(e.Blips), Licenses: sortedCopy(e.Licenses),
			Until: e.Until.String(), Decision: e.Decision.Number, DecisionLabel: e.Decision.Label, DecisionTitle: e.Decision.Title,
			DecisionURL: e.Decision.URL, Source: e.Source, Line: e.Line})
	}
	if len(r.BOMs) == 0 {
		return
	}
	idx.Usage.Judged = g.Today.String()
	if !lists {
		return
	}
	per := usageByBOM(r)
	for _, b := range r.BOMs {
		idx.Usage.Projects = append(idx.Usage.Projects, projectJSON(b, per[b], slices.Contains(r.Stale, b)))
	}
	idx.Usage.Candidates = candidatesJSON(r.Candidates(s.Config.Usage.Candidates))
}

// bomUsage is one BOM's uses and findings, in report order.
type bomUsage struct {
	uses     []*usage.Use
	findings []*usage.Finding
}

// usageByBOM groups a report's uses and findings by BOM.
func usageByBOM(r *usage.Report) map[*usage.BOM]*bomUsage {
	per := make(map[*usage.BOM]*bomUsage, len(r.BOMs))
	for _, b := range r.BOMs {
		per[b] = &bomUsage{}
	}
	for i := range r.Uses {
		if u := per[r.Uses[i].BOM]; u != nil {
			u.uses = append(u.uses, &r.Uses[i])
		}
	}
	for i := range r.Findings {
		if u := per[r.Findings[i].BOM]; u != nil {
			u.findings = append(u.findings, &r.Findings[i])
		}
	}
	return per
}

// projectJSON is one BOM in /index.json: made from the BOM, its uses and
// findings and whether it is stale, and nothing else (KeepForBOM).
func projectJSON(b *usage.BOM, u *bomUsage, stale bool) ProjectJSON {
	p := ProjectJSON{Team: b.Team, Project: b.Project, URL: site.TeamURL(b.Team),
		Source: b.Source, Format: b.Format, Date: b.Date.String(), Stale: stale, Components: len(b.Components),
		Blips: []string{}, Findings: []FindingJSON{}}
	for _, use := range u.uses {
		for _, bl := range use.Blips {
			if !slices.Contains(p.Blips, bl.ID) {
				p.Blips = append(p.Blips, bl.ID)
			}
		}
	}
	for _, f := range u.findings {
		fj := FindingJSON{Kind: f.Kind, Package: f.Component.Package, PURL: f.Component.PURL, Version: f.Component.Version,
			License: f.Component.License, Verdict: f.Verdict, Expired: f.Expired, Line: f.Component.Line}
		if f.Blip != nil {
			fj.Blip = f.Blip.ID
		}
		if f.Decision != nil {
			fj.Decision = f.Decision.Number
		}
		if f.Exception != nil {
			fj.Exception = f.Exception.Decision.Number
		}
		p.Findings = append(p.Findings, fj)
	}
	slices.Sort(p.Blips)
	return p
}

// candidatesJSON is the candidates in /index.json.
func candidatesJSON(cs []usage.Candidate) []CandidateJSON {
	out := []CandidateJSON{}
	for _, c := range cs {
		out = append(out, CandidateJSON{Pattern: c.Pattern, Projects: c.Projects, Packages: c.Packages})
	}
	return out
}
