package page

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/internal/usage"
)

// manyUsesSite loads the default site with n generated SBOMs of m
// components added, enough for more held uses and licences than /usage/
// lists.
func manyUsesSite(t *testing.T, n, m int) *site.Site {
	t.Helper()
	dir := sitetest.CopyDefaultSite(t, "../..")
	for i := range n {
		b := sitetest.GeneratedBOM(i, m)
		data, err := usage.FormatOf("x.cdx.json").Write(b)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "usage", b.Team, b.Project+".cdx.json")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := site.Load(site.Options{Site: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestUsageListsTheWorstAndSendsTheRestToTeams checks that /usage/ lists
// at most maxHeld held uses and maxLicences licences, worst first, says
// how many more each team has, and that every one of them is on its
// team's page.
func TestUsageListsTheWorstAndSendsTheRestToTeams(t *testing.T) {
	s := manyUsesSite(t, 30, 1500)
	var ud *UsageData
	teams := map[string]*TeamData{}
	for _, p := range Assemble(s) {
		switch d := p.View.Data.(type) {
		case *UsageData:
			ud = d
		case *TeamData:
			teams[d.Team] = d
		}
	}
	if ud == nil {
		t.Fatal("no usage page")
	}
	var held, licences []*usage.Finding
	for i := range s.Usage.Report.Findings {
		switch f := &s.Usage.Report.Findings[i]; f.Kind {
		case usage.Hold:
			held = append(held, f)
		case usage.Denied, usage.Review:
			licences = append(licences, f)
		}
	}
	if len(held) <= maxHeld || len(licences) <= maxLicences {
		t.Fatalf("the fixture has %d held uses and %d licences: too few to cut", len(held), len(licences))
	}

	if len(ud.OnHold) != maxHeld || ud.MoreHeld != len(held)-maxHeld || sumCounts(ud.MoreHeldTeams) != ud.MoreHeld {
		t.Errorf("held: %d listed, %d more, %d more by team; want %d, %d, %d",
			len(ud.OnHold), ud.MoreHeld, sumCounts(ud.MoreHeldTeams), maxHeld, len(held)-maxHeld, len(held)-maxHeld)
	}
	if !slices.IsSortedFunc(ud.OnHold, func(a, b HeldUse) int { return heldViewOrder(a) - heldViewOrder(b) }) {
		t.Error("held uses are not listed worst first")
	}
	if len(ud.Licences) != maxLicences || ud.MoreLicences != len(licences)-maxLicences || sumCounts(ud.MoreLicenceTeams) != ud.MoreLicences {
		t.Errorf("licences: %d listed, %d more, %d more by team; want %d, %d, %d",
			len(ud.Licences), ud.MoreLicences, sumCounts(ud.MoreLicenceTeams), maxLicences, len(licences)-maxLicences, len(licences)-maxLicences)
	}
	if !slices.IsSortedFunc(ud.Licences, func(a, b LicenceUse) int { return verdictOrder(a.Verdict) - verdictOrder(b.Verdict) }) {
		t.Error("licences are not listed denied first")
	}

	for _, f := range held {
		td := teams[f.BOM.Team]
		if td == nil || !teamShowsUse(td, f.Blip, useRow(f.BOM, f.Component)) {
			t.Errorf("%s's page does not show %s %s of %s (on hold)", f.BOM.Team, f.Component.Package, f.Component.Version, f.BOM.Project)
		}
	}
	for _, f := range licences {
		td := teams[f.BOM.Team]
		if td == nil || !slices.ContainsFunc(td.Licences, func(l LicenceUse) bool {
			return l.UseRow == useRow(f.BOM, f.Component) && l.License == f.Component.License
		}) {
			t.Errorf("%s's page does not list %s %s of %s under %q", f.BOM.Team, f.Component.Package, f.Component.Version, f.BOM.Project, f.Component.License)
		}
	}
}

func sumCounts(cs []TeamCount) int {
	n := 0
	for _, c := range cs {
		n += c.N
	}
	return n
}

// heldViewOrder is holdOrder of a held use's view.
func heldViewOrder(h HeldUse) int {
	switch {
	case h.Exception != nil && h.Exception.Expired:
		return 0
	case h.Exception == nil:
		return 1
	}
	return 2
}

func teamShowsUse(td *TeamData, b *radar.Blip, u UseRow) bool {
	for _, r := range td.Rings {
		for _, tb := range r.Blips {
			if tb.Blip.Title == b.Title && slices.Contains(tb.Uses, u) {
				return true
			}
		}
	}
	return false
}
