// Package usage models what teams actually run, as their CI reports it in
// software bills of materials and lockfiles, and judges it against a
// site's guidance: which components the radar's blips claim, which of
// them are on hold, which licences the licence policy denies, and which
// time-limited exceptions a decision grants. It reads files from bytes
// and does no other I/O: package site walks the folder, cmd/waymark's
// audit reads the files it is given.
//
// # Files
//
// A site's usage folder (usage/ unless waymark.yaml's usage.folder says
// otherwise) holds one folder per team:
//
//	usage/<team>/<project>.cdx.json     CycloneDX JSON, spec 1.2 to 1.7 (also .cyclonedx.json)
//	usage/<team>/<project>.spdx.json    SPDX 2.3 JSON (2.1 and 2.2 are read too)
//	usage/<team>/<project>/go.mod       a Go module's requirements
//	usage/<team>/<project>/package-lock.json  npm lockfile version 1, 2 or 3
//	usage/<team>/<project>/pom.xml      a Maven project's direct dependencies
//	usage/<team>/<project>/bom.json     an SBOM as CI names it (also sbom.json,
//	                                    any *.cdx.json or *.spdx.json): its contents say
//	                                    whether it is CycloneDX or SPDX
//
// Team and project are the folder and file names; in a project folder,
// the file may sit in folders of its own, as CI leaves it
// (target/bom.json, _manifest/spdx_2.2/manifest.spdx.json). A file named
// as one SBOM format but written in the other is read as what it is,
// with a warning. testdata/real holds files shaped as the common
// generators write them (syft, trivy, cdxgen, the CycloneDX generators for
// Maven, npm and Go, GitHub's dependency graph, Microsoft's
// sbom-tool); its README says which quirk each carries.
//
// Each format is one file of this package (cyclonedx.go, spdx.go, gomod.go, npm.go, maven.go)
// behind the Format interface, which reads the file into a BOM and writes
// a BOM back in that format. The well-kept parsers do the reading:
// cyclonedx-go's types (its whole model writes; reading decodes, with
// the JSON v2 decoder of github.com/go-json-experiment/json, only the
// members usage needs, cdxdoc.go), spdx/tools-golang,
// golang.org/x/mod/modfile, and encoding/json and encoding/xml into small
// structs for the lockfiles; packageurl-go reads and writes package URLs,
// go-spdx checks licence expressions.
//
// A Reader reads many files, at the same time, for one load: it parses
// each package URL once and shares the strings of the components that
// name it (the projects of one organisation use mostly the same
// packages). Read reads one file with a Reader of its own.
//
// # What a file must be
//
// A file larger than MaxFileSize, JSON nested deeper than MaxDepth (for
// CycloneDX: components nested deeper; encoding/json itself stops at
// 10,000 levels), XML nested deeper than MaxDepth, more
// than MaxComponents components, a value of the wrong type, an
// unsupported spec version (CycloneDX before 1.2 had no JSON form): the
// file is refused with a problem naming the file, the line and, for JSON,
// the path of the value (components[3].version). The rest of the site is
// built without it.
//
// What generators do write is read, with a warning where it is odd: a
// CycloneDX bom-ref given twice (cdxgen lists a package once per
// manifest: the repeat is read once; a different component is kept), an
// SPDX document wrapped in GitHub's API answer, a file named as one SBOM
// format and written in the other, a file that yields no component (said
// why). A component whose package URL cannot be read is left out with a
// warning; a library without any package URL is kept for licences but
// matches no blip; files, operating systems, containers and applications
// without one (syft's and trivy's inventory of what they scanned) and
// components of scope "excluded" (test-only) are left out.
//
// # Components and blips
//
// A component's Package is its package URL without version, qualifiers
// and subpath, percent-decoded ("pkg:npm/@angular/core"): what the
// packages: patterns of blips match (see package radar). go.mod, pom.xml
// and npm lockfiles of version 1 give no licences; SBOMs and later npm
// lockfiles give them per component as SPDX ids or expressions (several
// licence entries of one CycloneDX component all apply: they are joined
// with AND). NOASSERTION and NONE say nothing. A licence given by name
// (CycloneDX license.name) is its SPDX id when the name is one, case
// aside; any other name becomes LicenseRef-<name>, unknown to the policy
// until the site lists it (see namedLicence for why names are not
// guessed).
//
// # Judging
//
// Judge matches every component of a BOM against a Guide (the blips and
// their packages, the rings, the licence policy and the exceptions, from
// a loaded site or from a published index.json) and returns one Finding
// per component that is on hold, under a denied licence, under a licence
// to review or unknown to the policy, or claimed by no blip. An exception
// of a decision covers a finding of its team while today is not after its
// until date; after it, the finding stands and the exception is reported
// as expired. Each distinct package is matched and each distinct licence
// expression judged once per judgement. JudgeAgain takes from an earlier
// report the judgement of every BOM it holds, when the guidance is the
// same: the preview, which keeps the BOMs of unchanged files, judges
// only an edited file again.
package usage

import (
	"path"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// Limits on one file: beyond them the file is refused, never read.
const (
	MaxFileSize   = 64 << 20 // bytes
	MaxDepth      = 64       // nesting of JSON objects and arrays
	MaxComponents = 100_000  // components in one file
)

// BOM is what one project of one team runs: the components of one SBOM or
// lockfile.
type BOM struct {
	Team       string
	Project    string
	Source     string    // the file, site-relative (or as given to audit)
	Format     string    // the Format's name
	Date       meta.Date // when the SBOM was made; zero when the file does not say
	Components []Component
	// Warnings are about components Read left out or could not place;
	// kept with the BOM so that whoever reuses it reports them again.
	Warnings []*diag.Problem

	// unlicensed: the file states no licences at all (an npm lockfile of
	// version 1), as go.mod and pom.xml do not: no licence verdicts.
	unlicensed bool
}

// statesLicences reports whether the file states licences, so that a
// component without one is worth a finding.
func (b *BOM) statesLicences() bool {
	return !b.unlicensed && b.Format != "gomod" && b.Format != "maven"
}

// Component is one package a project depends on.
type Component struct {
	Package string // "pkg:type/namespace/name", decoded, without version: what patterns match
	PURL    string // the package URL as the file gives it, "" when it gives none
	Name    string // for people: "org.apache.kafka:kafka-clients", "@angular/core"
	Version string
	License string // SPDX expression, "" when the file states none
	Line    int    // line of the component in the file, 0 when unknown
}

// Locate reads a file's path inside the usage folder (rel, slash
// separated) as team, project and format; ok is false for a file that is
// no usage input (a README, a file at the wrong depth). f is nil for
// bom.json and sbom.json, whose contents say their format.
//
//	<team>/<project>.cdx.json (.cyclonedx.json, .spdx.json)
//	<team>/<project>/<file>   go.mod, package-lock.json, pom.xml, bom.json,
//	                          sbom.json, or any *.cdx.json, *.cyclonedx.json, *.spdx.json
//	<team>/<project>/…/<file> the same in a folder of the project's, as CI
//	                          leaves them (target/bom.json, _manifest/spdx_2.2/manifest.spdx.json)
func Locate(rel string) (team, project string, f Format, ok bool) {
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if p == "" {
			return "", "", nil, false
		}
	}
	switch {
	case len(parts) == 2:
		if s := ProjectSuffix(parts[1]); s != "" {
			return parts[0], strings.TrimSuffix(parts[1], s), FormatOf(parts[1]), true
		}
	case len(parts) >= 3:
		if name := parts[len(parts)-1]; IsUsageName(name) {
			return parts[0], parts[1], FormatOf(name), true
		}
	}
	return "", "", nil, false
}

// ProjectName names a BOM for people: "team/project".
func (b *BOM) ProjectName() string { return path.Join(b.Team, b.Project) }
