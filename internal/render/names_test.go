package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestNamesInURLs builds a site whose records, blip, page and image have
// names a URL cannot carry as they are ("#", "?", "%", spaces,
// non-ASCII): every file keeps its name, every link written to it (index,
// timeline, graph, record links in markdown, feed, sitemap, search,
// index.json, edit links) is percent-encoded and leads to the file.
func TestNamesInURLs(t *testing.T) {
	s, out := buildFS(t, sitetest.Txtar(t, "testdata/sites/names.txtar"))
	for _, p := range s.Problems.Sorted() {
		t.Errorf("problem: %v", p)
	}
	s.CheckLinks()
	for _, p := range s.Problems.Sorted() {
		t.Errorf("check: %v", p)
	}
	checkLinks(t, out)
	for _, name := range []string{
		"decisions/0007-c#-and-f#/index.html",
		"decisions/0008-why?/index.html",
		"decisions/0009-100%-uptime/index.html",
		"decisions/0010-ünïcode spaces/index.html",
		"decisions/img/flow chart.svg",
		"radar/c#/index.html",
		"glossary of terms/index.html",
	} {
		if _, ok := out[name]; !ok {
			t.Errorf("%s was not built", name)
		}
	}
	for _, c := range []struct{ file, want string }{
		{"decisions/index.html", `href="../decisions/0007-c%23-and-f%23/index.html"`},
		{"decisions/index.html", `href="../decisions/0008-why%3F/index.html"`},
		{"decisions/index.html", `href="../decisions/0009-100%25-uptime/index.html"`},
		{"decisions/index.html", `href="../decisions/0010-%C3%BCn%C3%AFcode%20spaces/index.html"`},
		{"decisions/timeline/index.html", `href="../../decisions/0007-c%23-and-f%23/index.html"`},
		{"decisions/graph/index.html", `href="../../decisions/0009-100%25-uptime/index.html"`},
		{"decisions/0007-c#-and-f#/index.html", `href="../../decisions/0008-why%3F/index.html"`},
		{"decisions/0007-c#-and-f#/index.html", `src="../../decisions/img/flow%20chart.svg"`},
		{"decisions/0007-c#-and-f#/index.html", `href="https://git.example.com/edit/main/decisions/0007-c%23-and-f%23.md"`},
		{"decisions/0007-c#-and-f#/index.html", `<link rel="canonical" href="https://example.com/guide/decisions/0007-c%23-and-f%23/">`},
		{"decisions/0009-100%-uptime/index.html", `href="../../radar/c%23/index.html"`},
		{"decisions/0010-ünïcode spaces/index.html", `href="../../glossary%20of%20terms/index.html"`},
		{"radar/c#/index.html", `href="../../decisions/0007-c%23-and-f%23/index.html"`},
		{"feed.xml", `https://example.com/guide/decisions/0008-why%3F/`},
		{"sitemap.xml", `https://example.com/guide/decisions/0010-%C3%BCn%C3%AFcode%20spaces/`},
		{"sitemap.xml", `https://example.com/guide/glossary%20of%20terms/`},
		{"index.json", `"decisions/0009-100%25-uptime/"`},
	} {
		if !bytes.Contains(out[c.file], []byte(c.want)) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
	}
	// The search index names pages by URL too.
	found := false
	for name, data := range out {
		if strings.HasPrefix(name, "search/") && bytes.Contains(data, []byte("decisions/0007-c%23-and-f%23/")) {
			found = true
		}
	}
	if !found {
		t.Error("no search file lists decisions/0007-c%23-and-f%23/")
	}
	// No raw "#" or "?" of a file name is left in a link (index.json
	// names the sources, as files, beside the URLs).
	for _, bad := range []string{`0007-c#-and`, `0008-why?/`, `100%-uptime/`, `ünïcode spaces/`} {
		for name, data := range out {
			if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xml") {
				if i := bytes.Index(data, []byte(bad)); i >= 0 {
					t.Errorf("%s: raw name %q in %q", name, bad, data[max(0, i-60):min(len(data), i+40)])
				}
			}
		}
	}
}
