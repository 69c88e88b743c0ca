package interchange

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

var testDate = meta.Date{Year: 2024, Month: 3, Day: 1}

var regexpTags = regexp.MustCompile(`(?m)^tags: .*\n`)

func options() Options { return Options{Config: config.Default(), Date: testDate} }

// importFile imports a file or folder of testdata.
func importFile(t *testing.T, format, path string) *Result {
	t.Helper()
	res, err := Import(format, os.DirFS("testdata"), path, options())
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return res
}

// written turns imported blips into the radar a site with their files
// would have: each blip is formatted and parsed back, as from disk.
func written(t *testing.T, blips []*radar.Blip) (*radar.Radar, map[string][]byte) {
	t.Helper()
	return writtenIn(t, config.Default(), blips)
}

type noFiles struct{}

func (noFiles) Page(string) (string, bool)  { return "", false }
func (noFiles) Asset(string) (string, bool) { return "", false }

func describe(b *radar.Blip) (string, error) {
	res, err := markdown.New(markdown.Options{}).Render(markdown.Doc{Source: b.Source, URL: "radar/" + b.ID + "/", Body: b.Body, BodyLine: b.BodyLine}, noFiles{})
	return string(res.HTML), err
}

func export(t *testing.T, format string, r *radar.Radar) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := Export(&out, format, r, ExportOptions{BaseURL: "https://arch.example.com/", Describe: describe, Date: testDate}); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return out.Bytes()
}

// TestRoundTrip imports each format's fixture, writes the blip files,
// exports them and expects the fixture back; importing that export again
// gives the same blip files.
func TestRoundTrip(t *testing.T) {
	for _, c := range []struct{ format, file string }{
		{BYORCSV, "byor.csv"},
		{ZalandoJSON, "zalando.json"},
		{BackstageJSON, "backstage.json"},
	} {
		t.Run(c.format, func(t *testing.T) {
			res := importFile(t, c.format, c.file)
			r, files := written(t, res.Blips)
			got := export(t, c.format, r)
			want, err := os.ReadFile("testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("export differs from the imported %s:\n%s", c.file, got)
			}
			again, err := Import(c.format, fstest.MapFS{"x": {Data: got}}, "x", options())
			if err != nil {
				t.Fatalf("importing the export: %v", err)
			}
			_, files2 := written(t, again.Blips)
			for name, data := range files {
				if !bytes.Equal(files2[name], data) {
					t.Errorf("%s changed on the second import:\n%s\nthen\n%s", name, data, files2[name])
				}
			}
			if len(files2) != len(files) {
				t.Errorf("second import gave %d blips, want %d", len(files2), len(files))
			}
		})
	}
}

// TestImportedBlips checks what the imports mean, not just their bytes.
func TestImportedBlips(t *testing.T) {
	byor := importFile(t, BYORCSV, "byor.csv")
	r, files := written(t, byor.Blips)
	for id, want := range map[string]string{
		"pair-programming": radar.NewBlip, "licence-scanner": radar.MovedIn, "jenkins": radar.MovedOut,
		"apache-kafka": radar.MovedOut, "postgresql": radar.NoMove, "c-sharp": radar.NoMove,
	} {
		if got := r.Movement(r.Blip(id)); got != want {
			t.Errorf("byor %s: movement %s, want %s", id, got, want)
		}
	}
	for name, want := range map[string]string{
		"radar/apache-kafka.md": "A log, not a queue. See [the project](https://kafka.apache.org/).\n\nWe lost messages with it; **prototype first**.\n",
		"radar/jenkins.md":      "Replaced by hosted CI.\\\nExisting jobs keep running until June.\n",
		"radar/vue-js.md":       "- small\n- easy to learn\n",
		"radar/c-sharp.md":      "title: \"C#\"\n",
	} {
		if !strings.Contains(string(files[name]), want) {
			t.Errorf("%s does not contain %q:\n%s", name, want, files[name])
		}
	}

	aoe := importFile(t, AOE, "aoe")
	r, files = written(t, aoe.Blips)
	if got, want := len(r.Blips), 3; got != want {
		t.Fatalf("aoe: %d blips, want %d", got, want)
	}
	ts := r.Blip("typescript")
	if ts.Ring != "adopt" || ts.Quadrant != "languages-and-frameworks" || len(ts.History) != 2 || ts.History[0].Ring != "trial" ||
		ts.History[1].Date.String() != "2024-03-01" || strings.Join(ts.Tags, ",") != "frontend,coding" {
		t.Errorf("aoe typescript: %+v", ts)
	}
	if got := string(ts.Body); got != "Every new front end is written in TypeScript.\n" {
		t.Errorf("aoe typescript body %q: the newest release's text should win", got)
	}
	kafka := r.Blip("kafka")
	if kafka.Ring != "hold" || kafka.Title != "Apache Kafka" || string(kafka.Body) != "A distributed log.\n" || r.Movement(kafka) != radar.MovedOut {
		t.Errorf("aoe kafka: ring %s, title %q, body %q, movement %s", kafka.Ring, kafka.Title, kafka.Body, r.Movement(kafka))
	}
	if got := r.Movement(r.Blip("rust")); got != radar.NewBlip {
		t.Errorf("aoe rust: movement %s, want new", got)
	}
	z := importFile(t, ZalandoJSON, "zalando.json")
	r, _ = written(t, z.Blips)
	if got := r.Edition.String(); got != "2024-03-01" {
		t.Errorf("zalando edition %s, want the file's date", got)
	}
	if b := r.Blip("apache-kafka"); b.Link != "https://arch.example.com/radar/apache-kafka/" {
		t.Errorf("zalando link not kept: %q", b.Link)
	}
}

func TestSkipsInactive(t *testing.T) {
	src := `{"entries": [{"label": "Old", "quadrant": 0, "ring": 3, "moved": 0, "active": false}, {"label": "New", "quadrant": 1, "ring": 0, "moved": 0}]}`
	res, err := Import(ZalandoJSON, fstest.MapFS{"z.json": {Data: []byte(src)}}, "z.json", options())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Blips) != 1 || res.Blips[0].ID != "new" || len(res.Skipped) != 1 {
		t.Errorf("blips %v, skipped %v", res.Blips, res.Skipped)
	}
}

// TestBadRows expects every bad row to be reported with its file and line,
// and no blip at all to come out.
func TestBadRows(t *testing.T) {
	for _, c := range []struct {
		format, name, src string
		want              []string
	}{
		{BYORCSV, "bad.csv", "name,ring,quadrant,isNew,status,description\n" +
			"Kafka,Hodl,Platforms,FALSE,,x\n" +
			",Adopt,Tools,FALSE,,x\n" +
			"Go,Adopt,Langs,FALSE,,x\n" +
			"Rust,Adopt,Languages & Frameworks,maybe,,x\n" +
			"go,Trial,Languages & Frameworks,FALSE,,x\n" +
			"Ada,Hold,Languages & Frameworks,FALSE,Moved In,x\n" +
			"Fine,Adopt,Tools,FALSE,,x\n",
			[]string{
				`bad.csv: 2 of the source's quadrants and rings are not in waymark.yaml; map each to the site's own (quadrants: techniques, tools, platforms, languages-and-frameworks; rings: adopt, trial, assess, hold): --map-quadrant langs=QUADRANT --map-ring hodl=RING`,
				`bad.csv:3: row 3 has no name`,
				`bad.csv:5: row 5 (Rust): isNew "maybe", status "" not understood`,
			}},
		{BYORCSV, "noheader.csv", "Kafka,Hold,Platforms\n", []string{`noheader.csv:1: the header row has no name, ring, quadrant column`}},
		{BYORCSV, "quote.csv", "name,ring,quadrant\nKafka,Hold,Platforms\n\"Go,Adopt,Tools\n", []string{`quote.csv:3: row 3: a quote opens the row's first field and is never closed`}},
		{ZalandoJSON, "bad.json", `{
  "date": "2024-03-01",
  "entries": [
    {"label": "Kafka", "quadrant": 2, "ring": 3, "moved": 0},
    {"label": "Go", "quadrant": 7, "ring": 0},
    {"label": "", "quadrant": 0, "ring": 0},
    {"label": "Rust", "quadrant": 3, "ring": "adopt"}
  ]
}`, []string{
			`bad.json:5: entries[1] (Go): quadrant 7 is not one of the 4 named`,
			`bad.json:6: entries[2] has no label`,
			`bad.json:7: entries[3]: ring is string, want int`,
		}},
		{ZalandoJSON, "syntax.json", "{\n  \"entries\": [\n    {\"label\": \"Kafka\",}\n  ]\n}", []string{`syntax.json:3: invalid character '}'`}},
		{BackstageJSON, "bad.json", `{
  "entries": [
    {"id": "kafka", "title": "Kafka", "quadrant": "infrastructure", "timeline": [{"ringId": "hold", "date": "2024-01-01"}]},
    {"id": "go", "title": "Go", "quadrant": "tools", "timeline": []},
    {"id": "rust", "title": "Rust", "quadrant": "tools", "timeline": [{"ringId": "use", "date": "2024-01-01"}]},
    {"id": "java", "title": "Java", "quadrant": "tools", "timeline": [{"ringId": "hold", "date": "last year"}]}
  ]
}`, []string{
			`bad.json: 2 of the source's quadrants and rings are not in waymark.yaml; map each to the site's own (quadrants: techniques, tools, platforms, languages-and-frameworks; rings: adopt, trial, assess, hold): --map-quadrant infrastructure=QUADRANT --map-ring use=RING`,
			`bad.json:4: entries[1] (Go) has no timeline`,
			`bad.json:6: entries[3] (Java): date "last year" is not YYYY-MM-DD`,
		}},
	} {
		t.Run(c.format+"/"+c.name, func(t *testing.T) {
			res, err := Import(c.format, fstest.MapFS{c.name: {Data: []byte(c.src)}}, c.name, options())
			if err == nil {
				t.Fatalf("no error; imported %d blips", len(res.Blips))
			}
			if res != nil {
				t.Errorf("a result came back with the error")
			}
			got := err.Error()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("error does not contain %q:\n%s", w, got)
				}
			}
			if n := strings.Count(got, "\n") + 1; n != len(c.want) {
				t.Errorf("%d problems, want %d:\n%s", n, len(c.want), got)
			}
		})
	}
}

func TestBadAOE(t *testing.T) {
	fsys := fstest.MapFS{
		"old/radar/2023-01-01/kafka.md": {Data: []byte("---\ntitle: Kafka\nring: trial\n---\nno quadrant\n")},
		"old/radar/2023-01-01/go.md":    {Data: []byte("---\ntitle: Go\nquadrant: languages-and-frameworks\nring: adpot\n---\n")},
		"old/radar/2023-01-01/bad.md":   {Data: []byte("---\ntitle: [unclosed\n---\n")},
		"old/radar/2024-01-01/rust.md":  {Data: []byte("---\nquadrant: tools\n---\nno ring\n")},
	}
	_, err := Import(AOE, fsys, "old", options())
	if err == nil {
		t.Fatal("no error")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 4 {
		t.Errorf("%d problems, want 4:\n%v", n, err)
	}
	for _, w := range []string{
		`old/radar/2023-01-01/kafka.md:2: kafka has no segment (or quadrant)`,
		`--map-ring adpot=RING`,
		`old/radar/2023-01-01/bad.md:3:`, // the unclosed "[" runs to the end of the front matter
		`old/radar/2024-01-01/rust.md:2: rust has no ring`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n%v", w, err)
		}
	}
	if _, err := Import(AOE, fsys, "nowhere", options()); err == nil || !strings.Contains(err.Error(), "cannot read the folder") {
		t.Errorf("missing folder: %v", err)
	}
}

func TestMarkdownOf(t *testing.T) {
	for in, want := range map[string]string{
		"Plain *markdown* stays.":                                                    "Plain *markdown* stays.",
		"<p>One</p><p>Two</p>":                                                       "One\n\nTwo",
		"<p>a <b>bold </b>word</p>":                                                  "a **bold** word",
		"<p>5 * 3 = 15 &amp; [x]</p>":                                                `5 * 3 = 15 & \[x]`,
		`<p><a href="javascript:alert(1)">click</a></p>`:                             "click",
		`<p><a href="https://x.test/a_b">x</a></p>`:                                  "[x](https://x.test/a_b)",
		"<script>alert(1)</script><p>kept</p>":                                       "kept",
		"<h2>Title</h2><p>text</p>":                                                  "## Title\n\ntext",
		"<p>Run <code>/_setup</code>, then <code>speckit.&lt;command&gt;</code></p>": "Run `/_setup`, then `speckit.<command>`",
		"<p>a <code>[link](x)</code> b</p>":                                          "a `[link](x)` b",
		"<ol><li>one</li><li>two<ul><li>inner</li></ul></li></ol>":                   "1. one\n2. two\n   \n   - inner",
		"<p>- not a list</p>":                                                        `\- not a list`,
		"<p>code: <code>go test</code></p>":                                          "code: `go test`",
	} {
		if got := (&importer{}).markdownOf(in); got != want {
			t.Errorf("markdownOf(%q) =\n%q\nwant\n%q", in, got, want)
		}
	}
}

func TestExportLimits(t *testing.T) {
	cfg := config.Default()
	cfg.Quadrants = append(cfg.Quadrants, radar.Segment{ID: "data", Title: "Data"})
	err := Export(&bytes.Buffer{}, ZalandoJSON, radar.New(cfg.RadarSettings(), nil), ExportOptions{})
	if err == nil || !strings.Contains(err.Error(), "at most 4 quadrants") {
		t.Errorf("zalando export of 5 quadrants: %v", err)
	}
	if err := Export(&bytes.Buffer{}, "xml", radar.New(cfg.RadarSettings(), nil), ExportOptions{}); err == nil {
		t.Error("unknown format exported")
	}
	if _, err := Import("xml", fstest.MapFS{}, "x", options()); err == nil {
		t.Error("unknown format imported")
	}
}
