package usage

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
)

// cdxDoc wraps components in a CycloneDX 1.6 document.
func cdxDoc(components string) string {
	return `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
"components": [` + components + `]}`
}

func TestReadBad(t *testing.T) {
	deep := cdxDoc(strings.Repeat(`{"type": "library", "name": "n", "components": [`, 70) + strings.Repeat("]}", 70))
	deepJSON := `{"spdxVersion": "SPDX-2.3",
"packages": ` + strings.Repeat("[", 80) + strings.Repeat("]", 80) + "}"
	tests := []struct {
		name, file, src string
		line            int
		want            string // in the message
	}{
		{"empty", "x.cdx.json", "  \n", 1, "empty"},
		{"syntax", "x.cdx.json", "{\n\"bomFormat\": \"CycloneDX\",\n\"specVersion\": }", 3, "not valid JSON"},
		{"wrong type", "x.cdx.json", cdxDoc(`{"type": "library", "name": "a",
"version": 3}`), 3, "components[0].version: a JSON number where a string belongs"},
		{"wrong top type", "x.cdx.json", `[1, 2]`, 1, "the document: a JSON array where an object belongs"},
		{"type not a string", "x.cdx.json", cdxDoc(`{"name": "a",
"type": 5}`), 3, "components[0].type: a JSON number where a string belongs"},
		{"scope not a string", "x.cdx.json", cdxDoc(`{"name": "a",
"scope": ["required"]}`), 3, "components[0].scope: a JSON array where a string belongs"},
		{"licences not a list", "x.cdx.json", cdxDoc(`{"type": "library", "name": "a",
"licenses": {"license": {"id": "MIT"}}}`), 3, "components[0].licenses: a JSON object where a list belongs"},
		{"text after the document", "x.cdx.json", cdxDoc(``) + "\n,", 3, "not valid JSON"},
		{"cut short", "x.cdx.json", "{\n\"bomFormat\": \"CycloneDX\",\n\"components\": [{", 3, "not valid JSON"},
		{"deep components", "x.cdx.json", deep, 0, "components nested more than 64 levels"},
		{"deep JSON", "x.spdx.json", deepJSON, 2, "nested more than 64 levels"},
		{"deeper than the decoder goes", "x.cdx.json", `{"bomFormat": "CycloneDX", "specVersion": "1.6",
"x": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}", 2, "not valid JSON"},
		{"list for a component", "x.cdx.json", cdxDoc(strings.Repeat("[", 20000) + strings.Repeat("]", 20000)), 2, "components[0]: a JSON array where an object belongs"},
		{"spec without JSON", "x.cdx.json", `{"bomFormat": "CycloneDX",
"specVersion": "1.1"}`, 2, "no JSON form"},
		{"unknown spec", "x.cdx.json", `{"bomFormat": "CycloneDX",
"specVersion": "9.9"}`, 2, "not a CycloneDX version"},
		{"not cyclonedx", "x.cdx.json", `{"bomFormat": "SPDX"}`, 1, "not CycloneDX"},
		{"neither format", "bom.json", `{"name": "x"}`, 1, "neither CycloneDX JSON"},
		{"spdx version", "x.spdx.json", `{
"spdxVersion": "SPDX-9"}`, 2, "unsupported"},
		{"spdx wrong type", "x.spdx.json", `{"spdxVersion": "SPDX-2.3", "packages": [{"name": 5}]}`, 1, ""},
		{"spdx duplicate id", "x.spdx.json", `{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": [
{"name": "a", "SPDXID": "SPDXRef-a"},
{"name": "b", "SPDXID": "SPDXRef-a"}]}`, 3, "is also the SPDXID of packages[0]"},
		{"go.mod", "go.mod", "module x\n\nrequire (\n\tgithub.com/a/b\n)\n", 4, "usage: require module/path v1.2.3"},
		{"lockfile version", "package-lock.json", "{\n\"lockfileVersion\": 4}", 2, "lockfileVersion 4 is not 1, 2 or 3"},
		{"lockfile v1 wrong type", "package-lock.json", `{"lockfileVersion": 1, "dependencies": {"a": {"version": 1}}}`, 1, "dependencies.a.version: a JSON number"},
		{"lockfile wrong type", "package-lock.json", `{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": [1]}}}`, 1, `packages["node_modules/a"].version`},
		{"lockfile licence", "package-lock.json", `{"lockfileVersion": 3, "packages": {"node_modules/a": {"license": 5}}}`, 1, "license"},
		{"pom syntax", "pom.xml", "<project>\n<dependencies>\n</project>", 3, "not well-formed XML"},
		{"pom deep", "pom.xml", strings.Repeat("<a>\n", 70) + strings.Repeat("</a>", 70), 65, "nested more than 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, err := Read("usage/t/"+tt.file, "t", "p", []byte(tt.src))
			if err == nil {
				t.Fatalf("read %d components, want an error", len(b.Components))
			}
			var p *diag.Problem
			if !errors.As(err, &p) {
				t.Fatalf("error %v is not a problem", err)
			}
			if p.File != "usage/t/"+tt.file || p.Line != tt.line || !strings.Contains(p.Message, tt.want) || p.Fix == "" || p.Severity != diag.Error {
				t.Errorf("got %s (line %d)\nwant usage/t/%s:%d, a message with %q and a fix", p, p.Line, tt.file, tt.line, tt.want)
			}
		})
	}
}

func TestReadTooBig(t *testing.T) {
	big := make([]byte, MaxFileSize+1)
	if _, _, err := Read("usage/t/x.cdx.json", "t", "p", big); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a file over MaxFileSize: %v", err)
	}
	var b strings.Builder
	for i := range MaxComponents + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"library","name":"c%d"}`, i)
	}
	if _, _, err := Read("usage/t/x.cdx.json", "t", "p", []byte(cdxDoc(b.String()))); err == nil || !strings.Contains(err.Error(), "components") {
		t.Errorf("more than MaxComponents: %v", err)
	}
}

func TestReadComponentWarnings(t *testing.T) {
	src := cdxDoc(`{"type": "library", "name": "a", "purl": "not a purl"},
{"type": "library", "name": "b", "purl": "pkg:npm/b@1"}`)
	b, warnings, err := Read("usage/t/x.cdx.json", "t", "p", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Components) != 2 || b.Components[0].Package != "" || b.Components[1].Package != "pkg:npm/b" {
		t.Errorf("components %+v: want a kept without a package, b with one", b.Components)
	}
	if len(warnings) != 1 || warnings[0].Line != 2 || !strings.Contains(warnings[0].Message, "not a package URL") {
		t.Errorf("warnings %v, want one at line 2 about the package URL", warnings)
	}
	pom := "<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${nope}</version></dependency></dependencies></project>"
	_, warnings, err = Read("usage/t/p/pom.xml", "t", "p", []byte(pom))
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0].Message, "unknown property") {
		t.Errorf("pom with an unknown property: %v, %v", warnings, err)
	}
}

// TestReadLenient reads what encoding/json read and a demanding reader
// would not refuse a whole SBOM for: a member named twice (the last
// counts), names that differ in case only, invalid UTF-8, and a member
// of the wrong type that usage does not read (a component's hashes).
func TestReadLenient(t *testing.T) {
	tests := []struct {
		name, src string
		want      Component
	}{
		{"member twice", cdxDoc(`{"type": "library", "name": "a", "name": "b", "version": "1"}`), Component{Name: "b", Version: "1"}},
		// The line of a component is where "purl" is: unknown here.
		{"name in other case", cdxDoc(`{"type": "library", "Name": "a", "PURL": "pkg:npm/a@2"}`),
			Component{Package: "pkg:npm/a", PURL: "pkg:npm/a@2", Name: "a", Version: "2"}},
		{"invalid UTF-8", cdxDoc("{\"type\": \"library\", \"name\": \"a\xff\"}"), Component{Name: "a\ufffd"}},
		{"unread member of the wrong type", cdxDoc(`{"type": "library", "name": "a", "hashes": 5, "licenses": [{"license": {"id": "MIT"}}]}`),
			Component{Name: "a", License: "MIT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, warnings, err := Read("usage/t/x.cdx.json", "t", "p", []byte(tt.src))
			if err != nil || len(warnings) > 0 {
				t.Fatalf("%v, warnings %v", err, warnings)
			}
			if len(b.Components) != 1 || b.Components[0] != tt.want {
				t.Errorf("components %+v, want [%+v]", b.Components, tt.want)
			}
		})
	}
}

// TestReadLeftOut reads CycloneDX components that name no package or do
// not ship: they are left out, and a file of nothing else says so.
func TestReadLeftOut(t *testing.T) {
	src := cdxDoc(`{"type": "file", "name": "/usr/lib/libz.so"},
{"type": "operating-system", "name": "debian", "version": "12"},
{"type": "library", "name": "jest", "scope": "excluded", "purl": "pkg:npm/jest@29"},
{"type": "application", "name": "vendored", "purl": "pkg:npm/vendored@1"},
{"type": "library", "name": "inhouse", "scope": "required"},
{"name": "untyped"}`)
	b, warnings, err := Read("usage/t/x.cdx.json", "t", "p", []byte(src))
	if err != nil || len(warnings) > 0 {
		t.Fatalf("%v, warnings %v", err, warnings)
	}
	var got []string
	for _, c := range b.Components {
		got = append(got, short(c))
	}
	if want := []string{"pkg:npm/vendored@1 :5", "inhouse@", "untyped@"}; !slices.Equal(got, want) {
		t.Errorf("components %q, want %q", got, want)
	}
	_, warnings, err = Read("usage/t/x.cdx.json", "t", "p", []byte(cdxDoc(`{"type": "file", "name": "/a"},
{"type": "library", "name": "b", "scope": "excluded"}`)))
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0].Message, "no components: the SBOM's 2 components are test-only") || warnings[0].Line != 2 {
		t.Errorf("a file of left-out components: %v, %v", warnings, err)
	}
}
