package usage

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	jsonv2 "github.com/go-json-experiment/json"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// cyclonedxFormat reads and writes CycloneDX JSON, spec 1.4 to 1.7.
type cyclonedxFormat struct{}

func (cyclonedxFormat) Name() string   { return "cyclonedx" }
func (cyclonedxFormat) Suffix() string { return ".cdx.json" }

// Read decodes the document into cdxDocument (cyclonedx-go's types for
// the spec version and licences, its field names for the rest) and
// flattens its components, nested ones included; the BOM's own component
// (metadata.component) is the project, not a dependency.
func (f cyclonedxFormat) Read(file string, data []byte) (*BOM, []*diag.Problem, error) {
	return f.read(nil, file, data)
}

// read reads with r's package URLs and licences (nil: afresh).
func (cyclonedxFormat) read(r *Reader, file string, data []byte) (*BOM, []*diag.Problem, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, jsonProblem(file, data, errEmpty)
	}
	// The decoder refuses JSON nested deeper than 10,000 levels itself;
	// components nested deeper than MaxDepth are refused below. (A scan of
	// the nesting before decoding would cost a tenth of the reading.)
	var doc cdxDocument
	if err := jsonv2.Unmarshal(data, &doc, jsonV1Semantics); err != nil {
		if errors.Is(err, cdx.ErrInvalidSpecVersion) {
			return nil, nil, diag.Errorf(file, lineOfKey(data, "specVersion"), "write the SBOM as CycloneDX 1.4 to 1.7", "specVersion is not a CycloneDX version")
		}
		return nil, nil, jsonProblem(file, data, err)
	}
	if doc.BOMFormat != "CycloneDX" {
		return nil, nil, diag.Errorf(file, lineOfKey(data, "bomFormat"), `make it a CycloneDX JSON SBOM ("bomFormat": "CycloneDX"), or name an SPDX file .spdx.json`, "bomFormat is %q, not CycloneDX", doc.BOMFormat)
	}
	if doc.SpecVersion < cdx.SpecVersion1_4 {
		return nil, nil, diag.Errorf(file, lineOfKey(data, "specVersion"), "write the SBOM as CycloneDX 1.4 to 1.7 (most generators have a --spec-version option)", "CycloneDX %s is older than 1.4", doc.SpecVersion)
	}
	b := &BOM{}
	var warnings []*diag.Problem
	if doc.Metadata != nil && doc.Metadata.Timestamp != "" {
		d, err := timestampDate(doc.Metadata.Timestamp)
		if err != nil {
			warnings = append(warnings, diag.Warnf(file, lineOfKey(data, "timestamp"), "write it as RFC 3339, e.g. 2026-05-01T12:00:00Z", "metadata.timestamp %q is not a date; the SBOM's age is unknown", doc.Metadata.Timestamp))
		}
		b.Date = d
	}
	purlLines := newLineFinder(data, "purl")
	// Where each bom-ref was first seen: the path of its list and its
	// index, formatted only for a message.
	type pos struct {
		at string
		i  int
	}
	var refs map[string]pos
	if doc.Components != nil {
		b.Components = make([]Component, 0, len(*doc.Components))
		refs = make(map[string]pos, len(*doc.Components))
	}
	var walk func(cs *[]cdxComponent, at string, depth int) error
	walk = func(cs *[]cdxComponent, at string, depth int) error {
		if cs == nil {
			return nil
		}
		if depth > MaxDepth {
			return diag.Errorf(file, 0, "flatten the component tree; no SBOM needs that depth", "%s: components nested more than %d levels deep", at, MaxDepth)
		}
		for i := range *cs {
			c := &(*cs)[i]
			if c.BOMRef != "" {
				if first, ok := refs[c.BOMRef]; ok {
					return diag.Errorf(file, nthLine(stringLines(data, "bom-ref")[c.BOMRef], 1), "give every component its own bom-ref",
						"%s[%d].bom-ref %q is also the bom-ref of %s[%d]", at, i, c.BOMRef, first.at, first.i)
				}
				refs[c.BOMRef] = pos{at, i}
			}
			if len(b.Components) >= MaxComponents {
				return diag.Errorf(file, 0, "split the project or leave out test-only components", "more than %d components", MaxComponents)
			}
			comp := Component{Version: c.Version, License: r.licence(cdxLicence(c.Licenses))}
			if c.Group != "" {
				comp.Name = c.Group + ":" + c.Name
			}
			if c.PackageURL != "" {
				comp.Line = purlLines.find(c.PackageURL)
				if err := fromPURL(r, &comp, c.PackageURL); err != nil {
					warnings = append(warnings, diag.Warnf(file, comp.Line, "write the package URL as pkg:type/namespace/name@version",
						"%s[%d].purl %q is not a package URL (%v); the component matches no blip", at, i, c.PackageURL, err))
					comp.PURL = ""
				}
			}
			if comp.Name == "" {
				comp.Name = c.Name
			}
			if comp.Name != "" || comp.Package != "" {
				b.Components = append(b.Components, comp)
			}
			if c.Components != nil {
				if err := walk(c.Components, fmt.Sprintf("%s[%d].components", at, i), depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(doc.Components, "components", 1); err != nil {
		return nil, warnings, err
	}
	return b, warnings, nil
}

// cdxLicence joins a component's licences into one SPDX expression.
func cdxLicence(ls *cdx.Licenses) string {
	if ls == nil {
		return ""
	}
	var exprs []string
	for _, l := range *ls {
		switch {
		case l.Expression != "":
			exprs = append(exprs, l.Expression)
		case l.License != nil && l.License.ID != "":
			exprs = append(exprs, l.License.ID)
		case l.License != nil && l.License.Name != "":
			exprs = append(exprs, "LicenseRef-"+refName(l.License.Name))
		}
	}
	return joinLicences(exprs)
}

// refName makes a licence name usable as a LicenseRef: letters, digits,
// dots and dashes.
func refName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, name)
}

// Write writes b as CycloneDX 1.6 JSON, indented.
func (cyclonedxFormat) Write(b *BOM) ([]byte, error) {
	doc := cdx.NewBOM()
	doc.SerialNumber = ""
	doc.Metadata = &cdx.Metadata{Component: &cdx.Component{Type: cdx.ComponentTypeApplication, Name: b.Project, BOMRef: "project:" + b.Project}}
	if !b.Date.IsZero() {
		doc.Metadata.Timestamp = b.Date.String() + "T00:00:00Z"
	}
	cs := make([]cdx.Component, 0, len(b.Components))
	refs := map[string]bool{}
	for i, c := range b.Components {
		cc := cdx.Component{Type: cdx.ComponentTypeLibrary, Name: c.Name, Version: c.Version, PackageURL: c.PURL, BOMRef: fmt.Sprintf("c%d", i+1)}
		if c.PURL != "" && !refs[c.PURL] {
			cc.BOMRef = c.PURL
		}
		refs[cc.BOMRef] = true
		if g, n, ok := strings.Cut(c.Name, ":"); ok {
			cc.Group, cc.Name = g, n
		}
		if c.License != "" {
			cc.Licenses = &cdx.Licenses{licenceChoice(c.License)}
		}
		cs = append(cs, cc)
	}
	doc.Components = &cs
	var buf bytes.Buffer
	enc := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	enc.SetEscapeHTML(false)
	if err := enc.EncodeVersion(doc, cdx.SpecVersion1_6); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// licenceChoice writes a single licence id as an id and anything else as
// an expression, as CycloneDX asks.
func licenceChoice(expr string) cdx.LicenseChoice {
	if !strings.ContainsAny(expr, " ()") {
		return cdx.LicenseChoice{License: &cdx.License{ID: expr}}
	}
	return cdx.LicenseChoice{Expression: expr}
}

// timestampDate reads an RFC 3339 timestamp as a date (UTC).
func timestampDate(ts string) (meta.Date, error) {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return meta.ParseDate(ts)
	}
	y, m, d := t.UTC().Date()
	return meta.Date{Year: y, Month: m, Day: d}, nil
}

// lineOfKey returns the line where "key" first appears, or 1.
func lineOfKey(data []byte, key string) int {
	if i := bytes.Index(data, []byte(`"`+key+`"`)); i >= 0 {
		return lineAt(data, i)
	}
	return 1
}

// nthLine returns lines[n], or 0.
func nthLine(lines []int, n int) int {
	if n < len(lines) {
		return lines[n]
	}
	return 0
}
