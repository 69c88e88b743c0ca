package usage

import (
	"bytes"
	"reflect"

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
	Type       cdxType         `json:"type"`
	Scope      cdxScope        `json:"scope"`
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

// cdxType is what usage needs of a component's type, in a byte rather
// than a string (a string per component was a fifth more memory for
// reading an SBOM): whether a component without a package URL is still a
// package (a library, a framework, or no type stated) or names none
// (a file, an operating system, a container, an application).
type cdxType uint8

const (
	cdxPackage    cdxType = iota // library, framework, or no type
	cdxNotPackage                // any other type
)

// UnmarshalJSONFrom reads the type without making a string of it.
func (t *cdxType) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch {
	case v.Kind() != '"':
		return &jsonv2.SemanticError{JSONKind: v.Kind(), GoType: reflect.TypeFor[string]()}
	case bytes.Equal(v, []byte(`"library"`)), bytes.Equal(v, []byte(`"framework"`)), bytes.Equal(v, []byte(`""`)):
		*t = cdxPackage
	default:
		*t = cdxNotPackage
	}
	return nil
}

// cdxScope is whether a component's scope is "excluded" (test-only, in
// CycloneDX's words: not part of what runs), in a byte.
type cdxScope bool

// UnmarshalJSONFrom reads the scope without making a string of it.
func (s *cdxScope) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if v.Kind() != '"' {
		return &jsonv2.SemanticError{JSONKind: v.Kind(), GoType: reflect.TypeFor[string]()}
	}
	*s = cdxScope(bytes.EqualFold(v, []byte(`"excluded"`)))
	return nil
}
