package interchange

import (
	"os"
	"testing"
)

// BenchmarkImportBYOR imports the BYOR fixture: HTML conversion dominates.
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
