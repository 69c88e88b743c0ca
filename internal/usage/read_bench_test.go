package usage

import (
	"fmt"
	"testing"
)

// benchBOM is an SBOM of m components, as generators write them.
func benchBOM(m int) []byte {
	b := &BOM{Team: "t", Project: "p"}
	for j := range m {
		c := NewComponent("npm", fmt.Sprintf("@scope%d", j%90), fmt.Sprintf("package-%d", j), "1.2.3")
		c.License = "MIT"
		b.Components = append(b.Components, c)
	}
	data, err := cyclonedxFormat{}.Write(b)
	if err != nil {
		panic(err)
	}
	return data
}

// BenchmarkReadCycloneDX reads one 1,500-component SBOM.
func BenchmarkReadCycloneDX(b *testing.B) {
	data := benchBOM(1500)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Read("usage/t/p.cdx.json", "t", "p", data); err != nil {
			b.Fatal(err)
		}
	}
}
