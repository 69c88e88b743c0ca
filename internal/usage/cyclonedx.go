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

// cyclonedxFormat reads and writes CycloneDX JSON, spec 1.2 (the first
// with a JSON form; trivy and cyclonedx-gomod wrote 1.2 and 1.3 for years)
// to 1.7.
type cyclonedxFormat struct{}

func (cyclonedxFormat) Name() string   { return "cyclonedx" }
func (cyclonedxFormat) Suffix() string { return ".cdx.json" }

// Read decodes the document into cdxDocument (cyclonedx-go's types for
// the spec version and licences, its field names for the rest) and
// flattens its components, nested ones included; the BOM's own component
// (metadata.component) is the project, not a dependency. Left out are
// components of scope "excluded" (test-only: they do not ship) and
// components without a package URL that are not libraries or frameworks
// (syft's files and operating system, trivy's scan targets): they name
// no package. A bom-ref given twice is a warning: a second listing of
// the same package is left out, a different component is kept.
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
	// The decoder appends to a slice it is given: one sized for every
	// "type" member (one per component, at most, and a few more) saves
	// growing it component by component, which was a third of the memory
	// reading took.
	comps := make([]cdxComponent, 0, min(bytes.Count(data, []byte(`"type"`)), MaxComponents+1))
	doc := cdxDocument{Components: &comps}
	if err := jsonv2.Unmarshal(data, &doc, jsonV1Semantics); err != nil {
		if errors.Is(err, cdx.ErrInvalidSpecVersion) {
			return nil, nil, diag.Errorf(file, lineOfKey(data, "specVersion"), "write the SBOM as CycloneDX 1.4 to 1.7", "specVersion is not a CycloneDX version")
		}
		return nil, nil, jsonProblem(file, data, err)
	}
	if doc.BOMFormat != "CycloneDX" {
		return nil, nil, diag.Errorf(file, lineOfKey(data, "bomFormat"), `make it a CycloneDX JSON SBOM ("bomFormat": "CycloneDX"), or name an SPDX file .spdx.json`, "bomFormat is %q, not CycloneDX", doc.BOMFormat)
	}
	if doc.SpecVersion < cdx.SpecVersion1_2 {
		return nil, nil, diag.Errorf(file, lineOfKey(data, "specVersion"), "write the SBOM as CycloneDX 1.4 to 1.7 (most generators have a --spec-version option)", "CycloneDX %s has no JSON form: JSON came with 1.2", doc.SpecVersion)
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
		at   string
		i    int
		comp int // index in b.Components, -1 when left out
	}
	left := 0
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
			var twice *pos
			if c.BOMRef != "" {
				if first, ok := refs[c.BOMRef]; ok {
					twice = &first
				} else {
					refs[c.BOMRef] = pos{at, i, len(b.Components)}
				}
			}
			if len(b.Components) >= MaxComponents {
				return diag.Errorf(file, 0, "split the project or leave out test-only components", "more than %d components", MaxComponents)
			}
			comp := Component{Version: c.Version, License: r.licence(cdxLicence(c.Licenses))}
			if c.PackageURL != "" {
				comp.Line = purlLines.find(c.PackageURL)
				if err := fromPURL(r, &comp, c.PackageURL); err != nil {
					warnings = append(warnings, diag.Warnf(file, comp.Line, "write the package URL as pkg:type/namespace/name@version",
						"%s[%d].purl %q is not a package URL (%v); the component matches no blip", at, i, c.PackageURL, err))
					comp.PURL = ""
				}
			}
			switch {
			case comp.Name != "": // from the package URL, as its ecosystem writes it
			case c.Group != "":
				comp.Name = c.Group + ":" + c.Name
			default:
				comp.Name = c.Name
			}
			switch {
			case twice != nil && twice.comp >= 0 && sameComponent(b.Components[twice.comp], comp):
				warnings = append(warnings, diag.Warnf(file, nthLine(stringLines(data, "bom-ref")[c.BOMRef], 1), "give every component its own bom-ref",
					"%s[%d] lists %s again, with the bom-ref %q of %s[%d]; read once", at, i, cmpOr(comp.Name, c.BOMRef), c.BOMRef, twice.at, twice.i))
			case bool(c.Scope), c.PackageURL == "" && c.Type == cdxNotPackage, comp.Name == "" && comp.Package == "":
				left++
			default:
				if twice != nil {
					warnings = append(warnings, diag.Warnf(file, nthLine(stringLines(data, "bom-ref")[c.BOMRef], 1), "give every component its own bom-ref",
						"%s[%d].bom-ref %q is also the bom-ref of %s[%d], a different component; both are read", at, i, c.BOMRef, twice.at, twice.i))
				}
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
	if len(b.Components) == 0 && left > 0 {
		warnings = append(warnings, diag.Warnf(file, lineOfKey(data, "components"), "generate the SBOM from the built project with its dependencies resolved",
			"no components: the SBOM's %d components are test-only (scope excluded), or files, operating systems or applications without a package URL, so the project seems to use nothing", left))
	}
	return b, warnings, nil
}

// sameComponent reports whether two components are one package listed
// twice.
func sameComponent(a, b Component) bool {
	return a.Package == b.Package && a.Name == b.Name && a.Version == b.Version && a.License == b.License
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
			exprs = append(exprs, statedLicence(l.Expression))
		case l.License != nil && l.License.ID != "":
			exprs = append(exprs, statedLicence(l.License.ID))
		case l.License != nil && l.License.Name != "":
			exprs = append(exprs, namedLicence(l.License.Name))
		}
	}
	return joinLicences(exprs)
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
