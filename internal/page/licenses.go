package page

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/waymark-dev/waymark/internal/radar"
)

// LicensesData is the licence page's data.
type LicensesData struct {
	Policy   radar.Licenses
	Adopting []string
	Groups   []LicenceGroup // by verdict, worst first
	Stale    []BlipRef
	Findings []RadarFinding
	Months   int // review.months
}

// LicenceGroup is the blips that got one verdict.
type LicenceGroup struct {
	Verdict string
	Blips   []BlipRef
}

// RadarFinding is what a reader should know about one blip: its licence
// or backing breaks the policy, or its advice is old. How an author fixes
// it is waymark check's to say, not the page's.
type RadarFinding struct {
	Severity string // policy or warning
	Blip     BlipRef
	Reader   string // the finding in a reader's words
}

func (rv *radarViews) licenses() *LicensesData {
	s := rv.s
	ld := &LicensesData{Policy: s.Config.Licenses, Adopting: s.adoptingTitles(), Months: s.Config.Review.Months}
	for _, v := range []string{radar.Denied, radar.Review, radar.Unknown, radar.Allowed} {
		g := LicenceGroup{Verdict: v}
		for _, b := range s.Radar.Blips {
			if s.Radar.Policy.Verdict(b.License) == v {
				g.Blips = append(g.Blips, rv.ref(b))
			}
		}
		ld.Groups = append(ld.Groups, g)
	}
	first := s.Config.Rings[0]
	for _, b := range s.Radar.Blips {
		ref := rv.ref(b)
		add := func(severity, text string) {
			ld.Findings = append(ld.Findings, RadarFinding{Severity: severity, Blip: ref, Reader: text})
		}
		if s.Radar.Adopting(b.Ring) {
			switch s.Radar.Policy.Verdict(b.License) {
			case radar.Denied:
				add("policy", fmt.Sprintf("Its licence, %s, is denied: it may not stay in %s.", b.License, ref.Ring.Title))
			case radar.Review:
				add("warning", fmt.Sprintf("Its licence, %s, needs a review before a team adopts it.", b.License))
			case radar.Unknown:
				if b.License != "" {
					add("warning", fmt.Sprintf("Its licence, %s, is not on the policy's lists yet: ask before shipping it.", b.License))
				}
			}
			if b.Backing == "individual" && b.Ring == first.ID {
				add("warning", fmt.Sprintf("It is in %s, yet one person maintains it.", first.Title))
			}
		}
		if s.Radar.Stale(b) {
			ld.Stale = append(ld.Stale, ref)
			add("warning", fmt.Sprintf("Not reviewed since %s: its advice may no longer hold.", s.Radar.LastReviewed(b).Human()))
		}
	}
	slices.SortStableFunc(ld.Findings, func(a, b RadarFinding) int { return cmp.Compare(b.Severity, a.Severity) })
	return ld
}
