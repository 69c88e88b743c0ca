package page

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestEncodeIndex checks that EncodeIndex writes what encoding/json's
// Encoder writes of Index, with and without usage files, and again from
// what it kept in the usage report.
func TestEncodeIndex(t *testing.T) {
	tests := []struct {
		name string
		load func(t *testing.T) *site.Site
	}{
		{"no usage files", func(t *testing.T) *site.Site {
			dir := sitetest.CopyDefaultSite(t, "../..")
			if err := os.RemoveAll(dir + "/usage"); err != nil {
				t.Fatal(err)
			}
			return load(t, dir)
		}},
		{"the default site", func(t *testing.T) *site.Site { return load(t, sitetest.CopyDefaultSite(t, "../..")) }},
		{"a usage fixture with a stale SBOM and an expired exception", func(t *testing.T) *site.Site {
			return load(t, sitetest.TxtarDir(t, "../site/testdata/usage.txtar"))
		}},
		{"40 generated SBOMs", func(t *testing.T) *site.Site { return manyUsesSite(t, 40, 300) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.load(t)
			var want bytes.Buffer
			if err := json.NewEncoder(&want).Encode(Index(s)); err != nil {
				t.Fatal(err)
			}
			for _, pass := range []string{"first", "kept"} {
				got, err := EncodeIndex(s)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want.Bytes()) {
					at := 0
					for at < min(len(got), want.Len()) && got[at] == want.Bytes()[at] {
						at++
					}
					t.Fatalf("%s pass: differs from the Encoder's at byte %d of %d:\n got …%s\nwant …%s", pass, at, want.Len(),
						got[max(0, at-80):min(len(got), at+80)], want.Bytes()[max(0, at-80):min(want.Len(), at+80)])
				}
			}
		})
	}
}

func load(t *testing.T, dir string) *site.Site {
	t.Helper()
	s, err := site.Load(site.Options{Site: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
