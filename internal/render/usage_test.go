package render

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// usageDay is the day the usage fixture is judged on.
var usageDay = meta.Date{Year: 2026, Month: 6, Day: 1}

// usageBuild builds the usage fixture site, unminified, judged on usageDay.
func usageBuild(t testing.TB) map[string][]byte {
	t.Helper()
	s, err := site.Load(site.Options{Site: sitetest.Txtar(t, "../site/testdata/usage.txtar"), Theme: themes.Default(), Today: usageDay})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	out := NewMemory()
	if err := render(out, s, true); err != nil {
		t.Fatalf("render: %v", err)
	}
	return out.Files
}

// TestUsageGolden renders the usage page, a team page and a blip's "In
// use" and compares them with testdata/golden-usage (-update rewrites).
func TestUsageGolden(t *testing.T) {
	out := usageBuild(t)
	for _, page := range []string{"usage/index.html", "usage/payments/index.html", "usage/reporting/index.html", "radar/kafka/index.html", "radar/postgresql/index.html", "index.json"} {
		t.Run(page, func(t *testing.T) {
			got, ok := out[page]
			if !ok {
				t.Fatalf("%s was not built", page)
			}
			checkGolden(t, filepath.Join("testdata", "golden-usage", strings.ReplaceAll(page, "/", "_")), readable(t, page, got))
		})
	}
	for _, want := range []string{"usage/", "usage/payments/", "usage/reporting/", "usage/web/"} {
		if !strings.Contains(string(out["sitemap.xml"]), "https://example.com/"+want+"<") {
			t.Errorf("sitemap lacks %s", want)
		}
	}
}
