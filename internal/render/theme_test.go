package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// TestThemeOverride: a site's own theme files replace the built-in ones
// file by file; everything else still comes from the built-in theme.
func TestThemeOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"waymark.yaml":                    {Data: []byte("theme: acme\n")},
		"themes/acme/templates/page.html": {Data: []byte(`{{define "main"}}<article class="acme">{{.Title}}{{.Content}}</article>{{end}}`)},
		"themes/acme/static/style.css":    {Data: []byte("body { color: rebeccapurple; }\n")},
		"content/about.md":                {Data: []byte("---\ntitle: About us\n---\nHello.\n")},
	}
	_, out := buildFS(t, fsys)
	if page := string(out["about/index.html"]); !strings.Contains(page, `<article class="acme">About us<p>Hello.</p></article>`) {
		t.Errorf("the site's page template was not used:\n%s", page)
	}
	if css := string(out["assets/style.css"]); !strings.Contains(css, "rebeccapurple") {
		t.Errorf("the site's stylesheet was not used: %s", css)
	}
	if _, ok := out["assets/radar.js"]; !ok {
		t.Error("built-in static files are missing when a theme overrides others")
	}
	if !strings.Contains(string(out["radar/index.html"]), `class="radar-svg"`) {
		t.Error("built-in templates are not used for pages the theme does not override")
	}
}

func TestMissingTheme(t *testing.T) {
	fsys := fstest.MapFS{"waymark.yaml": {Data: []byte("theme: nosuch\n")}}
	s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	err = Render(NewMemory(), s)
	if err == nil || !strings.Contains(err.Error(), `theme "nosuch": folder themes/nosuch does not exist`) {
		t.Errorf("err = %v", err)
	}
}

func TestBrokenTemplate(t *testing.T) {
	fsys := fstest.MapFS{"waymark.yaml": {Data: []byte("title: T\n")}, "themes/default/templates/tags.html": {Data: []byte(`{{define "main"}}{{.Nope`)}}
	s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(NewMemory(), s); err == nil || !strings.Contains(err.Error(), "themes/default") || !strings.Contains(err.Error(), "tags.html:1") {
		t.Errorf("err = %v, want it to name the template file and line", err)
	}
}
