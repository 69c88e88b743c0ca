package render

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// plainBuild builds the txtar site file into memory, unminified.
func plainBuild(t testing.TB, file string) map[string][]byte {
	t.Helper()
	_, out := plainBuildFS(t, sitetest.Txtar(t, file))
	return out
}

// plainBuildFS builds the site in fsys into memory, unminified.
func plainBuildFS(t testing.TB, fsys fs.FS) (*site.Site, map[string][]byte) {
	t.Helper()
	s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	out := NewMemory()
	if err := render(out, s, true); err != nil {
		t.Fatalf("render: %v", err)
	}
	return s, out.Files
}

// TestGolden renders each kind of page of testdata/site.txtar, unminified,
// and compares it with testdata/golden; run with -update to accept new
// output. Minifying has tests of its own (TestFixtureSite reads minified
// pages).
func TestGolden(t *testing.T) {
	out := plainBuild(t, "testdata/site.txtar")
	for _, page := range []string{
		"index.html", "radar/index.html", "radar/kafka/index.html", "roadmap/index.html",
		"radar/platforms/index.html", "licenses/index.html",
		"radar/editions/index.html", "radar/editions/2020-01-10/index.html", "radar/views/messaging/index.html", "radar/views/messaging/radar.svg",
		"decisions/index.html", "decisions/0001-use-queues/index.html", "decisions/0002-prototype-first/index.html",
		"about/index.html", "tags/index.html", "tags/messaging/index.html", "404.html",
		"feed.xml", "sitemap.xml", "index.json", "decisions/images/flow.svg",
	} {
		t.Run(page, func(t *testing.T) {
			got, ok := out[page]
			if !ok {
				t.Fatalf("%s was not built", page)
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
			checkGolden(t, golden, readable(t, page, got))
		})
	}
}

// checkGolden compares got with the golden file, or with -update
// rewrites the golden file. A difference is shown as a line diff.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept it):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// TestFixtureSite checks the fixture's meaning, not just its bytes.
func TestFixtureSite(t *testing.T) {
	s, out := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
	checkLinks(t, out)
	for _, c := range []struct{ page, want string }{
		{"decisions/0001-use-queues/index.html", `class="banner"`},
		{"decisions/0001-use-queues/index.html", `href="../../decisions/0002-prototype-first/index.html"`},
		{"decisions/0002-prototype-first/index.html", `src="../../decisions/images/flow.svg"`},
		{"decisions/0002-prototype-first/index.html", `href="../../decisions/0001-use-queues/index.html#use-queues"`},
		{"decisions/0002-prototype-first/index.html", `class="chroma"`},
		{"decisions/0002-prototype-first/index.html", `type="checkbox"`},
		{"decisions/0001-use-queues/index.html", `<table tabindex="0">`},
		{"decisions/0001-use-queues/index.html", `footnote`},
		{"about/index.html", `About raw html and`},
		{"radar/kafka/index.html", `lost messages`},
		{"index.html", `MongoDB`},
		{"feed.xml", `https://example.com/guide/decisions/0002-prototype-first/`},
		{"radar/kafka/index.html", `<link rel="canonical" href="https://example.com/guide/radar/kafka/">`},
		{"radar/kafka/index.html", `<a href="https://git.example.com/guide/edit/main/radar/kafka.md">Edit this page</a>`},
		{"decisions/0001-use-queues/index.html", `<a href="https://git.example.com/guide/edit/main/decisions/0001-use-queues.md">Edit this page</a>`},
		{"decisions/0001-use-queues/index.html", `rel="next"><span>Next</span> ADR-0002: Prototype first</a>`},
		{"decisions/0002-prototype-first/index.html", `rel="prev"><span>Previous</span> ADR-0001: Use queues</a>`},
		{"radar/index.html", `<a href="../radar/editions/2020-06-01/index.html">What changed since 10 January 2020</a>`},
		{"radar/views/messaging/radar.svg", `href="https://example.com/guide/radar/kafka/"`},
	} {
		if !bytes.Contains(out[c.page], []byte(c.want)) {
			t.Errorf("%s does not contain %s", c.page, c.want)
		}
	}
	if bytes.Contains(out["about/index.html"], []byte("<b>raw html</b>")) {
		t.Error("raw HTML was rendered although the site did not opt in")
	}
	r := s.Decisions.Get("", 1)
	if got, want := r.Status, "superseded"; got != want {
		t.Errorf("ADR-0001 status = %q, want %q", got, want)
	}
	if got, want := s.Radar.Policy.Verdict("AGPL-3.0-only"), "denied"; got != want {
		t.Errorf("verdict = %q, want %q", got, want)
	}
}
