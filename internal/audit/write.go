package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/usage"
)

// Formats returns the output formats Write knows.
func Formats() []string { return []string{"text", "json", "sarif", "github"} }

// Write writes the result in format: text, json, sarif or github.
func (r *Result) Write(w io.Writer, format string) error {
	switch format {
	case "text":
		return r.text(w)
	case "json":
		return r.json(w)
	case "sarif":
		return r.sarif(w)
	case "github":
		return r.github(w)
	}
	return fmt.Errorf("unknown format %q; use %s", format, strings.Join(Formats(), ", "))
}

// level is how serious a finding is: error when it fails the audit, note
// when an exception covers it or nobody asked to fail on it and it is
// only unknown to the radar, else warning.
func (r *Result) level(f *usage.Finding) string {
	switch {
	case r.Fails(f):
		return "error"
	case f.Excepted() || f.Kind == usage.Unknown:
		return "note"
	}
	return "warning"
}

// listed reports whether text and annotations list f: findings of kind
// unknown only when the audit fails on them (a project has hundreds).
func (r *Result) listed(f *usage.Finding) bool {
	return f.Kind != usage.Unknown || slices.Contains(r.FailOn, usage.Unknown)
}

func (r *Result) text(w io.Writer) error {
	for i := range r.Findings {
		f := &r.Findings[i]
		if !r.listed(f) {
			continue
		}
		where := f.BOM.Source
		if f.Component.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, f.Component.Line)
		}
		fmt.Fprintf(w, "%s: %s %s: %s\n", where, r.level(f), f.Kind, r.Message(f))
	}
	all, failing := r.Counts()
	var parts []string
	for _, k := range usage.Kinds() {
		if all[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", all[k], k))
		}
	}
	components := 0
	for _, f := range r.Files {
		components += f.Components
	}
	summary := "nothing to report"
	if len(parts) > 0 {
		summary = strings.Join(parts, ", ")
	}
	fmt.Fprintf(w, "%d files, %d components: %s", len(r.Files), components, summary)
	if n := all[usage.Unknown]; n > 0 && !slices.Contains(r.FailOn, usage.Unknown) {
		fmt.Fprintf(w, " (the %d not on the radar are listed with --fail-on unknown or --format json)", n)
	}
	fmt.Fprintln(w)
	if r.Failed() {
		var fk []string
		for _, k := range usage.Kinds() {
			if failing[k] > 0 {
				fk = append(fk, fmt.Sprintf("%d %s", failing[k], k))
			}
		}
		_, err := fmt.Fprintf(w, "failed: %s\n", strings.Join(fk, ", "))
		return err
	}
	_, err := fmt.Fprintf(w, "passed (failing on: %s)\n", strings.Join(append([]string{}, r.FailOn...), ", "))
	return err
}

// findingJSON is a finding in audit's JSON output.
type findingJSON struct {
	File      string         `json:"file"`
	Line      int            `json:"line"`
	Kind      string         `json:"kind"`
	Level     string         `json:"level"`
	Package   string         `json:"package"`
	PURL      string         `json:"purl"`
	Version   string         `json:"version"`
	License   string         `json:"license"`
	Verdict   string         `json:"verdict"`
	Blip      *blipJSON      `json:"blip"`
	Decision  *decisionJSON  `json:"decision"`
	Exception *exceptionJSON `json:"exception"`
	Message   string         `json:"message"`
}

type blipJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Ring  string `json:"ring"`
}

type decisionJSON struct {
	Number int    `json:"number"`
	Label  string `json:"label"`
	Title  string `json:"title"`
	URL    string `json:"url"`
}

type exceptionJSON struct {
	Decision decisionJSON `json:"decision"`
	Until    string       `json:"until"`
	Expired  bool         `json:"expired"`
}

func (r *Result) json(w io.Writer) error {
	out := struct {
		Failed   bool          `json:"failed"`
		FailOn   []string      `json:"failOn"`
		Files    []File        `json:"files"`
		Findings []findingJSON `json:"findings"`
	}{Failed: r.Failed(), FailOn: append([]string{}, r.FailOn...), Files: append([]File{}, r.Files...), Findings: []findingJSON{}}
	for i := range r.Findings {
		f := &r.Findings[i]
		c := f.Component
		fj := findingJSON{File: f.BOM.Source, Line: c.Line, Kind: f.Kind, Level: r.level(f), Package: c.Package, PURL: c.PURL,
			Version: c.Version, License: c.License, Verdict: f.Verdict, Message: r.Message(f)}
		if f.Blip != nil {
			fj.Blip = &blipJSON{f.Blip.ID, f.Blip.Title, f.Blip.Ring}
		}
		if d := f.Decision; d != nil {
			fj.Decision = &decisionJSON{d.Number, d.Label, d.Title, r.link(d.URL)}
		}
		if e := f.Exception; e != nil {
			fj.Exception = &exceptionJSON{decisionJSON{e.Decision.Number, e.Decision.Label, e.Decision.Title, r.link(e.Decision.URL)}, e.Until.String(), f.Expired}
		}
		out.Findings = append(out.Findings, fj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// github writes workflow commands that annotate the files of a pull
// request: ::error file=…,line=…,title=…::message.
func (r *Result) github(w io.Writer) error {
	for i := range r.Findings {
		f := &r.Findings[i]
		if !r.listed(f) {
			continue
		}
		level := r.level(f)
		if level == "note" {
			level = "notice"
		}
		props := "file=" + ghProperty(f.BOM.Source)
		if f.Component.Line > 0 {
			props += fmt.Sprintf(",line=%d", f.Component.Line)
		}
		props += ",title=" + ghProperty("waymark "+f.Kind)
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, props, ghData(r.Message(f))); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
