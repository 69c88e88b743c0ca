package interchange

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkImportBYOR imports the BYOR fixture (13 rows).
func BenchmarkImportBYOR(b *testing.B) {
	data, err := os.ReadFile("testdata/byor.csv")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := importSrc(nil, BYORCSV, string(data), options()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportVolume imports a volume the size of a published radar:
// 100 rows with HTML descriptions of a few paragraphs, code and links.
func BenchmarkImportVolume(b *testing.B) {
	rings := []string{"Adopt", "Trial", "Assess", "Caution"}
	quadrants := []string{"Techniques", "Tools", "Platforms", "Languages & Frameworks"}
	var src strings.Builder
	src.WriteString("name,ring,quadrant,isNew,status,description\n")
	for i := range 100 {
		fmt.Fprintf(&src, "Blip %d,%s,%s,FALSE,No Change,\"<p>Paragraph one of blip %d, with <code>go test ./...</code> and <a href=\"\"https://example.org/%d\"\">a link</a>.</p><p>Paragraph two: <strong>why</strong> it sits here, and what we <em>expect</em> next.</p><ul><li>one</li><li>two</li></ul>\"\n",
			i, rings[i%4], quadrants[(i/4)%4], i, i)
	}
	for b.Loop() {
		if _, err := importSrc(nil, BYORCSV, src.String(), options()); err != nil {
			b.Fatal(err)
		}
	}
}
