package usage

import (
	cdx "github.com/CycloneDX/cyclonedx-go"
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// cdxDocument is the part of a CycloneDX JSON document that usage reads.
// Decoding into cyclonedx-go's whole model (cdx.BOM) allocates and fills
// its large Component struct (hashes, evidence, pedigree, cryptography…)
// for every component and was two thirds of a build's time with many
// SBOMs; this struct keeps cdx.Component's JSON names for the fields
// usage needs and cyclonedx-go's own types where they judge the value:
// cdx.SpecVersion (its decoder refuses a version it does not know),
// cdx.Metadata and cdx.Licenses. Every other member is still read as
// JSON, so a file that is not well-formed JSON is refused as before; a
// member of the wrong type that usage does not read is no longer refused.
type cdxDocument struct {
	BOMFormat   string          `json:"bomFormat"`
	SpecVersion cdx.SpecVersion `json:"specVersion"`
	Metadata    *cdx.Metadata   `json:"metadata"`
	Components  *[]cdxComponent `json:"components"`
}

// cdxComponent is the part of a cdx.Component that usage reads, under
// the same JSON names.
type cdxComponent struct {
	BOMRef     string          `json:"bom-ref"`
	Type       string          `json:"type"`
	Scope      string          `json:"scope"`
	Group      string          `json:"group"`
	Name       string          `json:"name"`
	Version    string          `json:"version"`
	PackageURL string          `json:"purl"`
	Licenses   *cdx.Licenses   `json:"licenses"`
	Components *[]cdxComponent `json:"components"`
}

// jsonV1Semantics has the JSON v2 decoder (github.com/go-json-experiment/json,
// the code of the standard library's encoding/json/v2, which Go 1.26 still
// keeps behind GOEXPERIMENT=jsonv2) accept what encoding/json accepted:
// a member named twice (the last one counts), invalid UTF-8 in strings
// (replaced) and member names that differ in case only. It decodes these
// documents about three times faster than encoding/json.
var jsonV1Semantics = jsonv2.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	jsonv2.MatchCaseInsensitiveNames(true),
)
