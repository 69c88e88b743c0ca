package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// buildFS builds the site in fsys into memory.
func buildFS(t testing.TB, fsys fstest.MapFS) (*site.Site, map[string][]byte) {
	t.Helper()
	s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	out := NewMemory()
	if err := Render(out, s); err != nil {
		t.Fatalf("render: %v", err)
	}
	return s, out.Files
}

// buildDir builds the site folder dir into memory.
func buildDir(t testing.TB, dir string) (*site.Site, map[string][]byte) {
	t.Helper()
	s, err := site.Load(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	out := NewMemory()
	if err := Render(out, s); err != nil {
		t.Fatalf("render %s: %v", dir, err)
	}
	return s, out.Files
}

var refRE = regexp.MustCompile(`(?:href|src)="?([^"\s>]+)`)

// checkLinks reports every relative href or src in an HTML file of out
// that does not lead to a file of out.
func checkLinks(t *testing.T, out map[string][]byte) {
	t.Helper()
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(out)) {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		for _, m := range refRE.FindAllSubmatch(out[name], -1) {
			ref := string(m[1])
			u, err := url.Parse(strings.ReplaceAll(ref, "&amp;", "&"))
			if err != nil {
				t.Errorf("%s: unparsable link %q", name, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				continue
			}
			target := path.Join(path.Dir(name), u.Path)
			if strings.HasSuffix(u.Path, "/") {
				t.Errorf("%s: link %q names a folder; links must name index.html to work from disk", name, ref)
				target = path.Join(target, "index.html")
			}
			if _, ok := out[target]; !ok {
				t.Errorf("%s: link %q leads to %s, which was not built", name, ref, target)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no links checked")
	}
	t.Logf("%d links checked", checked)
}

// TestDefaultSite is the one test of the repository's own site: it builds
// with no error and no broken link, every record, blip and page of it has
// its page, and every link leads to a built file. It must not depend on
// the guidance's wording or numbers, which change as the guidance does;
// the other tests use fixtures of their own.
func TestDefaultSite(t *testing.T) {
	s, out := buildDir(t, "../..")
	if len(s.Decisions.Records) == 0 || len(s.Radar.Blips) == 0 || len(s.Pages) == 0 {
		t.Fatalf("default site has %d decisions, %d blips and %d pages; want some of each",
			len(s.Decisions.Records), len(s.Radar.Blips), len(s.Pages))
	}
	if errs, _, _ := s.Problems.Count(); errs != 0 {
		t.Errorf("default site has %d errors", errs)
	}
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "broken link") || strings.Contains(p.Message, "does not exist") {
			t.Errorf("default site: %v", p)
		}
	}
	want := []string{"index.html", "radar/index.html", "roadmap/index.html", "licenses/index.html",
		"decisions/index.html", "tags/index.html", "search/index.html", "404.html", "feed.xml", "sitemap.xml", "index.json",
		"assets/style.css", "assets/radar.js", "assets/chroma.css"}
	for _, r := range s.Decisions.Records {
		want = append(want, site.RecordURL(r)+"index.html")
	}
	for _, b := range s.Radar.Blips {
		want = append(want, site.BlipURL(b)+"index.html")
	}
	for _, p := range s.Pages {
		want = append(want, p.URL+"index.html")
	}
	for _, d := range s.Radar.Editions() {
		want = append(want, site.EditionURL(d)+"index.html")
	}
	for _, v := range s.Config.Views {
		want = append(want, site.ViewURL(v.ID)+"index.html", site.ViewURL(v.ID)+"radar.svg")
	}
	for _, name := range want {
		if _, ok := out[name]; !ok {
			t.Errorf("%s was not built", name)
		}
	}
	// A long record lists its sections; a proposed one says it is open
	// for comment.
	for _, c := range []struct{ page, want string }{
		{"decisions/0005-kafka-vs-rabbitmq-prototype-first/index.html", `<nav class="toc"`},
		{"decisions/0014-use-rabbitmq-for-business-transactions/index.html", `Proposed: open for comment.`},
		{"decisions/0007-build-our-own-message-broker/index.html", `<strong>Rejected.</strong>`},
	} {
		if !bytes.Contains(out[c.page], []byte(c.want)) {
			t.Errorf("%s lacks %s", c.page, c.want)
		}
	}
	checkLinks(t, out)
}

// TestSearchOff builds the fixture site with search: false: no search
// box, page, script or index, and every link still leads somewhere.
func TestSearchOff(t *testing.T) {
	fsys := sitetest.Txtar(t, "testdata/site.txtar")
	_, on := buildFS(t, fsys)
	fsys["waymark.yaml"].Data = append(fsys["waymark.yaml"].Data, "\nsearch: false\n"...)
	_, out := buildFS(t, fsys)
	// The same site with search on has each of what must go.
	if _, ok := on["search/index.html"]; !ok {
		t.Fatal("with search on, no search page: the checks below would prove nothing")
	}
	for _, c := range []struct{ name, with string }{
		{"index.html", "site-search"}, {"index.html", "search.js"}, {"sitemap.xml", "search/"},
	} {
		if !bytes.Contains(on[c.name], []byte(c.with)) {
			t.Fatalf("with search on, %s lacks %q: the checks below would prove nothing", c.name, c.with)
		}
	}
	for name, data := range out {
		if strings.HasPrefix(name, "search/") {
			t.Errorf("%s was built", name)
		}
		if strings.HasSuffix(name, ".html") && (bytes.Contains(data, []byte(`class="site-search"`)) || bytes.Contains(data, []byte("search.js"))) {
			t.Errorf("%s has a search box or script", name)
		}
	}
	if bytes.Contains(out["sitemap.xml"], []byte("search/")) {
		t.Error("the sitemap lists the search page")
	}
	if _, ok := out["index.html"]; !ok {
		t.Fatal("no home page")
	}
	checkLinks(t, out)
}

// TestDeterministic builds the fixture sites twice each and expects the
// same bytes.
func TestDeterministic(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"site.txtar": sitetest.Txtar(t, "testdata/site.txtar"),
		"formats":    formatsSite(t),
	} {
		_, a := buildFS(t, fsys)
		_, b := buildFS(t, fsys)
		if got, want := siteHash(a), siteHash(b); got != want {
			for file := range a {
				if !bytes.Equal(a[file], b[file]) {
					t.Errorf("%s: %s differs between two builds", name, file)
				}
			}
		}
	}
}

func siteHash(out map[string][]byte) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(out)) {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(out[name]))
		h.Write(out[name])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestTimeZones builds the fixture site, whose records and blips are
// dated, in processes whose local time zones are a day apart and expects
// identical output.
func TestTimeZones(t *testing.T) {
	if os.Getenv("WAYMARK_TZ_CHILD") != "" {
		_, out := buildFS(t, sitetest.Txtar(t, "testdata/site.txtar"))
		fmt.Printf("site-hash:%s\n", siteHash(out))
		return
	}
	hashes := map[string]string{}
	for _, tz := range []string{"Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTimeZones$", "-test.count=1")
		cmd.Env = append(os.Environ(), "WAYMARK_TZ_CHILD=1", "TZ="+tz)
		got, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("TZ=%s: %v\n%s", tz, err, got)
		}
		m := regexp.MustCompile(`site-hash:([0-9a-f]+)`).FindSubmatch(got)
		if m == nil {
			t.Fatalf("TZ=%s: no hash in output:\n%s", tz, got)
		}
		hashes[tz] = string(m[1])
	}
	if hashes["Pacific/Kiritimati"] != hashes["Pacific/Pago_Pago"] || hashes["UTC"] != hashes["Pacific/Pago_Pago"] {
		t.Errorf("output depends on the time zone: %v", hashes)
	}
}
