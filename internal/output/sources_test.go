package output

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestGuardSources refuses an output folder inside a folder the site is
// read from, and accepts one beside them.
func TestGuardSources(t *testing.T) {
	sources := []string{"docs/adr", "radar", "content", "themes/default"}
	tests := []struct {
		out     string // relative to the site folder
		refused string // the source folder named, or "" when accepted
	}{
		{"content/site", "content"},
		{"content", "content"},
		{"radar/out/deep", "radar"},
		{"docs/adr/public", "docs/adr"},
		{"themes/default/x", "themes/default"},
		{"public", ""},
		{"docs/public", ""},
		{"content-site", ""},
		{"../public", ""},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			out := filepath.Join(site, filepath.FromSlash(tt.out))
			err := GuardSources(out, site, sources)
			if tt.refused == "" {
				if err != nil {
					t.Fatalf("GuardSources(%s) = %v, want nil", tt.out, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("GuardSources(%s) = nil, want a refusal", tt.out)
			}
			for _, want := range []string{out, "inside " + tt.refused + ",", "choose a folder outside it"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
		})
	}
}
