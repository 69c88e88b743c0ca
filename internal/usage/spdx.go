package usage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx"
	"github.com/spdx/tools-golang/spdx/v2/common"

	"github.com/waymark-dev/waymark/internal/diag"
)

// spdxFormat reads and writes SPDX 2.3 JSON (2.1 and 2.2 are read and
// converted by tools-golang).
type spdxFormat struct{}

func (spdxFormat) Name() string   { return "spdx" }
func (spdxFormat) Suffix() string { return ".spdx.json" }

// Read decodes the document with tools-golang. Every package is a
// component except those the document DESCRIBES (the project itself);
// the package URL comes from a purl external reference, the licence from
// licenseConcluded, else licenseDeclared (NOASSERTION and NONE count as
// none).
func (f spdxFormat) Read(file string, data []byte) (*BOM, []*diag.Problem, error) {
	return f.read(nil, file, data)
}

// read reads with r's package URLs and licences (nil: afresh).
func (spdxFormat) read(r *Reader, file string, data []byte) (*BOM, []*diag.Problem, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, jsonProblem(file, data, errEmpty)
	}
	if err := checkJSON(file, data); err != nil {
		return nil, nil, err
	}
	doc, err := spdxjson.Read(bytes.NewReader(data))
	if err != nil {
		if inner, shift, ok := unwrapSBOM(data); ok {
			return readWrapped(r, file, inner, shift)
		}
		if strings.Contains(err.Error(), "SDPX version") || strings.Contains(err.Error(), "spdxVersion") {
			return nil, nil, diag.Errorf(file, lineOfKey(data, "spdxVersion"), `write the SBOM as SPDX 2.3 JSON ("spdxVersion": "SPDX-2.3")`, "%v", err)
		}
		return nil, nil, jsonProblem(file, data, err)
	}
	b := &BOM{}
	var warnings []*diag.Problem
	if doc.CreationInfo != nil && doc.CreationInfo.Created != "" {
		d, err := timestampDate(doc.CreationInfo.Created)
		if err != nil {
			warnings = append(warnings, diag.Warnf(file, lineOfKey(data, "created"), "write it as 2026-05-01T12:00:00Z", "creationInfo.created %q is not a date; the SBOM's age is unknown", doc.CreationInfo.Created))
		}
		b.Date = d
	}
	described := map[common.ElementID]bool{}
	for _, r := range doc.Relationships {
		if r == nil {
			continue
		}
		switch strings.ToUpper(r.Relationship) {
		case "DESCRIBES":
			described[r.RefB.ElementRefID] = true
		case "DESCRIBED_BY":
			described[r.RefA.ElementRefID] = true
		}
	}
	ids := map[common.ElementID]int{}
	locators := stringLines(data, "referenceLocator")
	names := stringLines(data, "name")
	for i, p := range doc.Packages {
		if p == nil {
			continue
		}
		where := fmt.Sprintf("packages[%d]", i)
		if first, ok := ids[p.PackageSPDXIdentifier]; ok && p.PackageSPDXIdentifier != "" {
			return nil, warnings, diag.Errorf(file, nthLine(stringLines(data, "SPDXID")["SPDXRef-"+string(p.PackageSPDXIdentifier)], 1),
				"give every package its own SPDXID", "%s.SPDXID %q is also the SPDXID of packages[%d]", where, p.PackageSPDXIdentifier, first)
		}
		ids[p.PackageSPDXIdentifier] = i
		if described[p.PackageSPDXIdentifier] {
			continue
		}
		c := Component{Version: p.PackageVersion, License: r.licence(spdxLicence(p.PackageLicenseConcluded, p.PackageLicenseDeclared)), Line: nthLine(names[p.PackageName], 0)}
		for _, ref := range p.PackageExternalReferences {
			if ref == nil || !strings.EqualFold(ref.RefType, "purl") {
				continue
			}
			if err := fromPURL(r, &c, ref.Locator); err != nil {
				warnings = append(warnings, diag.Warnf(file, nthLine(locators[ref.Locator], 0), "write the package URL as pkg:type/namespace/name@version",
					"%s: %q is not a package URL (%v); the package matches no blip", where, ref.Locator, err))
				continue
			}
			c.Line = nthLine(locators[ref.Locator], 0)
			break
		}
		if c.Name == "" {
			c.Name = p.PackageName
		}
		b.Components = append(b.Components, c)
	}
	return b, warnings, nil
}

// unwrapSBOM finds the document GitHub's dependency graph API answers
// with, under "sbom" ({"sbom": {"spdxVersion": …}}), which is what
// `gh api …/dependency-graph/sbom` saves; shift is the number of lines
// before it.
func unwrapSBOM(data []byte) (inner []byte, shift int, ok bool) {
	var w struct {
		SBOM json.RawMessage `json:"sbom"`
	}
	if json.Unmarshal(data, &w) != nil || len(w.SBOM) == 0 || w.SBOM[0] != '{' {
		return nil, 0, false
	}
	i := bytes.Index(data, w.SBOM)
	if i < 0 || !hasMember(w.SBOM, "spdxVersion") {
		return nil, 0, false
	}
	return data[i : i+len(w.SBOM)], lineAt(data, i) - 1, true
}

// readWrapped reads the document under "sbom", with its lines counted
// in the whole file, and says that it did.
func readWrapped(r *Reader, file string, inner []byte, shift int) (*BOM, []*diag.Problem, error) {
	b, warnings, err := spdxFormat{}.read(r, file, inner)
	for _, w := range warnings {
		if w.Line > 0 {
			w.Line += shift
		}
	}
	warnings = append([]*diag.Problem{diag.Warnf(file, 1+shift, "save the document itself: gh api … --jq .sbom, or Export SBOM on the repository's dependency graph page",
		"the SPDX document is wrapped in GitHub's API answer ({\"sbom\": …}); read what it wraps")}, warnings...)
	if err != nil {
		var p *diag.Problem
		if errors.As(err, &p) && p.Line > 0 {
			p.Line += shift
		}
		return nil, warnings, err
	}
	for i := range b.Components {
		if b.Components[i].Line > 0 {
			b.Components[i].Line += shift
		}
	}
	return b, warnings, nil
}

// spdxLicence picks the licence that applies: the concluded one, else the
// declared one.
func spdxLicence(concluded, declared string) string {
	for _, l := range []string{concluded, declared} {
		if l = statedLicence(l); l != "" {
			return l
		}
	}
	return ""
}

// Write writes b as an SPDX 2.3 JSON document describing the project.
func (spdxFormat) Write(b *BOM) ([]byte, error) {
	created := "2000-01-01T00:00:00Z"
	if !b.Date.IsZero() {
		created = b.Date.String() + "T00:00:00Z"
	}
	root := common.ElementID("Project")
	doc := &spdx.Document{
		SPDXVersion: spdx.Version, DataLicense: spdx.DataLicense, SPDXIdentifier: "DOCUMENT",
		DocumentName: b.ProjectName(), DocumentNamespace: "https://spdx.example/" + b.ProjectName(),
		CreationInfo:  &spdx.CreationInfo{Created: created, Creators: []common.Creator{{CreatorType: "Tool", Creator: "waymark"}}},
		Packages:      []*spdx.Package{{PackageName: b.Project, PackageSPDXIdentifier: root, PackageDownloadLocation: "NOASSERTION"}},
		Relationships: []*spdx.Relationship{{RefA: common.MakeDocElementID("", "DOCUMENT"), RefB: common.MakeDocElementID("", string(root)), Relationship: "DESCRIBES"}},
	}
	for i, c := range b.Components {
		id := common.ElementID(fmt.Sprintf("Package-%d", i+1))
		p := &spdx.Package{PackageName: c.Name, PackageSPDXIdentifier: id, PackageVersion: c.Version,
			PackageDownloadLocation: "NOASSERTION", PackageLicenseConcluded: cmpOr(c.License, "NOASSERTION"), PackageLicenseDeclared: "NOASSERTION"}
		if c.PURL != "" {
			p.PackageExternalReferences = []*spdx.PackageExternalReference{{Category: "PACKAGE-MANAGER", RefType: "purl", Locator: c.PURL}}
		}
		doc.Packages = append(doc.Packages, p)
		doc.Relationships = append(doc.Relationships, &spdx.Relationship{RefA: common.MakeDocElementID("", string(root)), RefB: common.MakeDocElementID("", string(id)), Relationship: "DEPENDS_ON"})
	}
	var buf bytes.Buffer
	if err := spdxjson.Write(doc, &buf, spdxjson.Indent("  "), spdxjson.EscapeHTML(false)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
