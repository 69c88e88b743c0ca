package usage_test

import (
	"fmt"
	"testing"

	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/internal/usage"
)

// benchBOM is an SBOM of m components, as generators write them.
func benchBOM(m int) []byte {
	b := &usage.BOM{Team: "t", Project: "p"}
	for j := range m {
		c := usage.NewComponent("npm", fmt.Sprintf("@scope%d", j%90), fmt.Sprintf("package-%d", j), "1.2.3")
		c.License = "MIT"
		b.Components = append(b.Components, c)
	}
	data, err := usage.FormatOf("p.cdx.json").Write(b)
	if err != nil {
		panic(err)
	}
	return data
}

// BenchmarkReadCycloneDX reads one 1,500-component SBOM; cpu-ms/op
// counts the garbage collector's work on the other cores too.
func BenchmarkReadCycloneDX(b *testing.B) {
	data := benchBOM(1500)
	b.SetBytes(int64(len(data)))
	report := sitetest.ReportCPU(b)
	for b.Loop() {
		if _, _, err := usage.Read("usage/t/p.cdx.json", "t", "p", data); err != nil {
			b.Fatal(err)
		}
	}
	report()
}
