package usage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
)

// fuzzFormat checks that reading any input either fails with a problem
// that names the file, or gives components that survive a write and a
// second read.
func fuzzFormat(f *testing.F, format Format, seeds ...string) {
	for _, s := range seeds {
		data, err := os.ReadFile(filepath.Join("testdata", s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _, err := format.Read("in", data)
		if err != nil {
			var p *diag.Problem
			if !errors.As(err, &p) || p.File != "in" {
				t.Fatalf("error %v is not a problem about the file", err)
			}
			return
		}
		out, err := format.Write(b)
		if err != nil {
			return // a component the format cannot write (an odd version): not a reading fault
		}
		again, _, err := format.Read("again", out)
		if err != nil {
			t.Fatalf("reading what Write wrote: %v\n%s", err, out)
		}
		if format.Name() == "cyclonedx" && len(again.Components) != len(b.Components) {
			t.Fatalf("%d components, %d after a round trip", len(b.Components), len(again.Components))
		}
	})
}

func FuzzCycloneDX(f *testing.F) {
	fuzzFormat(f, cyclonedxFormat{}, "valid/orders.cdx.json", "real/trivy-fs-1.3.cdx.json", "real/cdxgen.cdx.json", "real/cyclonedx-npm.cdx.json", "real/syft.cdx.json")
}
func FuzzSPDX(f *testing.F) {
	fuzzFormat(f, spdxFormat{}, "valid/billing.spdx.json", "real/github-api.spdx.json", "real/sbom-tool.spdx.json", "real/syft.spdx.json")
}
func FuzzGoMod(f *testing.F) {
	fuzzFormat(f, goModFormat{}, "valid/gateway/go.mod", "real/gomod-directives/go.mod")
}
func FuzzNPM(f *testing.F) {
	fuzzFormat(f, npmFormat{}, "valid/web/package-lock.json", "real/npm-v1/package-lock.json", "real/npm-workspaces/package-lock.json")
}
func FuzzMaven(f *testing.F) {
	fuzzFormat(f, mavenFormat{}, "valid/ledger/pom.xml", "real/maven-bom/pom.xml")
}

// FuzzReadSBOM reads any input as a bom.json, whose format its contents
// say: it is read, or refused with a problem that names the file; never
// a crash.
func FuzzReadSBOM(f *testing.F) {
	for _, s := range []string{"valid/orders.cdx.json", "valid/billing.spdx.json", "real/github-api.spdx.json", "real/sbom-tool.spdx.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _, err := Read("t/p/bom.json", "t", "p", data)
		if err != nil {
			var p *diag.Problem
			if !errors.As(err, &p) || p.File != "t/p/bom.json" {
				t.Fatalf("error %v is not a problem about the file", err)
			}
			return
		}
		if b.Format != "cyclonedx" && b.Format != "spdx" {
			t.Fatalf("bom.json read as %q", b.Format)
		}
	})
}
