package site

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestLinkedOutsideFiles: in a repository root used as the site, the
// images and documents that records link to beside the decision folder
// are published and their links resolve (check finds nothing broken but
// the hidden file); linked markdown becomes a page, followed in turn;
// nothing unlinked, hidden or not linked by a published page is
// published.
func TestLinkedOutsideFiles(t *testing.T) {
	s, err := Load(Options{Site: sitetest.Txtar(t, "testdata/linked/repository.txtar")})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if got, want := len(s.Decisions.Records), 2; got != want {
		t.Fatalf("%d records, want %d", got, want)
	}
	s.CheckLinks()
	var broken []string
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "broken link") {
			broken = append(broken, p.File+": "+p.Message)
		}
	}
	if len(broken) != 1 || !strings.Contains(broken[0], "docs/adr/0002-use-postgres.md: broken link \"../../.env\"") {
		t.Errorf("broken links: %q, want only the hidden ../../.env", broken)
	}
	for src, want := range map[string]string{
		"docs/img/diagram.png":   "docs/img/diagram.png",
		"docs/img/schema v2.svg": "docs/img/schema%20v2.svg",
		"main.go":                "main.go",
	} {
		if got, ok := s.Asset(src); !ok || got != want {
			t.Errorf("Asset(%s) = %q, %v; want %q", src, got, ok, want)
		}
	}
	for _, src := range []string{"docs/img/unused.png", ".env", "go.mod", "docs/private/notes.md", "docs/glossary.md"} {
		if _, ok := s.Asset(src); ok {
			t.Errorf("%s is published as a file", src)
		}
	}
	for src, want := range map[string]string{
		"docs/glossary.md":   "docs/glossary/",
		"CONTRIBUTING.md":    "CONTRIBUTING/",
		"docs/terms/more.md": "docs/terms/more/", // linked from the glossary only
	} {
		if got, ok := s.Page(src); !ok || got != want {
			t.Errorf("Page(%s) = %q, %v; want %q", src, got, ok, want)
		}
	}
	if _, ok := s.Page("docs/private/notes.md"); ok {
		t.Error("an unlinked document became a page")
	}
	for _, p := range s.Pages {
		if p.Source == "docs/glossary.md" && (p.Title != "Glossary" || p.Weight != 0) {
			t.Errorf("glossary page: title %q, weight %d; want its own title and no menu place", p.Title, p.Weight)
		}
	}
	for _, p := range []string{"docs/glossary.md", "docs/img/diagram.png", ".env", "docs/terms/more.md"} {
		if !s.Outside(p) {
			t.Errorf("Outside(%s) = false", p)
		}
	}
	if s.Outside("docs/img/unused.png") {
		t.Error("an unlinked file counts as linked")
	}
}

// TestLeadsOut: the quick look that decides whether a document is
// parsed for links leaving the site's folders.
func TestLeadsOut(t *testing.T) {
	within := func(p string) bool { return strings.HasPrefix(p, "decisions/") || strings.HasPrefix(p, "radar/") }
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"[k](../radar/kafka.md)", false},
		{"no links at all", false},
		{"[g](../glossary.md)", true},
		{"![d](../img/a%20b.png)", true},
		{"[x]: ../README.md", true},
		{"[up](../../../outside-the-site.md)", false},
		{"<../docs/x.md>", true},
		{"[k](../radar/kafka.md#ring) and [i](../img/x.png?v=1)", true},
	} {
		if got := leadsOut(docOf("decisions/0001-a.md", tt.body), within); got != tt.want {
			t.Errorf("leadsOut(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

func docOf(source, body string) markdown.Doc { return markdown.Doc{Source: source, Body: []byte(body)} }
