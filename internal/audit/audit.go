// Package audit checks one project's SBOMs or lockfiles against a
// published guide, for a product team's CI: which dependencies are on
// hold, under a licence the policy denies or has not reviewed, or not on
// the radar at all; with the blip, its ring, the licence verdict and the
// decision to read.
//
// The guide is a site folder (loaded without building anything) or the
// index.json of a published site saved to disk: index.json carries the
// rings, every blip's packages and ring decision, the licence policy and
// the exceptions, so a product team needs that one file, not a clone
// (LoadGuide). Run reads the files in the format their names say (package
// usage) and judges them; the team, when given, is the one exceptions
// name. A Result is written as text, JSON, SARIF 2.1.0 or GitHub workflow
// commands (Write); Failed says whether any finding of the kinds to fail
// on stands, that is, is not covered by a valid exception.
package audit

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/usage"
)

// Options say what to audit and how to judge it.
type Options struct {
	Guide  *usage.Guide
	Team   string   // the team exceptions name; "" applies none
	Files  []string // SBOMs and lockfiles, as paths
	FailOn []string // finding kinds that fail the audit
	Base   string   // absolute URL of the published guide, for links; may be ""
}

// Result is what an audit found.
type Result struct {
	Files    []File
	Findings []usage.Finding
	FailOn   []string
	Base     string
	guide    *usage.Guide
}

// File is one audited file.
type File struct {
	Path       string
	Format     string
	Components int
}

// ParseFailOn reads a --fail-on value: finding kinds separated by commas,
// or "none".
func ParseFailOn(v string) ([]string, error) {
	var out []string
	for _, k := range strings.Split(v, ",") {
		k = strings.TrimSpace(k)
		switch {
		case k == "" || k == "none":
		case slices.Contains(usage.Kinds(), k):
			out = append(out, k)
		default:
			return nil, fmt.Errorf("--fail-on: unknown kind %q; use %s, or none", k, strings.Join(usage.Kinds(), ", "))
		}
	}
	return out, nil
}

// Run reads and judges the files. A file that cannot be read is an error
// naming file and line: an audit that skipped a file would pass wrongly.
func Run(o Options) (*Result, error) {
	var boms []*usage.BOM
	r := &Result{FailOn: o.FailOn, Base: o.Base, guide: o.Guide}
	var l diag.List
	for _, p := range o.Files {
		data, err := os.ReadFile(p)
		if err != nil {
			l.Add(diag.Errorf(p, 0, "check the path", "cannot read: %v", err))
			continue
		}
		project := projectName(p)
		b, _, err := usage.Read(filepath.ToSlash(p), o.Team, project, data)
		if err != nil {
			l.AddErr(p, err)
			continue
		}
		boms = append(boms, b)
		r.Files = append(r.Files, File{Path: b.Source, Format: b.Format, Components: len(b.Components)})
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	rep := o.Guide.Judge(boms, true)
	r.Findings = rep.Findings
	slices.SortStableFunc(r.Findings, func(a, b usage.Finding) int {
		return cmp.Or(cmp.Compare(a.BOM.Source, b.BOM.Source), cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.Component.Line, b.Component.Line))
	})
	return r, nil
}

func kindOrder(k string) int { return slices.Index(usage.Kinds(), k) }

// projectName names the project of a file: its name without the
// format's suffix for an SBOM named after its project (checkout.cdx.json),
// else its folder, above the folders build tools write their SBOMs into
// (target/bom.json, build/reports/bom.json,
// _manifest/spdx_2.2/manifest.spdx.json name the folder that holds them).
func projectName(p string) string {
	base := filepath.Base(p)
	if s := usage.ProjectSuffix(base); s != "" && !genericName(strings.TrimSuffix(base, s)) {
		return strings.TrimSuffix(base, s)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return base
	}
	dir := filepath.Dir(abs)
	for toolOutput(filepath.Base(dir)) && filepath.Dir(dir) != dir {
		dir = filepath.Dir(dir)
	}
	return filepath.Base(dir)
}

// genericName reports whether an SBOM's name without its suffix is the
// name a tool gives every SBOM (sbom.cdx.json, manifest.spdx.json).
func genericName(stem string) bool {
	switch strings.ToLower(stem) {
	case "bom", "sbom", "manifest", "cyclonedx", "spdx":
		return true
	}
	return false
}

// toolOutput reports whether a folder's name is one build tools write
// their SBOMs into, rather than a project's.
func toolOutput(name string) bool {
	switch strings.ToLower(name) {
	case "target", "build", "dist", "out", "reports", "sbom", "sboms", "_manifest", ".sbom":
		return true
	}
	return strings.HasPrefix(strings.ToLower(name), "spdx_")
}

// Fails reports whether f makes the audit fail: its kind is one to fail
// on and no valid exception covers it.
func (r *Result) Fails(f *usage.Finding) bool {
	return slices.Contains(r.FailOn, f.Kind) && !f.Excepted()
}

// Failed reports whether any finding fails the audit.
func (r *Result) Failed() bool {
	for i := range r.Findings {
		if r.Fails(&r.Findings[i]) {
			return true
		}
	}
	return false
}

// Counts returns how many findings of each kind there are, and how many
// of those fail.
func (r *Result) Counts() (all, failing map[string]int) {
	all, failing = map[string]int{}, map[string]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		all[f.Kind]++
		if r.Fails(f) {
			failing[f.Kind]++
		}
	}
	return all, failing
}

// link makes a site-relative URL absolute when the guide's base is known.
func (r *Result) link(u string) string {
	if u == "" || r.Base == "" {
		return u
	}
	return strings.TrimSuffix(r.Base, "/") + "/" + u
}

// Message says what a finding is, in one sentence, for every format.
func (r *Result) Message(f *usage.Finding) string {
	c := f.Component
	name := cmp.Or(c.Name, c.Package)
	if c.Version != "" {
		name += " " + c.Version
	}
	var s string
	switch f.Kind {
	case usage.Hold:
		s = fmt.Sprintf("%s is %s, which the radar puts on %s", name, f.Blip.Title, r.guide.RingTitle(f.Blip.Ring))
		if f.Decision != nil {
			s += fmt.Sprintf("; read %s %s", f.Decision.Label, f.Decision.Title)
			if u := r.link(f.Decision.URL); u != "" {
				s += " (" + u + ")"
			}
		}
	case usage.Denied:
		s = fmt.Sprintf("%s is under %s, which the licence policy denies", name, c.License)
	case usage.Review:
		s = fmt.Sprintf("%s: licence %s (%s)", name, cmp.Or(c.License, "not stated"), cmp.Or(f.Note, "to be reviewed before teams ship it"))
		if f.Verdict == "review" {
			s = fmt.Sprintf("%s is under %s, which the licence policy asks to review", name, c.License)
		}
	case usage.Unknown:
		s = fmt.Sprintf("%s (%s) is not on the radar", name, c.Package)
	}
	if f.Exception != nil {
		e := f.Exception
		if f.Expired {
			s += fmt.Sprintf("; the exception of %s expired on %s", e.Decision.Label, e.Until)
		} else {
			s += fmt.Sprintf("; excepted by %s until %s", e.Decision.Label, e.Until)
		}
	}
	return s
}
