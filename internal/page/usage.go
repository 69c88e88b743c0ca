package page

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/usage"
)

// The usage pages, made only when the site has usage files:
//
//	usage/index.html          what teams run: team × ring, held technology
//	                          in use, licences, candidates, stale SBOMs
//	usage/<team>/index.html   one team's view

// maxCandidates is how many candidate blips /usage/ lists.
const maxCandidates = 30

// maxLicences is how many denied or unreviewed licences in use /usage/
// lists, denied first; each team's page lists all of its own.
const maxLicences = 100

// maxHeld is how many uses of technology on hold /usage/ lists, those
// without a valid exception first; each team's page lists all of its own
// (under the hold ring) and each blip's page every project that uses it.
// At a few hundred projects the whole list is thousands of rows that no
// one reads on one page, and it is most of what a save of one SBOM
// renders again in the preview.
const maxHeld = 100

// UsageData is the usage page's data.
type UsageData struct {
	Today    meta.Date
	Rings    []radar.Segment
	Hold     string // title of the hold ring
	Teams    []TeamRow
	OnHold   []HeldUse    // expired exceptions first, then none, then excepted; at most maxHeld
	Licences []LicenceUse // denied first, then to review; at most maxLicences
	// MoreHeld counts held uses beyond those listed, and MoreHeldTeams
	// says which teams' pages list them.
	MoreHeld      int
	MoreHeldTeams []TeamCount
	Candidates    []CandidateView
	// MoreCandidates counts candidates beyond the first maxCandidates.
	MoreCandidates int
	MinProjects    int // how many projects make a candidate
	// MoreLicences counts licences beyond the first maxLicences, and
	// MoreLicenceTeams says which teams' pages list them.
	MoreLicences     int
	MoreLicenceTeams []TeamCount
	Stale            []ProjectRef
	Exceptions       []ExceptionView
	Unread           []UnreadFile
	Counts           struct{ Teams, Projects, Components int }
}

// TeamRow is one team's line of the team × ring matrix: how many
// technologies of each ring it uses.
type TeamRow struct {
	Team     string
	URL      string
	Projects int
	Counts   []int // per ring, in the order of UsageData.Rings
}

// TeamCount is how many of something one team has, with its page.
type TeamCount struct {
	Team string
	URL  string
	N    int
}

// ProjectRef is one project's usage file.
type ProjectRef struct {
	Team       string
	TeamURL    string
	Project    string
	Source     string
	Format     string
	Date       meta.Date // zero when the file does not say
	Components int
}

// UseRow is one package of one project that a blip claims.
type UseRow struct {
	Team    string
	TeamURL string
	Project string
	Package string
	Version string
	Date    meta.Date // of the SBOM
}

// HeldUse is a package of a blip on hold that a project still uses.
type HeldUse struct {
	UseRow
	Blip      BlipRef
	Decision  *Link // the decision that put the blip on hold
	Exception *ExceptionView
	Where     string // file:line
}

// LicenceUse is a package under a licence the policy denies or has not
// reviewed.
type LicenceUse struct {
	UseRow
	License   string
	Verdict   string
	Note      string
	Exception *ExceptionView
	Where     string
}

// ExceptionView is a decision's exception, or the one that covers a finding.
type ExceptionView struct {
	Team     string
	TeamURL  string // "" when the team has no usage files
	What     string // the blips' titles or the licences
	Until    meta.Date
	Decision Link // "ADR-0015" and its page
	Title    string
	Expired  bool
}

// CandidateView is a group of packages no blip claims that several
// projects use, with the command that makes a blip of it.
type CandidateView struct {
	Name     string
	Pattern  string
	Projects []string
	Packages []string // up to five
	More     int      // packages beyond those
	Hint     string   // waymark new blip …
}

// UnreadFile is a usage file that was skipped.
type UnreadFile struct {
	Where   string
	Message string
}

// TeamData is a team page's data.
type TeamData struct {
	Team       string
	Projects   []ProjectRef
	First      []Attention // what the team should look at first
	Rings      []TeamRing
	OnHold     []HeldUse
	Licences   []LicenceUse
	Exceptions []ExceptionView
	Unclaimed  int // packages no blip claims
}

// Attention is one thing a team should look at, worst first.
type Attention struct {
	Severity string // policy, warning, excepted
	Message  string
	URL      string // where to read more
}

// TeamRing lists the blips of one ring a team uses.
type TeamRing struct {
	Ring  radar.Segment
	Blips []TeamBlip
}

// TeamBlip is one blip a team uses, and where.
type TeamBlip struct {
	Blip BlipRef
	Uses []UseRow
}

// usageViews is what the usage, team and blip pages share.
type usageViews struct {
	inUse      map[string][]UseRow        // blip id → its uses
	exceptions map[string][]ExceptionView // blip id → exceptions naming it
	all        []ExceptionView
}

func (s assembly) newUsageViews(blipRef func(*radar.Blip) BlipRef) *usageViews {
	uv := &usageViews{inUse: map[string][]UseRow{}, exceptions: map[string][]ExceptionView{}}
	if s.Usage == nil {
		return uv
	}
	for _, u := range s.Usage.Report.Uses {
		for _, b := range u.Blips {
			uv.inUse[b.ID] = append(uv.inUse[b.ID], useRow(u.BOM, u.Component))
		}
	}
	g := s.Usage.Guide
	for i := range g.Exceptions {
		e := &g.Exceptions[i]
		v := s.exceptionView(e)
		uv.all = append(uv.all, v)
		for _, id := range e.Blips {
			uv.exceptions[id] = append(uv.exceptions[id], v)
		}
	}
	slices.SortFunc(uv.all, func(a, b ExceptionView) int {
		return cmp.Or(cmp.Compare(a.Team, b.Team), a.Until.Compare(b.Until), cmp.Compare(a.Decision.Title, b.Decision.Title))
	})
	return uv
}

func useRow(b *usage.BOM, c usage.Component) UseRow {
	name := c.Name
	if name == "" {
		name = c.Package
	}
	return UseRow{Team: b.Team, TeamURL: teamURL(b.Team), Project: b.Project, Package: name, Version: c.Version, Date: b.Date}
}

func (s assembly) exceptionView(e *usage.Exception) ExceptionView {
	var what []string
	for _, id := range e.Blips {
		if b := s.Radar.Blip(id); b != nil {
			what = append(what, b.Title)
		} else {
			what = append(what, id)
		}
	}
	what = append(what, e.Licenses...)
	teamURL := ""
	if slices.Contains(s.Usage.Teams, e.Team) {
		teamURL = site.TeamURL(e.Team)
	}
	return ExceptionView{Team: e.Team, TeamURL: teamURL, What: strings.Join(what, ", "), Until: e.Until,
		Decision: Link{e.Decision.Label, e.Decision.URL}, Title: e.Decision.Title, Expired: e.Expired(s.Usage.Guide.Today)}
}

// hasUsage reports whether the site has usage files to show.
func (s assembly) hasUsage() bool { return s.Usage != nil && len(s.Usage.Report.BOMs) > 0 }

// usageURLs lists the usage pages' URLs, for the sitemap.
func (s assembly) usageURLs() []string {
	if !s.hasUsage() {
		return nil
	}
	out := []string{site.UsageURL}
	for _, t := range s.Usage.Teams {
		out = append(out, site.TeamURL(t))
	}
	return out
}

// usageDocs lists a search document per team, found by its projects' names too.
func (s assembly) usageDocs() []search.Doc {
	if !s.hasUsage() {
		return nil
	}
	projects := map[string][]string{}
	for _, b := range s.Usage.Report.BOMs {
		projects[b.Team] = append(projects[b.Team], b.Project)
	}
	var docs []search.Doc
	for _, t := range s.Usage.Teams {
		docs = append(docs, search.Doc{Type: "team", Title: "Usage of " + t, URL: site.TeamURL(t),
			Words: append([]string{"team", "usage", t}, projects[t]...), Notes: "Projects: " + strings.Join(projects[t], ", ") + "."})
	}
	return docs
}

// usageJobs adds /usage/ and a page per team.
func (s assembly) usageJobs(uv *usageViews, blipRef func(*radar.Blip) BlipRef, add addFunc) {
	if s.Usage == nil || len(s.Usage.Report.BOMs) == 0 {
		return
	}
	r, g := s.Usage.Report, s.Usage.Guide
	// Each blip's reference made once: hundreds of held uses name a few blips.
	refs := map[*radar.Blip]BlipRef{}
	makeRef := blipRef
	blipRef = func(b *radar.Blip) BlipRef {
		ref, ok := refs[b]
		if !ok {
			ref = makeRef(b)
			refs[b] = ref
		}
		return ref
	}
	ud := &UsageData{Today: g.Today, Rings: s.Config.Rings, Hold: g.RingTitle(g.Hold), MinProjects: s.Config.Usage.Candidates, Exceptions: uv.all}
	ud.Counts.Teams = len(s.Usage.Teams)
	ud.Counts.Projects = len(r.BOMs)
	ringIndex := map[string]int{}
	for i, ring := range s.Config.Rings {
		ringIndex[ring.ID] = i
	}
	// Distinct blips per team and ring.
	perTeam := map[string]map[*radar.Blip]bool{}
	for _, u := range r.Uses {
		if perTeam[u.BOM.Team] == nil {
			perTeam[u.BOM.Team] = map[*radar.Blip]bool{}
		}
		for _, b := range u.Blips {
			perTeam[u.BOM.Team][b] = true
		}
	}
	projects := map[string][]ProjectRef{}
	for _, b := range r.BOMs {
		ud.Counts.Components += len(b.Components)
		projects[b.Team] = append(projects[b.Team], projectRef(b))
	}
	for _, t := range s.Usage.Teams {
		row := TeamRow{Team: t, URL: site.TeamURL(t), Projects: len(projects[t]), Counts: make([]int, len(s.Config.Rings))}
		for b := range perTeam[t] {
			row.Counts[ringIndex[b.Ring]]++
		}
		ud.Teams = append(ud.Teams, row)
	}
	var held, licences []*usage.Finding
	byTeam := map[string]*teamFindings{}
	for _, t := range s.Usage.Teams {
		byTeam[t] = &teamFindings{}
	}
	for i := range r.Uses {
		if tf := byTeam[r.Uses[i].BOM.Team]; tf != nil {
			tf.uses = append(tf.uses, &r.Uses[i])
		}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		switch f.Kind {
		case usage.Hold:
			held = append(held, f)
		case usage.Denied, usage.Review:
			licences = append(licences, f)
		}
		if tf := byTeam[f.BOM.Team]; tf != nil {
			tf.findings = append(tf.findings, f)
		}
	}
	// The worst first, as many as a page can show; the views are made
	// only for those shown.
	slices.SortStableFunc(held, func(a, b *usage.Finding) int { return cmp.Compare(holdOrder(a), holdOrder(b)) })
	if len(held) > maxHeld {
		ud.MoreHeld, ud.MoreHeldTeams = len(held)-maxHeld, teamCounts(s.Usage.Teams, held[maxHeld:])
		held = held[:maxHeld]
	}
	for _, f := range held {
		ud.OnHold = append(ud.OnHold, s.heldUse(f, blipRef))
	}
	slices.SortStableFunc(licences, func(a, b *usage.Finding) int { return cmp.Compare(verdictOrder(a.Verdict), verdictOrder(b.Verdict)) })
	if len(licences) > maxLicences {
		ud.MoreLicences, ud.MoreLicenceTeams = len(licences)-maxLicences, teamCounts(s.Usage.Teams, licences[maxLicences:])
		licences = licences[:maxLicences]
	}
	for _, f := range licences {
		ud.Licences = append(ud.Licences, s.licenceUse(f))
	}
	cands := r.Candidates(s.Config.Usage.Candidates)
	if len(cands) > maxCandidates {
		ud.MoreCandidates = len(cands) - maxCandidates
		cands = cands[:maxCandidates]
	}
	for _, c := range cands {
		ud.Candidates = append(ud.Candidates, candidateView(c, s.Config.Quadrants[len(s.Config.Quadrants)-1].ID, s.Config.Rings[min(2, len(s.Config.Rings)-1)].ID))
	}
	for _, b := range r.Stale {
		ud.Stale = append(ud.Stale, projectRef(b))
	}
	for _, p := range s.Problems.Sorted() {
		if p.Severity == diag.Policy && strings.HasPrefix(p.File, s.Config.Usage.Folder+"/") && strings.HasPrefix(p.Message, "skipped: ") {
			ud.Unread = append(ud.Unread, UnreadFile{Where: where(p.File, p.Line), Message: strings.TrimPrefix(p.Message, "skipped: ")})
		}
	}
	add("usage", site.UsageURL, "Usage", "What teams run, judged by the radar and the licence policy.", nil, ud)

	stale := map[string]string{} // team → its stale projects, which its page names
	for _, b := range r.Stale {
		stale[b.Team] += " " + b.Project
	}
	for _, t := range s.Usage.Teams {
		// A team's page is made of its BOMs' judgements and the guidance
		// alone: the report hands it on while those are the same.
		td := r.KeepForTeam(t, "page, stale:"+stale[t], func() any { return s.teamData(t, projects[t], byTeam[t], uv, blipRef) }).(*TeamData)
		add("team", site.TeamURL(t), "Usage of "+t, "What "+t+" runs, ring by ring, and what to look at first.", nil, td)
	}
}

func where(file string, line int) string {
	if line > 0 {
		return file + ":" + strconv.Itoa(line)
	}
	return file
}

// teamURLs holds site.TeamURL of each team met: a slug is made with
// regular expressions, and the usage pages name a team in each of
// thousands of rows.
var teamURLs sync.Map // team → URL

// teamURL is site.TeamURL(team), made once per team.
func teamURL(team string) string {
	if u, ok := teamURLs.Load(team); ok {
		return u.(string)
	}
	u := site.TeamURL(team)
	teamURLs.Store(team, u)
	return u
}

// holdOrder puts a held use whose exception expired first, then one
// without an exception, then one that a valid exception covers.
func holdOrder(f *usage.Finding) int {
	switch {
	case f.Expired:
		return 0
	case f.Exception == nil:
		return 1
	}
	return 2
}

// teamCounts counts findings per team, in the order of teams, leaving
// out teams with none.
func teamCounts(teams []string, fs []*usage.Finding) []TeamCount {
	n := map[string]int{}
	for _, f := range fs {
		n[f.BOM.Team]++
	}
	var out []TeamCount
	for _, t := range teams {
		if n[t] > 0 {
			out = append(out, TeamCount{Team: t, URL: site.TeamURL(t), N: n[t]})
		}
	}
	return out
}

func verdictOrder(v string) int {
	return slices.Index([]string{radar.Denied, radar.Unknown, radar.Review}, v)
}

func projectRef(b *usage.BOM) ProjectRef {
	return ProjectRef{Team: b.Team, TeamURL: teamURL(b.Team), Project: b.Project, Source: b.Source, Format: b.Format, Date: b.Date, Components: len(b.Components)}
}

func (s assembly) heldUse(f *usage.Finding, blipRef func(*radar.Blip) BlipRef) HeldUse {
	h := HeldUse{UseRow: useRow(f.BOM, f.Component), Blip: blipRef(f.Blip), Where: where(f.BOM.Source, f.Component.Line)}
	if f.Decision != nil {
		h.Decision = &Link{f.Decision.Label + " " + f.Decision.Title, f.Decision.URL}
	}
	if f.Exception != nil {
		v := s.exceptionView(f.Exception)
		h.Exception = &v
	}
	return h
}

func (s assembly) licenceUse(f *usage.Finding) LicenceUse {
	l := LicenceUse{UseRow: useRow(f.BOM, f.Component), License: f.Component.License, Verdict: f.Verdict, Note: f.Note, Where: where(f.BOM.Source, f.Component.Line)}
	if f.Exception != nil {
		v := s.exceptionView(f.Exception)
		l.Exception = &v
	}
	return l
}

// candidateView shows a candidate with the command that makes its blip
// (in the last quadrant, where libraries usually go, and the third ring,
// where a technology is assessed; the author changes either at will).
func candidateView(c usage.Candidate, quadrant, ring string) CandidateView {
	v := CandidateView{Name: c.Name, Pattern: c.Pattern, Projects: c.Projects}
	v.Packages = c.Packages[:min(5, len(c.Packages))]
	v.More = len(c.Packages) - len(v.Packages)
	v.Hint = fmt.Sprintf("waymark new blip %q --quadrant %s --ring %s --packages '%s'", c.Name, quadrant, ring, c.Pattern)
	return v
}

// teamFindings are the uses and findings of one team, in report order.
type teamFindings struct {
	uses     []*usage.Use
	findings []*usage.Finding
}

// teamData assembles one team's page: what it should look at first, then
// what it uses ring by ring.
func (s assembly) teamData(team string, projects []ProjectRef, tf *teamFindings, uv *usageViews, blipRef func(*radar.Blip) BlipRef) *TeamData {
	r := s.Usage.Report
	td := &TeamData{Team: team, Projects: projects}
	uses := map[*radar.Blip][]UseRow{}
	for _, u := range tf.uses {
		for _, b := range u.Blips {
			uses[b] = append(uses[b], useRow(u.BOM, u.Component))
		}
	}
	for _, ring := range s.Config.Rings {
		tr := TeamRing{Ring: ring}
		for _, b := range s.Radar.Blips {
			if b.Ring == ring.ID && len(uses[b]) > 0 {
				tr.Blips = append(tr.Blips, TeamBlip{Blip: blipRef(b), Uses: uses[b]})
			}
		}
		td.Rings = append(td.Rings, tr)
	}
	held := map[string]bool{}
	for _, f := range tf.findings {
		switch f.Kind {
		case usage.Hold:
			h := s.heldUse(f, blipRef)
			td.OnHold = append(td.OnHold, h)
			if k := f.BOM.Project + " " + f.Blip.ID; !held[k] {
				held[k] = true
				td.First = append(td.First, holdAttention(f, h))
			}
		case usage.Denied, usage.Review:
			l := s.licenceUse(f)
			td.Licences = append(td.Licences, l)
			if f.Kind == usage.Denied {
				td.First = append(td.First, licenceAttention(f, l))
			}
		}
	}
	for _, b := range r.Stale {
		if b.Team == team {
			td.First = append(td.First, Attention{Severity: "warning", Message: fmt.Sprintf("The SBOM of %s was made on %s; have CI publish a fresh one.", b.Project, b.Date.Human())})
		}
	}
	slices.SortStableFunc(td.First, func(a, b Attention) int { return cmp.Compare(attentionOrder(a.Severity), attentionOrder(b.Severity)) })
	slices.SortStableFunc(td.Licences, func(a, b LicenceUse) int { return cmp.Compare(verdictOrder(a.Verdict), verdictOrder(b.Verdict)) })
	for _, e := range uv.all {
		if e.Team == team {
			td.Exceptions = append(td.Exceptions, e)
		}
	}
	return td
}

func attentionOrder(sev string) int {
	return slices.Index([]string{"policy", "warning", "excepted"}, sev)
}

func holdAttention(f *usage.Finding, h HeldUse) Attention {
	a := Attention{Severity: "warning", URL: h.Blip.URL,
		Message: fmt.Sprintf("%s uses %s, which is on hold.", f.BOM.Project, f.Blip.Title)}
	switch {
	case f.Excepted():
		a.Severity = "excepted"
		a.Message = fmt.Sprintf("%s uses %s, on hold: excepted by %s until %s.", f.BOM.Project, f.Blip.Title, f.Exception.Decision.Label, f.Exception.Until.Human())
	case f.Expired:
		a.Severity = "policy"
		a.Message = fmt.Sprintf("%s uses %s, on hold; the exception of %s expired on %s.", f.BOM.Project, f.Blip.Title, f.Exception.Decision.Label, f.Exception.Until.Human())
	}
	return a
}

func licenceAttention(f *usage.Finding, l LicenceUse) Attention {
	a := Attention{Severity: "policy", URL: "licenses/",
		Message: fmt.Sprintf("%s ships %s %s under %s, which the licence policy denies.", f.BOM.Project, l.Package, l.Version, l.License)}
	if f.Excepted() {
		a.Severity = "excepted"
		a.Message = fmt.Sprintf("%s ships %s under %s: excepted by %s until %s.", f.BOM.Project, l.Package, l.License, f.Exception.Decision.Label, f.Exception.Until.Human())
	} else if f.Expired {
		a.Message += fmt.Sprintf(" The exception of %s expired on %s.", f.Exception.Decision.Label, f.Exception.Until.Human())
	}
	return a
}
