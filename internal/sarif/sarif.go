// Package sarif writes problems as a SARIF 2.1.0 log, the format code
// scanning services (GitHub, GitLab, Azure DevOps) read.
//
// A log has one run of the tool "waymark". Each kind of finding is a rule
// (reportingDescriptor) with a stable id; each problem is a result with
// its rule, level, message and location: the file as a URI relative to
// the repository root, and the line when it is known. Levels are "error"
// for errors and policy violations (check fails on both) and "warning"
// for warnings.
//
// The package takes diag problems, so that every command that reports
// problems (check; audit for SBOMs) writes the same SARIF.
package sarif

import (
	"cmp"
	"encoding/json"
	"io"
	"path"
	"slices"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Version is the SARIF version written.
const Version = "2.1.0"

// Schema is the URI of the SARIF 2.1.0 JSON schema, named in every log.
const Schema = "https://json.schemastore.org/sarif-2.1.0.json"

// Log is a SARIF log, the parts of the 2.1.0 schema waymark fills.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one run of a tool.
type Run struct {
	Tool    Tool     `json:"tool"`
	Results []Result `json:"results"`
}

// Tool names the tool and its rules.
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver is the tool itself.
type Driver struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []Rule `json:"rules"`
}

// Rule describes one kind of finding.
type Rule struct {
	ID                   string  `json:"id"`
	Name                 string  `json:"name,omitempty"`
	ShortDescription     Message `json:"shortDescription"`
	HelpURI              string  `json:"helpUri,omitempty"`
	DefaultConfiguration Config  `json:"defaultConfiguration"`
}

// Config is a rule's default level.
type Config struct {
	Level string `json:"level"`
}

// Message is a plain-text message.
type Message struct {
	Text string `json:"text"`
}

// Result is one finding.
type Result struct {
	RuleID    string     `json:"ruleId"`
	RuleIndex int        `json:"ruleIndex"`
	Level     string     `json:"level"`
	Message   Message    `json:"message"`
	Locations []Location `json:"locations"`
}

// Location is where a finding is.
type Location struct {
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
}

// PhysicalLocation is a file and, when known, a line.
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation is a file, as a URI relative to the repository root.
type ArtifactLocation struct {
	URI string `json:"uri"`
}

// Region is a line of a file, counted from 1.
type Region struct {
	StartLine int `json:"startLine"`
}

// Options say how problems become a log.
type Options struct {
	// Version is waymark's version, for the driver.
	Version string
	// Dir is the folder problems' files are relative to, as a slash path
	// relative to the repository root ("" or "." for the root itself).
	Dir string
	// Describe returns the short description of a rule from a problem of
	// its kind; nil uses the problem's message.
	Describe func(*diag.Problem) string
}

// Level is the SARIF level of a problem: check fails on errors and policy
// violations, so both are "error".
func Level(p *diag.Problem) string {
	if p.Severity == diag.Warning {
		return "warning"
	}
	return "error"
}

// New makes a log of the problems: a rule per kind (diag.Problem.Rule),
// in id order, and a result per problem, in the order given.
func New(problems []*diag.Problem, opts Options) *Log {
	driver := Driver{Name: "waymark", Version: opts.Version, InformationURI: "https://github.com/waymark-dev/waymark", Rules: []Rule{}}
	index := map[string]int{}
	var ids []string
	first := map[string]*diag.Problem{}
	for _, p := range problems {
		id := p.Rule()
		if _, ok := first[id]; !ok {
			first[id] = p
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for i, id := range ids {
		p := first[id]
		text := p.Message
		if opts.Describe != nil {
			text = opts.Describe(p)
		}
		driver.Rules = append(driver.Rules, Rule{ID: id, ShortDescription: Message{text}, DefaultConfiguration: Config{Level(p)}})
		index[id] = i
	}
	run := Run{Tool: Tool{driver}, Results: []Result{}}
	for _, p := range problems {
		msg := p.Message
		if p.Fix != "" {
			msg += "; " + p.Fix
		}
		loc := Location{PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: URI(opts.Dir, p.File)}}}
		if p.Line > 0 {
			loc.PhysicalLocation.Region = &Region{StartLine: p.Line}
		}
		run.Results = append(run.Results, Result{RuleID: p.Rule(), RuleIndex: index[p.Rule()], Level: Level(p), Message: Message{msg}, Locations: []Location{loc}})
	}
	return &Log{Schema: Schema, Version: Version, Runs: []Run{run}}
}

// Write writes the log as indented JSON.
func (l *Log) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(l)
}

// URI is file, relative to dir, as a slash path relative to the
// repository root.
func URI(dir, file string) string {
	return path.Clean(path.Join(cmp.Or(dir, "."), file))
}
