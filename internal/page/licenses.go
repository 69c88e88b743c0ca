package page

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
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

// RadarFinding is a policy or freshness problem of one blip.
type RadarFinding struct {
	Severity string
	Blip     BlipRef
	Where    string // file:line
	Message  string
	Fix      string
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
	for _, b := range s.Radar.Blips {
		if s.Radar.Stale(b) {
			ld.Stale = append(ld.Stale, rv.ref(b))
		}
	}
	for _, p := range sortProblems(s.Radar.Findings()) {
		id := strings.TrimSuffix(p.File[strings.LastIndex(p.File, "/")+1:], ".md")
		b := s.Radar.Blip(id)
		if b == nil || b.Source != p.File {
			continue
		}
		ld.Findings = append(ld.Findings, RadarFinding{Severity: p.Severity.String(), Blip: rv.ref(b),
			Where: fmt.Sprintf("%s:%d", p.File, p.Line), Message: p.Message, Fix: p.Fix})
	}
	return ld
}

// sortProblems orders problems by severity, then file and line.
func sortProblems(ps []*diag.Problem) []*diag.Problem {
	slices.SortStableFunc(ps, func(a, b *diag.Problem) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return ps
}
