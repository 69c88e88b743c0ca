package audit

import (
	"path/filepath"
	"testing"
)

func TestProjectName(t *testing.T) {
	root := t.TempDir()
	for _, tt := range []struct{ file, want string }{
		{"checkout.cdx.json", "checkout"},
		{"checkout.spdx.json", "checkout"},
		{"shop/checkout/go.mod", "checkout"},
		{"shop/checkout/package-lock.json", "checkout"},
		{"checkout/bom.json", "checkout"},
		{"checkout/target/bom.json", "checkout"},
		{"checkout/build/reports/bom.json", "checkout"},
		{"checkout/_manifest/spdx_2.2/manifest.spdx.json", "checkout"},
		{"checkout/sbom.cdx.json", "checkout"},
		{"checkout/dist/sbom.spdx.json", "checkout"},
	} {
		if got := projectName(filepath.Join(root, filepath.FromSlash(tt.file))); got != tt.want {
			t.Errorf("projectName(%s) = %q, want %q", tt.file, got, tt.want)
		}
	}
}
