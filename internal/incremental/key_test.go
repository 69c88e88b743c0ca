package incremental

import (
	"testing"

	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// TestEveryPageHasAKey checks that the data of every kind of page can be
// fingerprinted. A view that gains a func or a channel could not be, and
// its pages would silently be rendered on every save.
func TestEveryPageHasAKey(t *testing.T) {
	s, err := site.Load(site.Options{Site: sitetest.Txtar(t, "../render/testdata/site.txtar"), Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	m := newMemo()
	kinds := map[string]bool{}
	for _, p := range page.Assemble(s) {
		kinds[p.Kind] = true
		if _, ok := m.pageKey(p, 0); !ok {
			t.Errorf("%s (%s): its view cannot be fingerprinted", p.Path, p.Kind)
		}
	}
	for _, k := range []string{"home", "radar", "sector", "blip", "roadmap", "licenses", "decisions", "decision", "tags", "tag", "page", "search", "404"} {
		if !kinds[k] {
			t.Errorf("the fixture has no %s page", k)
		}
	}
}

// TestKeyFollowsData checks that a page's key changes with any of its
// data, and only then.
func TestKeyFollowsData(t *testing.T) {
	m := newMemo()
	sv := &page.SiteView{Title: "Site"}
	mk := func(title string, data any) page.Page {
		return page.Page{Path: "x/index.html", Kind: "tag", View: &page.View{Site: sv, Kind: "tag", URL: "x/", Title: title, Data: data}}
	}
	key := func(p page.Page) uint64 {
		k, ok := m.pageKey(p, 0)
		if !ok {
			t.Fatal("no key")
		}
		return k
	}
	base := key(mk("A", &page.TagData{Tag: page.Tag{Name: "n", URL: "tags/n/"}}))
	if got := key(mk("A", &page.TagData{Tag: page.Tag{Name: "n", URL: "tags/n/"}})); got != base {
		t.Error("equal data, different keys")
	}
	if got := key(mk("B", &page.TagData{Tag: page.Tag{Name: "n", URL: "tags/n/"}})); got == base {
		t.Error("a new title kept the key")
	}
	if got := key(mk("A", &page.TagData{Tag: page.Tag{Name: "m", URL: "tags/n/"}})); got == base {
		t.Error("new data behind a pointer kept the key")
	}
	if _, ok := m.pageKey(mk("A", func() {}), 0); ok {
		t.Error("a func was fingerprinted")
	}
}
