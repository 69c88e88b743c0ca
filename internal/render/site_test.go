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
	"path/filepath"
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

// TestDefaultSite builds the repository's own site and follows every link.
func TestDefaultSite(t *testing.T) {
	s, out := buildDir(t, "../..")
	if got := len(s.Decisions.Records); got < 8 {
		t.Errorf("default site has %d decisions, want at least 8", got)
	}
	if got := len(s.Radar.Blips); got < 24 {
		t.Errorf("default site has %d blips, want at least 24", got)
	}
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "broken link") || strings.Contains(p.Message, "does not exist") {
			t.Errorf("default site: %v", p)
		}
	}
	for _, want := range []string{"index.html", "radar/index.html", "radar/kafka/index.html", "roadmap/index.html",
		"decisions/index.html", "tags/index.html", "404.html", "feed.xml", "sitemap.xml", "index.json",
		"assets/style.css", "assets/radar.js", "assets/chroma.css"} {
		if _, ok := out[want]; !ok {
			t.Errorf("%s was not built", want)
		}
	}
	checkLinks(t, out)
}

// TestSearchOff builds the default site with search: false: no search
// box, page, script or index, and every link still leads somewhere.
func TestSearchOff(t *testing.T) {
	dir := sitetest.CopyDefaultSite(t, filepath.Join("..", ".."))
	cfg, err := os.ReadFile(filepath.Join(dir, "waymark.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "waymark.yaml"), append(cfg, "\nsearch: false\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out := buildDir(t, dir)
	for name, data := range out {
		if strings.HasPrefix(name, "search/") {
			t.Errorf("%s was built", name)
		}
		if strings.HasSuffix(name, ".html") && (bytes.Contains(data, []byte("site-search")) || bytes.Contains(data, []byte("search.js"))) {
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

// TestDeterministic builds the same site twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	_, a := buildDir(t, "../..")
	_, b := buildDir(t, "../..")
	if got, want := siteHash(a), siteHash(b); got != want {
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s differs between two builds", name)
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

// TestTimeZones builds the default site in two processes whose local time
// zones are a day apart and expects identical output.
func TestTimeZones(t *testing.T) {
	if os.Getenv("WAYMARK_TZ_CHILD") != "" {
		_, out := buildDir(t, "../..")
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
