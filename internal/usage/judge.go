package usage

import (
	"cmp"
	"slices"
	"strings"
	"sync"

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
	candidates map[int][]Candidate // by min, made once
	mu         sync.Mutex
}

// Candidate is a group of packages no blip claims, used by several
// projects: a blip the radar may be missing.
type Candidate struct {
	Pattern  string   // a packages: pattern for a new blip
	Name     string   // for people
	Projects []string // team/project, sorted
	Packages []string // the packages seen, sorted
}

// Judge matches the components of boms against the guide; components of
// a go.mod or pom.xml, which state no licences, get no licence verdict.
// Findings of
// kind Unknown are listed only when unknown is set (audit lists them;
// the site suggests candidates instead).
func (g *Guide) Judge(boms []*BOM, unknown bool) *Report {
	boms = slices.Clone(boms)
	slices.SortFunc(boms, func(a, b *BOM) int {
		return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.Project, b.Project), cmp.Compare(a.Source, b.Source))
	})
	type part struct {
		uses      []Use
		findings  []Finding
		claimed   map[string]bool
		unclaimed []*known // packages no blip claims, each once
	}
	parts := make([]part, len(boms))
	var packages sync.Map // package → *known; most packages recur across projects
	m := g.Matcher()
	parallel.For(len(boms), func(i int) {
		b := boms[i]
		p := part{claimed: map[string]bool{}}
		seen := map[*known]bool{}
		for _, c := range b.Components {
			var k *known
			if c.Package != "" {
				if v, ok := packages.Load(c.Package); ok {
					k = v.(*known)
				} else {
					k = &known{pkg: c.Package, claims: m.Claims(c.Package)}
					if len(k.claims) == 0 {
						k.candidate = candidateKey(c.Package)
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
			if f, ok := g.licence(b, c); ok {
				p.findings = append(p.findings, f)
			}
		}
		parts[i] = p
	})
	r := &Report{BOMs: boms, Claimed: map[string]bool{}, unclaimed: map[string]*Candidate{}}
	for i, p := range parts {
		r.Uses = append(r.Uses, p.uses...)
		r.Findings = append(r.Findings, p.findings...)
		for k := range p.claimed {
			r.Claimed[k] = true
		}
		project := boms[i].ProjectName()
		for _, k := range p.unclaimed {
			c := r.unclaimed[k.candidate]
			if c == nil {
				c = &Candidate{Pattern: k.candidate, Name: candidateName(k.candidate)}
				r.unclaimed[k.candidate] = c
			}
			if n := len(c.Projects); n == 0 || c.Projects[n-1] != project {
				c.Projects = append(c.Projects, project)
			}
			if !k.counted {
				k.counted = true
				c.Packages = append(c.Packages, k.pkg)
			}
		}
		if b := boms[i]; g.Review > 0 && !b.Date.IsZero() && !g.Today.IsZero() && b.Date.AddMonths(g.Review).Compare(g.Today) < 0 {
			r.Stale = append(r.Stale, b)
		}
	}
	return r
}

// known is what Judge learnt of one package: the blips that claim it, or
// the candidate it belongs to.
type known struct {
	pkg       string
	claims    []radar.Claim
	candidate string // candidateKey, for packages no blip claims
	counted   bool   // listed in its candidate's packages (merging is single-threaded)
}

// licence judges a component's licence; ok is false when it is allowed,
// or when it comes from a go.mod or pom.xml, which state no licences.
func (g *Guide) licence(b *BOM, c Component) (Finding, bool) {
	if c.License == "" && (b.Format == "gomod" || b.Format == "maven") {
		return Finding{}, false
	}
	f := Finding{BOM: b, Component: c, Verdict: radar.Unknown}
	switch {
	case c.License == "":
		f.Note = "no licence stated"
	default:
		f.Verdict = g.Policy.Verdict(c.License)
		if f.Verdict == radar.Unknown {
			f.Note = "not in the licence policy"
			if !validLicence(c.License) {
				f.Note = "not an SPDX licence expression"
			}
		}
	}
	switch f.Verdict {
	case radar.Allowed:
		return f, false
	case radar.Denied:
		f.Kind = Denied
	default:
		f.Kind = Review
	}
	g.except(&f, "", licenceIDs(c.License))
	return f, true
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

// Candidates returns the groups of unclaimed packages used by at least
// min projects, most used first.
func (r *Report) Candidates(min int) []Candidate {
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
		projects := slices.Compact(slices.Sorted(slices.Values(c.Projects)))
		if len(projects) < min {
			continue
		}
		out = append(out, Candidate{Pattern: c.Pattern, Name: c.Name, Projects: projects,
			Packages: slices.Compact(slices.Sorted(slices.Values(c.Packages)))})
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(len(b.Projects), len(a.Projects)), cmp.Compare(a.Pattern, b.Pattern))
	})
	if r.candidates == nil {
		r.candidates = map[int][]Candidate{}
	}
	r.candidates[min] = out
	return out
}
