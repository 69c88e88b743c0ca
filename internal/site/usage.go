package site

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/slug"
	"github.com/waymark-dev/waymark/internal/usage"
)

// Usage is what the site knows of what teams run: the guide the usage
// folder was judged against and what the judgement found.
type Usage struct {
	Guide  *usage.Guide
	Report *usage.Report
	Teams  []string // every team folder with at least one usage file, sorted
}

// walkUsage lists the usage files under the usage folder. Files that are
// no usage input (a README) are left alone; those that look like one but
// are not read (CycloneDX XML, an SBOM at the wrong depth) get a warning
// with the fix. Unlike the other folders' walk, it enters _manifest, where
// Microsoft's sbom-tool writes its SPDX document.
func (s *Site) walkUsage(dir string) []string {
	var out []string
	byDir := map[string][]string{}
	var others []string
	s.walkFilesHiding(dir, func(name string) bool { return name != "_manifest" && hidden(name) }, func(p, name string) {
		byDir[path.Dir(p)] = append(byDir[path.Dir(p)], name)
		if _, _, _, ok := usage.Locate(strings.TrimPrefix(p, dir+"/")); ok {
			out = append(out, p)
		} else {
			others = append(others, p)
		}
	})
	for _, p := range others {
		if msg, fix, ok := usage.Unread(dir, strings.TrimPrefix(p, dir+"/"), byDir[path.Dir(p)]); ok {
			s.Problems.Add(diag.Warnf(p, 0, fix, "%s", msg))
		}
	}
	return out
}

// parseUsage reads one usage file. A file that cannot be read is left
// out: its problem breaks the policy (check fails) but not the build.
func (s *Site) parseUsage(p string) *usage.BOM {
	data, err := fs.ReadFile(s.opts.Site, p)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	team, project, _, _ := usage.Locate(strings.TrimPrefix(p, s.Config.Usage.Folder+"/"))
	b, warnings, err := s.usageReader.Read(p, team, project, data)
	if err != nil {
		s.Problems.Add(warnings...)
		problems, others := diag.Split(err)
		for _, e := range others {
			problems = append(problems, diag.As(p, e))
		}
		for _, pr := range problems {
			c := *pr
			c.Severity = diag.Policy
			c.Message = "skipped: " + c.Message
			c.Fix += "; until then the file is left out"
			s.Problems.Add(&c)
		}
		return nil
	}
	return b
}

// today is the day exceptions and SBOM ages are judged on.
func (s *Site) today() meta.Date {
	if !s.opts.Today.IsZero() {
		return s.opts.Today
	}
	y, m, d := time.Now().Date()
	return meta.Date{Year: y, Month: m, Day: d}
}

// Guide returns the site's guidance as usage judges it.
func (s *Site) Guide() *usage.Guide {
	g := &usage.Guide{Blips: s.Radar.Blips, Rings: s.Config.Rings, Policy: s.Radar.Policy,
		Decisions: map[string]usage.Decision{}, Today: s.today(), Review: s.Config.Review.Months}
	if n := len(s.Config.Rings); n > 0 {
		g.Hold = s.Config.Rings[n-1].ID
	}
	for _, b := range s.Radar.Blips {
		if r := s.RingDecision(b.ID); r != nil {
			g.Decisions[b.ID] = DecisionRef(r)
		}
	}
	for _, r := range s.Decisions.Records {
		for _, e := range r.Exceptions {
			g.Exceptions = append(g.Exceptions, usage.Exception{Team: e.Team, Blips: e.Blips, Licenses: e.Licenses, Until: e.Until,
				Decision: DecisionRef(r), Source: r.Source, Line: e.Line})
		}
	}
	return g
}

// RingDecision returns the decision that put a blip in its ring: that of
// its latest history entry into the ring that names one.
func (s *Site) RingDecision(id string) *decision.Record {
	b := s.Radar.Blip(id)
	if b == nil {
		return nil
	}
	for i := len(b.History) - 1; i >= 0; i-- {
		m := b.History[i]
		if m.Ring != b.Ring {
			break
		}
		if m.Decision != 0 {
			return s.Decisions.Get("", m.Decision)
		}
	}
	return nil
}

// DecisionRef names a record for usage's findings.
func DecisionRef(r *decision.Record) usage.Decision {
	return usage.Decision{Number: r.Number, Label: r.Label(), Title: r.Title, URL: RecordURL(r)}
}

// judgeUsage judges the usage files against the site's guidance (BOMs
// judged by the last load under the same guidance are not judged again)
// and reports what check reports.
func (s *Site) judgeUsage(boms []*usage.BOM, reuse Reuse) {
	g := s.Guide()
	r := reuse.Judged(func(prev *usage.Report) *usage.Report { return g.JudgeAgain(prev, boms, false) })
	u := &Usage{Guide: g, Report: r}
	for _, b := range r.BOMs {
		if !slices.Contains(u.Teams, b.Team) {
			u.Teams = append(u.Teams, b.Team)
		}
	}
	s.Usage = u
	for _, b := range r.BOMs {
		s.Problems.Add(b.Warnings...)
	}
	s.checkUsage(u)
}

// checkUsage reports held technologies in use, denied licences, expired
// exceptions, stale SBOMs and patterns that match nothing.
func (s *Site) checkUsage(u *Usage) {
	g, r := u.Guide, u.Report
	severity := diag.Warning
	if s.Config.Usage.HoldInUse == "policy" {
		severity = diag.Policy
	}
	// One problem per project and held blip, at its first package.
	type held struct {
		f *usage.Finding
		n int
	}
	holds := map[string]*held{}
	var order []string
	for i := range r.Findings {
		f := &r.Findings[i]
		switch {
		case f.Excepted():
		case f.Kind == usage.Hold:
			k := f.BOM.Source + "\x00" + f.Blip.ID
			if h, ok := holds[k]; ok {
				h.n++
				continue
			}
			holds[k] = &held{f, 0}
			order = append(order, k)
		case f.Kind == usage.Denied:
			c := f.Component
			s.Problems.Add(diag.Policyf(f.BOM.Source, c.Line, fmt.Sprintf("replace it, or grant a time-limited exception in a decision: exceptions: [{team: %s, licenses: [%s], until: YYYY-MM-DD}]", f.BOM.Team, c.License),
				"%s ships %s %s under %s, which the licence policy denies%s", f.BOM.ProjectName(), c.Name, c.Version, c.License, expiredNote(f)))
		}
	}
	for _, k := range order {
		h := holds[k]
		f, c := h.f, h.f.Component
		more := ""
		if h.n > 0 {
			more = fmt.Sprintf(" and %d more of its packages", h.n)
		}
		why := ""
		if f.Decision != nil {
			why = " (" + f.Decision.Label + ")"
		}
		s.Problems.Add(&diag.Problem{File: f.BOM.Source, Line: c.Line, Severity: severity,
			Message: fmt.Sprintf("%s uses %s, on hold%s: %s %s%s%s", f.BOM.ProjectName(), f.Blip.Title, why, c.Name, c.Version, more, expiredNote(f)),
			Fix:     fmt.Sprintf("plan the way out, or grant a time-limited exception in a decision: exceptions: [{team: %s, blips: [%s], until: YYYY-MM-DD}]", f.BOM.Team, f.Blip.ID)})
	}
	for _, b := range r.Stale {
		s.Problems.Add(diag.Warnf(b.Source, 1, "have the team's CI publish a fresh SBOM",
			"SBOM made on %s, more than %d months before %s", b.Date, g.Review, g.Today))
	}
	if len(r.BOMs) > 0 {
		for _, b := range s.Radar.Blips {
			if b.Ring == g.Hold {
				continue // that nobody uses a technology on hold is the point
			}
			for _, p := range b.Packages {
				if !r.Claimed[b.ID+" "+p] {
					s.Problems.Add(diag.Warnf(b.Source, b.Line("packages"), "check the pattern against a team's SBOM, or remove it",
						"packages: %s matches no package any team uses", p))
				}
			}
		}
	}
	for _, e := range g.Exceptions {
		if e.Expired(g.Today) {
			s.Problems.Add(diag.Policyf(e.Source, e.Line, "end the use, or grant a new exception in a new decision",
				"the exception for %s expired on %s", e.Team, e.Until))
		}
		if !slices.Contains(u.Teams, e.Team) && len(r.BOMs) > 0 {
			s.Problems.Add(diag.Warnf(e.Source, e.Line, "name a team folder under "+s.Config.Usage.Folder+"/",
				"exception for team %q, which has no usage files", e.Team))
		}
		for _, id := range e.Blips {
			if s.Radar.Blip(id) == nil {
				s.Problems.Add(diag.Warnf(e.Source, e.Line, "use the blip's file name without .md", "exception for blip %q, which does not exist", id))
			}
		}
	}
	seen := map[string]string{}
	for _, t := range u.Teams {
		if other, ok := seen[slug.Make(t)]; ok || slug.Make(t) == "" {
			s.Problems.Add(diag.Warnf(path.Join(s.Config.Usage.Folder, t), 0, "rename one of the team folders",
				"team %q has the same page as team %q", t, cmp.Or(other, t)))
		}
		seen[slug.Make(t)] = t
	}
}

// expiredNote says that a finding's exception has expired.
func expiredNote(f *usage.Finding) string {
	if f.Exception == nil || !f.Expired {
		return ""
	}
	return fmt.Sprintf("; the exception of %s expired on %s", f.Exception.Decision.Label, f.Exception.Until)
}
