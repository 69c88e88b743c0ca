package page

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/draw"
	"github.com/waymark-dev/waymark/internal/meta"
)

// HomeData is the home page's data.
type HomeData struct {
	Radar    template.HTML // a picture of the radar, its blips not links: the page links the radar as a whole
	Recent   []RecordRef
	Findings []Finding
	// MoreFindings counts findings beyond the first maxHomeFindings.
	MoreFindings int
	Pages        []Link
	// Reviews are the accepted decisions whose review is overdue.
	Reviews []RecordRef
	Counts  struct{ Decisions, Blips int }
	Edition meta.Date
}

// Finding is a policy or freshness problem shown on the home page.
type Finding struct {
	Severity string
	Title    string // of the blip or record it is about
	URL      string
	Message  string
}

// home assembles the home page's data.
func (s assembly) home(rv *radarViews) *HomeData {
	home := &HomeData{Radar: template.HTML(draw.Radar(rv.layout, draw.RadarOptions{ID: "home-radar", Static: true})), //nolint:gosec // draw.Radar escapes every text and attribute
		Edition: s.Radar.Edition}
	home.Counts.Decisions, home.Counts.Blips = len(s.Decisions.Records), len(s.Radar.Blips)
	recent := slices.Clone(s.Decisions.Records)
	slices.SortStableFunc(recent, func(a, b *decision.Record) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(b.Number, a.Number))
	})
	for _, r := range recent[:min(8, len(recent))] {
		home.Recent = append(home.Recent, s.recordRef(r))
	}
	for _, p := range s.Problems.Sorted() {
		if p.Severity == diag.Error || !strings.HasPrefix(p.File, s.Config.Radar+"/") {
			continue
		}
		if page, ok := s.Page(p.File); ok {
			if len(home.Findings) == maxHomeFindings {
				home.MoreFindings++
				continue
			}
			title := page
			if b := s.Radar.Blip(strings.TrimSuffix(strings.TrimPrefix(page, "radar/"), "/")); b != nil {
				title = b.Title
			}
			home.Findings = append(home.Findings, Finding{Severity: p.Severity.String(), Title: title, URL: page, Message: p.Message})
		}
	}
	for _, r := range s.Decisions.Records {
		if r.ReviewOverdue(s.Today(), s.Config.Lifecycle) {
			home.Reviews = append(home.Reviews, s.recordRef(r))
		}
	}
	for _, p := range s.Pages {
		home.Pages = append(home.Pages, Link{p.Title, p.URL})
	}
	return home
}
