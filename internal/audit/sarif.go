package audit

import (
	"io"

	"github.com/waymark-dev/waymark/internal/sarif"
	"github.com/waymark-dev/waymark/internal/usage"
)

var rules = map[string]struct{ name, text, page string }{
	usage.Hold:    {"HeldTechnology", "A dependency is a technology the radar puts on hold.", "radar/"},
	usage.Denied:  {"DeniedLicence", "A dependency is under a licence the licence policy denies.", "licenses/"},
	usage.Review:  {"UnreviewedLicence", "A dependency's licence is to be reviewed, not in the policy, or not stated.", "licenses/"},
	usage.Unknown: {"NotOnTheRadar", "A dependency is not on the radar.", "radar/"},
}

// sarif writes the findings as a SARIF 2.1.0 log (package sarif): a rule
// per finding kind, a result per finding with its file and line.
func (r *Result) sarif(w io.Writer) error {
	driver := sarif.Driver{Name: "waymark", InformationURI: r.Base}
	for _, k := range usage.Kinds() {
		driver.Rules = append(driver.Rules, sarif.Rule{ID: k, Name: rules[k].name, ShortDescription: sarif.Message{Text: rules[k].text},
			HelpURI: r.link(rules[k].page), DefaultConfiguration: sarif.Config{Level: "warning"}})
	}
	run := sarif.Run{Tool: sarif.Tool{Driver: driver}, Results: []sarif.Result{}}
	for i := range r.Findings {
		f := &r.Findings[i]
		loc := sarif.Location{PhysicalLocation: sarif.PhysicalLocation{ArtifactLocation: sarif.ArtifactLocation{URI: f.BOM.Source}}}
		if f.Component.Line > 0 {
			loc.PhysicalLocation.Region = &sarif.Region{StartLine: f.Component.Line}
		}
		run.Results = append(run.Results, sarif.Result{RuleID: f.Kind, RuleIndex: kindOrder(f.Kind), Level: r.level(f),
			Message: sarif.Message{Text: r.Message(f)}, Locations: []sarif.Location{loc}})
	}
	return (&sarif.Log{Schema: sarif.Schema, Version: sarif.Version, Runs: []sarif.Run{run}}).Write(w)
}
