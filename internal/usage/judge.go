package usage

import (
	"cmp"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Finding kinds, the words of audit's --fail-on.
const (
	Hold    = "hold"    // claimed by a blip in the hold ring
	Denied  = "denied"  // under a licence the policy denies
	Review  = "review"  // under a licence to review, one the policy does not list, or none stated
	Unknown = "unknown" // claimed by no blip: not on the radar
)

// Kinds returns the finding kinds, worst first.
func Kinds() []string { return []string{Hold, Denied, Review, Unknown} }

// Finding is one component of one BOM that the guidance has something
// to say about.
type Finding struct {
	Kind      string
	BOM       *BOM
	Component Component
	Blip      *radar.Blip // Hold: the blip on hold
	Decision  *Decision   // Hold: the decision that put it there, when known
	Verdict   string      // Denied, Review: the licence verdict
	Note      string      // Review: why the licence is not judged ("none stated", "not an SPDX expression")
	Exception *Exception  // the exception that covers the finding, valid or expired
	Expired   bool        // the exception has expired: the finding stands
}

// Excepted reports whether a valid exception covers the finding.
func (f *Finding) Excepted() bool { return f.Exception != nil && !f.Expired }

// Use is one component that blips claim.
type Use struct {
	BOM       *BOM
	Component Component
	Blips     []*radar.Blip
}

// Report is what Judge found in a set of BOMs.
type Report struct {
	BOMs     []*BOM // by team, then project
	Uses     []Use  // in BOM order
	Findings []Finding
	Stale    []*BOM // made more than Guide.Review months before Guide.Today
	// Claimed holds "<blip id> <pattern>" for every pattern that claimed
	// a package, so that patterns matching nothing can be reported.
	Claimed map[string]bool

	unclaimed  map[string]*Candidate
	candidates map[int]*candidateList // by min, made once
	teams      map[string]*teamKept   // what was made of each team's BOMs
	mu         sync.Mutex

	// What JudgeAgain takes from this report when the guidance is the
	// same: each BOM's judgement, and what was learnt of packages and
	// licences on the way.
	guide    *Guide
	unknown  bool
	parts    map[*BOM]*part
	packages *sync.Map // package → *known
	licences *sync.Map // licence expression → *licenceVerdict
	numbers  *numbering
}

// numbering numbers packages and candidates as Judge meets them, so that
// merging the BOMs' judgements (hundreds of thousands of unclaimed
// packages) indexes slices instead of maps.
type numbering struct {
	packages atomic.Int64
	mu       sync.Mutex
	cands    map[string]int
}

// candidate returns the number of a candidate key.
func (n *numbering) candidate(key string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	i, ok := n.cands[key]
	if !ok {
		i = len(n.cands)
		n.cands[key] = i
	}
	return i
}

// counts returns how many packages and candidates have numbers.
func (n *numbering) counts() (packages, cands int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return int(n.packages.Load()), len(n.cands)
}

// Candidate is a group of packages no blip claims, used by several
// projects: a blip the radar may be missing.
type Candidate struct {
	Pattern  string   // a packages: pattern for a new blip
	Name     string   // for people
	Projects []string // team/project, sorted
	Packages []string // the packages seen, sorted
}

// part is what Judge found in one BOM.
type part struct {
	uses      []Use
	findings  []Finding
	claimed   map[string]bool
	unclaimed []*known // packages no blip claims, each once
	kept      kept     // what the pages made of it
}

// Judge matches the components of boms against the guide; components of
// a go.mod or pom.xml, which state no licences, get no licence verdict.
// Findings of
// kind Unknown are listed only when unknown is set (audit lists them;
// the site suggests candidates instead).
func (g *Guide) Judge(boms []*BOM, unknown bool) *Report { return g.JudgeAgain(nil, boms, unknown) }

// JudgeAgain judges as Judge does, but takes from prev (an earlier
// report, or nil) the judgement of every BOM it holds, the very same
// *BOM, when prev was judged with the same guidance: blips (the very
// same), rings, licence policy (the very same), decisions, exceptions
// and day. The preview, which keeps the BOMs of unchanged files, so
// judges again only the BOM of an edited file.
func (g *Guide) JudgeAgain(prev *Report, boms []*BOM, unknown bool) *Report {
	boms = slices.Clone(boms)
	slices.SortFunc(boms, func(a, b *BOM) int {
		return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.Project, b.Project), cmp.Compare(a.Source, b.Source))
	})
	r := &Report{BOMs: boms, Claimed: map[string]bool{}, unclaimed: map[string]*Candidate{},
		guide: g, unknown: unknown, parts: make(map[*BOM]*part, len(boms))}
	var kept map[*BOM]*part
	if prev != nil && prev.unknown == unknown && g.same(prev.guide) {
		kept, r.packages, r.licences, r.numbers = prev.parts, prev.packages, prev.licences, prev.numbers
	} else {
		r.packages, r.licences, r.numbers = &sync.Map{}, &sync.Map{}, &numbering{cands: map[string]int{}}
	}
	parts := make([]*part, len(boms))
	m := g.Matcher()
	parallel.For(len(boms), func(i int) {
		if p, ok := kept[boms[i]]; ok {
			parts[i] = p
			return
		}
		parts[i] = g.judgeBOM(boms[i], unknown, m, r)
	})
	nu, nf := 0, 0
	taken := map[*BOM]bool{}
	for i, p := range parts {
		r.parts[boms[i]] = p
		if kept[boms[i]] == p {
			taken[boms[i]] = true
		}
		nu, nf = nu+len(p.uses), nf+len(p.findings)
	}
	r.Uses, r.Findings = make([]Use, 0, nu), make([]Finding, 0, nf)
	for i, p := range parts {
		r.Uses = append(r.Uses, p.uses...)
		r.Findings = append(r.Findings, p.findings...)
		for k := range p.claimed {
			r.Claimed[k] = true
		}
		if b := boms[i]; g.Review > 0 && !b.Date.IsZero() && !g.Today.IsZero() && b.Date.AddMonths(g.Review).Compare(g.Today) < 0 {
			r.Stale = append(r.Stale, b)
		}
	}
	if kept == nil {
		prev = nil // nothing of it may be taken
	}
	r.keepTeams(prev, taken)
	if prev != nil && prev.sameUnclaimed(boms, parts) {
		// No project's unclaimed packages changed (an edit of versions or
		// licences): the candidates are the previous report's.
		r.unclaimed = prev.unclaimed
		prev.mu.Lock()
		r.candidates = maps.Clone(prev.candidates)
		prev.mu.Unlock()
	} else {
		r.mergeUnclaimed(parts)
	}
	return r
}

// mergeUnclaimed groups the packages no blip claims into candidates: for
// each, the projects that use one of its packages (in BOM order) and its
// packages, each once. Hundreds of thousands of packages go through it
// at every SBOM edit in the preview: it counts first, then fills lists
// carved from one array each.
func (r *Report) mergeUnclaimed(parts []*part) {
	np, nc := r.numbers.counts()
	listed := make([]bool, np)
	type acc struct {
		c                  *Candidate
		last               int // 1 + the last BOM that added its project
		projects, packages int // at most this many
	}
	cands := make([]acc, nc)
	nProjects, nPackages := 0, 0
	for i, p := range parts {
		for _, k := range p.unclaimed {
			a := &cands[k.cand]
			if a.last != i+1 {
				a.last = i + 1
				a.projects++
				nProjects++
			}
			if !listed[k.id] {
				listed[k.id] = true
				a.packages++
				nPackages++
			}
		}
	}
	projects, packages := make([]string, nProjects), make([]string, nPackages)
	clear(listed)
	for i, p := range parts {
		project := r.BOMs[i].ProjectName()
		for _, k := range p.unclaimed {
			a := &cands[k.cand]
			if a.c == nil {
				a.c = &Candidate{Pattern: k.candidate, Name: candidateName(k.candidate),
					Projects: projects[:0:a.projects], Packages: packages[:0:a.packages]}
				projects, packages = projects[a.projects:], packages[a.packages:]
				a.last = 0
				r.unclaimed[k.candidate] = a.c
			}
			if a.last != i+1 {
				a.last = i + 1
				// A project's BOMs are next to each other.
				if n := len(a.c.Projects); n == 0 || a.c.Projects[n-1] != project {
					a.c.Projects = append(a.c.Projects, project)
				}
			}
			if !listed[k.id] {
				listed[k.id] = true
				a.c.Packages = append(a.c.Packages, k.pkg)
			}
		}
	}
}

// judgeBOM judges the components of one BOM; r keeps what was learnt of
// each package and licence expression, shared by the BOMs judged at the
// same time and after, under the same guidance.
func (g *Guide) judgeBOM(b *BOM, unknown bool, m *radar.Matcher, r *Report) *part {
	packages, licences := r.packages, r.licences
	p := &part{claimed: map[string]bool{}}
	seen := map[*known]bool{}
	for _, c := range b.Components {
		var k *known
		if c.Package != "" {
			if v, ok := packages.Load(c.Package); ok {
				k = v.(*known)
			} else {
				k = &known{pkg: c.Package, claims: m.Claims(c.Package), id: int(r.numbers.packages.Add(1) - 1)}
				if len(k.claims) == 0 {
					k.candidate = candidateKey(c.Package)
					k.cand = r.numbers.candidate(k.candidate)
				}
				if v, loaded := packages.LoadOrStore(c.Package, k); loaded {
					k = v.(*known)
				}
			}
		}
		var cs []radar.Claim
		if k != nil {
			cs = k.claims
		}
		if len(cs) > 0 {
			u := Use{BOM: b, Component: c}
			for _, cl := range cs {
				p.claimed[cl.Blip.ID+" "+cl.Pattern] = true
				if !slices.Contains(u.Blips, cl.Blip) {
					u.Blips = append(u.Blips, cl.Blip)
				}
			}
			p.uses = append(p.uses, u)
			for _, bl := range u.Blips {
				if bl.Ring == g.Hold {
					f := Finding{Kind: Hold, BOM: b, Component: c, Blip: bl}
					if d, ok := g.Decisions[bl.ID]; ok {
						f.Decision = &d
					}
					g.except(&f, bl.ID, nil)
					p.findings = append(p.findings, f)
				}
			}
		} else if k != nil && !seen[k] {
			seen[k] = true
			p.unclaimed = append(p.unclaimed, k)
			if unknown {
				p.findings = append(p.findings, Finding{Kind: Unknown, BOM: b, Component: c})
			}
		}
		if f, ok := g.licence(b, c, licences); ok {
			p.findings = append(p.findings, f)
		}
	}
	return p
}

// same reports whether g judges every component as o does.
func (g *Guide) same(o *Guide) bool {
	return o != nil && g.Hold == o.Hold && g.Today == o.Today && g.Policy == o.Policy &&
		slices.Equal(g.Blips, o.Blips) && reflect.DeepEqual(g.Rings, o.Rings) &&
		maps.Equal(g.Decisions, o.Decisions) && reflect.DeepEqual(g.Exceptions, o.Exceptions)
}

// known is what Judge learnt of one package: the blips that claim it, or
// the candidate it belongs to.
type known struct {
	pkg       string
	claims    []radar.Claim
	candidate string // candidateKey, for packages no blip claims
	id, cand  int    // numbers of the package and of its candidate
}

// licenceVerdict is what the policy says of one licence expression.
type licenceVerdict struct {
	verdict, note string
	ids           []string // the licences it names, for exceptions
}

// licence judges a component's licence; ok is false when it is allowed,
// or when it comes from a go.mod, a pom.xml or an npm lockfile of version
// 1, which state no licences.
// Each distinct expression is judged once, kept in licences.
func (g *Guide) licence(b *BOM, c Component, licences *sync.Map) (Finding, bool) {
	if c.License == "" && !b.statesLicences() {
		return Finding{}, false
	}
	var v *licenceVerdict
	if x, ok := licences.Load(c.License); ok {
		v = x.(*licenceVerdict)
	} else {
		v = g.judgeLicence(c.License)
		licences.Store(c.License, v)
	}
	if v.verdict == radar.Allowed {
		return Finding{}, false
	}
	f := Finding{BOM: b, Component: c, Verdict: v.verdict, Note: v.note, Kind: Review}
	if v.verdict == radar.Denied {
		f.Kind = Denied
	}
	g.except(&f, "", v.ids)
	return f, true
}

// judgeLicence judges one licence expression ("" when none is stated).
func (g *Guide) judgeLicence(expr string) *licenceVerdict {
	if expr == "" {
		return &licenceVerdict{verdict: radar.Unknown, note: "no licence stated"}
	}
	v := &licenceVerdict{verdict: g.Policy.Verdict(expr)}
	if v.verdict == radar.Unknown {
		v.note = "not in the licence policy"
		switch {
		case !validLicence(expr):
			v.note = "not an SPDX licence expression"
		case strings.Contains(expr, "LicenseRef-"):
			// A licence the SBOM names but SPDX has no id for (trivy and
			// the Maven plugin write names such as "The Apache Software
			// License, Version 2.0"): read, never guessed.
			v.note = "names a licence SPDX has no id for; once reviewed, list its LicenseRef- in the licence policy"
		}
	}
	if v.verdict != radar.Allowed {
		v.ids = licenceIDs(expr)
	}
	return v
}

// except notes the exception that covers f, if any.
func (g *Guide) except(f *Finding, blip string, licences []string) {
	if len(g.Exceptions) == 0 {
		return
	}
	if e := g.covers(f.BOM.Team, blip, licences); e != nil {
		f.Exception, f.Expired = e, e.Expired(g.Today)
	}
}

// candidateKey groups a package with its namespace's other packages
// (pkg:maven/org.springframework/*, pkg:npm/@nestjs/*); a package
// without a namespace, or a Go module, stands alone.
func candidateKey(pkg string) string {
	rest := strings.TrimPrefix(pkg, "pkg:")
	typ, name, _ := strings.Cut(rest, "/")
	i := strings.LastIndex(name, "/")
	if i < 0 || typ == "golang" {
		return pkg
	}
	return "pkg:" + typ + "/" + name[:i] + "/*"
}

// candidateName names a candidate for people: its namespace or package.
func candidateName(key string) string {
	rest := strings.TrimPrefix(key, "pkg:")
	_, name, _ := strings.Cut(rest, "/")
	return strings.TrimSuffix(name, "/*")
}

// sortedSet returns list sorted, each string once, in a slice of its own
// unless list is that already (projects are merged in nearly sorted order:
// checking is cheaper than sorting hundreds of lists of hundreds).
func sortedSet(list []string) []string {
	for i := 1; i < len(list); i++ {
		if list[i-1] >= list[i] {
			return slices.Compact(slices.Sorted(slices.Values(list)))
		}
	}
	return slices.Clip(list)
}

// Candidates returns the groups of unclaimed packages used by at least
// min projects, most used first.
func (r *Report) Candidates(min int) []Candidate { return r.candidateList(min).list }

// candidateList returns the candidates used by at least min projects,
// made once per report, or taken over from the report JudgeAgain took
// them from.
func (r *Report) candidateList(min int) *candidateList {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.candidates[min]; ok {
		return c
	}
	var out []Candidate
	for _, c := range r.unclaimed {
		if len(c.Projects) < min { // each project once: BOMs are merged in order, a project's files together
			continue
		}
		projects := sortedSet(c.Projects)
		if len(projects) < min {
			continue
		}
		out = append(out, Candidate{Pattern: c.Pattern, Name: c.Name, Projects: projects, Packages: sortedSet(c.Packages)})
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(len(b.Projects), len(a.Projects)), cmp.Compare(a.Pattern, b.Pattern))
	})
	if r.candidates == nil {
		r.candidates = map[int]*candidateList{}
	}
	c := &candidateList{list: out}
	r.candidates[min] = c
	return c
}
