package audit

import (
	"encoding/json"
	"io"

	"github.com/waymark-dev/waymark/internal/usage"
)

// SARIF 2.1.0, the parts code scanning reads: one run of the tool
// "waymark", a rule per finding kind, a result per finding with its file
// and line.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region *sarifRegion `json:"region,omitempty"`
	} `json:"physicalLocation"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

var rules = map[string]struct{ name, text, page string }{
	usage.Hold:    {"HeldTechnology", "A dependency is a technology the radar puts on hold.", "radar/"},
	usage.Denied:  {"DeniedLicence", "A dependency is under a licence the licence policy denies.", "licenses/"},
	usage.Review:  {"UnreviewedLicence", "A dependency's licence is to be reviewed, not in the policy, or not stated.", "licenses/"},
	usage.Unknown: {"NotOnTheRadar", "A dependency is not on the radar.", "radar/"},
}

func (r *Result) sarif(w io.Writer) error {
	driver := sarifDriver{Name: "waymark", InformationURI: r.Base}
	for _, k := range usage.Kinds() {
		rule := sarifRule{ID: k, Name: rules[k].name, ShortDescription: sarifMessage{rules[k].text}, HelpURI: r.link(rules[k].page)}
		rule.DefaultConfiguration.Level = "warning"
		driver.Rules = append(driver.Rules, rule)
	}
	run := sarifRun{Tool: sarifTool{driver}, Results: []sarifResult{}}
	for i := range r.Findings {
		f := &r.Findings[i]
		res := sarifResult{RuleID: f.Kind, RuleIndex: kindOrder(f.Kind), Level: r.level(f), Message: sarifMessage{r.Message(f)}}
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = f.BOM.Source
		if f.Component.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{f.Component.Line}
		}
		res.Locations = []sarifLocation{loc}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}
