package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/githistory"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// formatsSite is a site whose decisions folder holds the record format
// fixtures of package decision, one category folder per format.
func formatsSite(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{
		"waymark.yaml":      {Data: []byte("title: Formats\nbaseURL: https://example.com/\n")},
		"radar/kafka.md":    {Data: []byte("---\ntitle: Apache Kafka\nquadrant: platforms\nring: hold\nlicense: Apache-2.0\nbacking: foundation\nowner: integration\n---\nA log.\n")},
		"radar/rabbitmq.md": {Data: []byte("---\ntitle: RabbitMQ\nquadrant: platforms\nring: trial\nlicense: MIT\nbacking: vendor\nowner: integration\n---\nA broker.\n")},
	}
	src := filepath.Join("..", "decision", "testdata", "formats")
	err := fs.WalkDir(os.DirFS(src), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(p)))
		fsys["decisions/"+p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestDecisionFormatsGolden renders a page for every record format
// fixture, and the decisions index's three views, and compares them with
// testdata/golden-decisions, unminified; run with -update to accept new
// output.
func TestDecisionFormatsGolden(t *testing.T) {
	s, out := plainBuildFS(t, formatsSite(t))
	pages := []string{"decisions/index.html", "decisions/timeline/index.html", "decisions/graph/index.html"}
	for _, r := range s.Decisions.Records {
		pages = append(pages, site.RecordURL(r)+"index.html")
	}
	for _, page := range pages {
		t.Run(page, func(t *testing.T) {
			got, ok := out[page]
			if !ok {
				t.Fatalf("%s was not built", page)
			}
			golden := filepath.Join("testdata", "golden-decisions", strings.ReplaceAll(strings.TrimSuffix(page, "/index.html"), "/", "_")+".html")
			checkGolden(t, golden, readable(t, page, got))
		})
	}
}

// TestDecisionFormatsSite checks what the format fixtures' pages mean.
func TestDecisionFormatsSite(t *testing.T) {
	s, out := buildFS(t, formatsSite(t))
	checkLinks(t, out)
	page := func(name string) string { return string(out[name]) }
	for _, c := range []struct{ page, want string }{
		// adr-tools "Superceded by", with no status word: a banner that links the replacement.
		{"decisions/adr-tools/0002-use-kafka-for-business-transactions/index.html",
			`<strong>Superseded.</strong> This decision was replaced by <a href="../../../decisions/adr-tools/0004-use-rabbitmq-for-business-transactions/index.html">ADR-0004: Use RabbitMQ for business transactions</a>`},
		// A custom verb pair, written on both sides.
		{"decisions/adr-tools/0002-use-kafka-for-business-transactions/index.html", `<dt>Clarified by</dt>`},
		{"decisions/adr-tools/0003-partition-kafka-topics-by-customer/index.html", `<dt>Clarifies</dt>`},
		// A custom verb written on one side only: the other side derived.
		{"decisions/adr-tools/0001-record-architecture-decisions/index.html", `<dt>Extended by</dt>`},
		// Relations both ways: MADR 4's one-sided "superseded by ADR-0004".
		{"decisions/madr4/0004-use-postgresql-for-orders/index.html", `<dt>Supersedes</dt><dd><a href="../../../decisions/madr4/0003-use-mysql-for-orders/index.html">`},
		{"decisions/madr4/0001-use-markdown-any-decision-records/index.html", `<dt>Amended by</dt>`},
		// Rejected stays rejected.
		{"decisions/madr4/0002-use-postgresql-for-reporting/index.html", `<span class="badge status-rejected">rejected</span>`},
		{"decisions/madr4/0001-use-markdown-any-decision-records/index.html", `<dt>Consulted</dt><dd>Architecture guild</dd><dt>Informed</dt><dd>All engineering, Product owners</dd>`},
		// log4brains: dated names, numbered in order, date from the name.
		{"decisions/log4brains/20200310-use-kafka/index.html", `<p class="crumbs"><a href="../../../decisions/index.html">Decisions</a> › log4brains › ADR-0002</p>`},
		{"decisions/log4brains/20200420-use-rabbitmq/index.html", `<time datetime="2020-04-20">20 April 2020</time>`},
		// Categories: the index shows the folder.
		{"decisions/index.html", `<th scope="col">Category</th>`},
		{"decisions/timeline/index.html", `<h2 id="year-2015">2015</h2>`},
		{"decisions/graph/index.html", `<svg class="decision-graph"`},
		// Front matter on an adr-tools body: blips and tags.
		{"decisions/mixed/0001-nygard-body-with-waymark-front-matter/index.html", `<dt>Radar</dt>`},
	} {
		if !strings.Contains(page(c.page), c.want) {
			t.Errorf("%s does not contain %s", c.page, c.want)
		}
	}
	// The metadata list is shown as facts, not repeated in the body.
	if p := page("decisions/madr2/0001-use-markdown-architectural-decision-records/index.html"); strings.Contains(p, "Status: accepted") {
		t.Error("the MADR 2 status item is still in the body")
	}
	for _, p := range s.Problems.Sorted() {
		// the unfilled template states no status: said once for its folder
		// a fixture left proposed since 2020: check asks for a decision
		if !strings.Contains(p.Error(), "1 of the folder's records state no status (0005-unfilled-template.md)") && !strings.Contains(p.Message, "proposed for") {
			t.Errorf("unexpected problem: %v", p)
		}
	}
}

// fakeHistory is a History with fixed dates.
type fakeHistory struct {
	log  *githistory.Log
	dirs []string
}

func (h *fakeHistory) FileDates(dir string) (*githistory.Log, error) {
	h.dirs = append(h.dirs, dir)
	return h.log, nil
}

// TestHistoryDates dates undated records by their first commit and every
// record by its last, and warns once about a shallow clone.
func TestHistoryDates(t *testing.T) {
	d := func(s string) meta.Date { x, _ := meta.ParseDate(s); return x }
	h := &fakeHistory{log: &githistory.Log{Shallow: true, Files: map[string]githistory.Dates{
		"decisions/0001-dated.md":   {Created: d("2019-01-01"), Changed: d("2021-02-03")},
		"decisions/0002-undated.md": {Created: d("2019-05-06"), Changed: d("2019-07-08")},
	}}}
	fsys := fstest.MapFS{
		"decisions/0001-dated.md":   {Data: []byte("---\ndate: 2018-12-24\nstatus: accepted\n---\n# Dated\n")},
		"decisions/0002-undated.md": {Data: []byte("# 2. Undated\n\n## Status\n\nAccepted\n")},
		"decisions/0003-new.md":     {Data: []byte("# New\n")},
	}
	s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default(), History: h})
	if err != nil {
		t.Fatal(err)
	}
	out := NewMemory()
	if err := Render(out, s); err != nil {
		t.Fatal(err)
	}
	if len(h.dirs) != 1 || h.dirs[0] != "decisions" {
		t.Errorf("history asked for %q, want one call for decisions", h.dirs)
	}
	for _, c := range []struct {
		n             int
		date, changed string
		source        string
	}{{1, "2018-12-24", "2021-02-03", ""}, {2, "2019-05-06", "2019-07-08", "git"}, {3, "", "", ""}} {
		r := s.Decisions.Get("", c.n)
		if r.Date.String() != c.date || r.Changed.String() != c.changed || r.DateSource != c.source {
			t.Errorf("ADR-%d: date %s changed %s source %q; want %s %s %q", c.n, r.Date, r.Changed, r.DateSource, c.date, c.changed, c.source)
		}
	}
	shallow := 0
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "shallow") {
			shallow++
		}
	}
	if shallow != 1 {
		t.Errorf("%d shallow-clone warnings, want 1", shallow)
	}
	if p := string(out.Files["decisions/0002-undated/index.html"]); !strings.Contains(p, "first commit") || !strings.Contains(p, "last changed") {
		t.Errorf("the undated record's page does not say where its dates come from")
	}
}

// TestDecisionsDir finds the records folder as the ADR tools do.
func TestDecisionsDir(t *testing.T) {
	rec := &fstest.MapFile{Data: []byte("# A\n")}
	for _, c := range []struct {
		name     string
		fsys     fstest.MapFS
		override string
		want     string
		warn     string
	}{
		{"nothing", fstest.MapFS{}, "", "decisions", ""},
		{"override wins", fstest.MapFS{"waymark.yaml": {Data: []byte("decisions: adr\n")}}, "./records/", "records", ""},
		{"waymark.yaml wins over discovery", fstest.MapFS{"waymark.yaml": {Data: []byte("title: X\ndecisions: architecture/adr\n")}, "docs/adr/0001-a.md": rec}, "", "architecture/adr", ""},
		{".adr-dir", fstest.MapFS{".adr-dir": {Data: []byte("doc/architecture/decisions\n")}, "doc/architecture/decisions/0001-a.md": rec, "docs/adr/0001-a.md": rec}, "", "doc/architecture/decisions", ""},
		{".adr-dir naming a missing folder", fstest.MapFS{".adr-dir": {Data: []byte("gone\n")}, "docs/adr/0001-a.md": rec}, "", "docs/adr", ".adr-dir:1: warning"},
		{".log4brains.yml", fstest.MapFS{".log4brains.yml": {Data: []byte("---\nproject:\n  name: x\n  tz: Europe/Paris\n  adrFolder: ./docs/adr/log\n")}, "docs/adr/log/20200101-a.md": rec}, "", "docs/adr/log", ""},
		{"doc/adr", fstest.MapFS{"doc/adr/0001-a.md": rec, "decisions/0001-a.md": rec}, "", "doc/adr", ""},
		{"docs/adr", fstest.MapFS{"docs/adr/0001-a.md": rec, "docs/decisions/0001-a.md": rec}, "", "docs/adr", ""},
		{"docs/decisions", fstest.MapFS{"docs/decisions/0001-a.md": rec, "decisions/0001-a.md": rec}, "", "docs/decisions", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, problems, err := site.DecisionsDir(c.fsys, c.override)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("DecisionsDir = %q, want %q", got, c.want)
			}
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, p.Error())
			}
			if joined := strings.Join(msgs, "\n"); c.warn == "" && joined != "" || !strings.Contains(joined, c.warn) {
				t.Errorf("problems %q, want %q", joined, c.warn)
			}
		})
	}
	if _, _, err := site.DecisionsDir(fstest.MapFS{}, "../elsewhere"); err == nil {
		t.Error("--decisions ../elsewhere accepted")
	}
}

// TestDiscoveredFolderBuilds builds a site with no waymark.yaml whose
// records live in docs/adr, as an adr-tools project keeps them.
func TestDiscoveredFolderBuilds(t *testing.T) {
	s, out := buildFS(t, fstest.MapFS{
		"docs/adr/0001-record-architecture-decisions.md": {Data: []byte("# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n")},
		"docs/adr/images/x.svg":                          {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	})
	if s.Config.Decisions != "docs/adr" || len(s.Decisions.Records) != 1 {
		t.Fatalf("folder %q, %d records", s.Config.Decisions, len(s.Decisions.Records))
	}
	for _, name := range []string{"decisions/0001-record-architecture-decisions/index.html", "decisions/images/x.svg"} {
		if _, ok := out[name]; !ok {
			t.Errorf("%s was not built", name)
		}
	}
}
