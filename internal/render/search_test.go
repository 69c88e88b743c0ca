package render

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestSearchFiles checks what the build writes for search: the page, with
// its filters and its message for readers without JavaScript, the header
// box on every page, and an index of every decision, blip and page.
func TestSearchFiles(t *testing.T) {
	s, out := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	page := string(out["search/index.html"])
	for _, want := range []string{
		`<form class="search-form" role="search" action="../search/index.html" method="get">`,
		`<input id="search-q" type="search" name="q"`,
		`<select name="type"><option value>Any</option><option value="decision">Decisions</option>`,
		`<select name="status"><option value>Any</option><option value="accepted">accepted</option><option value="superseded">superseded</option></select>`,
		`<select name="ring"><option value>Any</option><option value="adopt">Adopt</option>`,
		`<select name="sector"><option value>Any</option><option value="techniques">Techniques</option>`,
		`<option value="messaging">messaging</option>`,
		`<noscript><p class="search-nojs">`, `href="../decisions/index.html">decisions</a>`, `href="../radar/index.html">radar</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	for name, data := range out {
		if strings.HasSuffix(name, ".html") && name != "search/index.html" {
			prefix := strings.Repeat("../", strings.Count(name, "/"))
			if name == "404.html" {
				prefix = "/guide/" // served at any address: its links start from the base URL's path
			}
			if want := `<form class="site-search" role="search" action="` + prefix + `search/index.html" method="get"><input type="search" name="q"`; !bytes.Contains(data, []byte(want)) {
				t.Errorf("%s has no header search box", name)
			}
		}
	}

	ix, err := search.Open(func(name string) ([]byte, error) { return out["search/"+name], nil })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ix.Docs(), len(s.Decisions.Records)+len(s.Radar.Blips)+len(s.Pages); got != want {
		t.Errorf("index has %d documents, want %d", got, want)
	}
	hits, err := ix.Search("lost messages", search.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range hits {
		urls = append(urls, h.URL)
	}
	// The blip's body and its history note ("lost messages") both count.
	if !slices.Contains(urls, "radar/kafka/") {
		t.Errorf("lost messages: %q", urls)
	}
	var table struct {
		Docs [][]any `json:"docs"`
	}
	docs, err := search.Unwrap("docs", out["search/docs.js"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(docs, &table); err != nil {
		t.Fatal(err)
	}
	if got := table.Docs[0]; got[1] != "ADR-0001" || got[2] != "Use queues" || got[3] != "decisions/0001-use-queues/" {
		t.Errorf("first document %v", got)
	}
}
