package interchange

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// importSrc imports src as the file in.<format> with o.
func importSrc(t testing.TB, format, src string, o Options) (*Result, error) {
	if t != nil {
		t.Helper()
	}
	return Import(format, fstest.MapFS{"in": {Data: []byte(src)}}, "in", o)
}

func byBlip(res *Result) map[string]*radar.Blip {
	m := map[string]*radar.Blip{}
	for _, b := range res.Blips {
		m[b.ID] = b
	}
	return m
}

// TestAdoptsSourceShape: a site without its own quadrants and rings takes
// the source's, names of any letter included; the blips are in them.
func TestAdoptsSourceShape(t *testing.T) {
	o := options()
	o.Adopt = true
	res, err := Import(BackstageJSON, os.DirFS("testdata"), "backstage-own.json", o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Shape == nil {
		t.Fatal("no shape to adopt")
	}
	if got, want := radar.IDs(res.Shape.Rings), "bruk, prøv, avstå"; got != want {
		t.Errorf("rings %s, want %s", got, want)
	}
	if got, want := radar.IDs(res.Shape.Quadrants), "programmering, drift"; got != want {
		t.Errorf("quadrants %s, want %s", got, want)
	}
	if r := res.Shape.Rings[0]; r.Title != "Bruk" || r.Color != "#5ba300" || r.Description != "Trygt å bruke." {
		t.Errorf("ring 0 = %+v: title, colour and description are the file's", r)
	}
	out, changed, err := config.SetShape("waymark.yaml", []byte("# ours\ntitle: Radar # kept\n"), res.Shape.Quadrants, res.Shape.Rings)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "# ours\ntitle: Radar # kept\n") || len(changed) != 2 {
		t.Errorf("waymark.yaml lost a comment or key, or changes not told (%v):\n%s", changed, out)
	}
	cfg, err := config.Parse("waymark.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	r := radar.New(cfg.RadarSettings(), res.Blips)
	for _, b := range res.Blips {
		if _, err := radar.Parse(b.Source, radar.Format(b), cfg.RadarSettings()); err != nil {
			t.Errorf("%s does not parse in the adopted shape: %v", b.ID, err)
		}
	}
	blips := byBlip(res)
	for id, want := range map[string]string{"kotlin": radar.MovedIn, "cobol": radar.NoMove, "nomad": radar.MovedOut} {
		if got := r.Movement(blips[id]); got != want {
			t.Errorf("%s: movement %s, want %s (as the file's moved says)", id, got, want)
		}
	}
	if k := blips["kotlin"]; len(k.History) != 1 || k.History[0].Moved != "in" || k.History[0].Note != "Flyttet inn etter pilot." {
		t.Errorf("kotlin history %+v: moved in without an invented ring before", k.History)
	}
	if n := blips["nomad"]; n.Link != "https://radar.example.no/nomad" || !strings.Contains(string(n.Body), "[Notat](https://example.no/nomad-notat)") {
		t.Errorf("nomad link %q body %q", n.Link, n.Body)
	}
}

// TestMatchesSiteShape: a site with its own shape matches names by id or
// title in any case; what does not match is one error with the flags.
func TestMatchesSiteShape(t *testing.T) {
	src := "name,ring,quadrant,status\nGo,ADOPT,languages-and-frameworks,No Change\nCOBOL,Avstå,Tools,No Change\nRust,Caution,Språk,New\n"
	_, err := importSrc(t, BYORCSV, src, options())
	if err == nil {
		t.Fatal("unmatched names were accepted")
	}
	for _, w := range []string{"--map-quadrant språk=QUADRANT", "--map-ring avstå=RING", "2 of the source's"} { // Caution is the hold ring
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("want one error, got:\n%v", err)
	}
	o := options()
	o.MapRings = map[string]string{"avstå": "hold"}
	o.MapQuadrants = map[string]string{"Språk": "Languages & Frameworks"}
	res, err := importSrc(t, BYORCSV, src, o)
	if err != nil {
		t.Fatal(err)
	}
	blips := byBlip(res)
	if blips["cobol"].Ring != "hold" || blips["rust"].Ring != "hold" || blips["rust"].Quadrant != "languages-and-frameworks" || blips["go"].Ring != "adopt" {
		t.Errorf("mapped: %+v %+v %+v", blips["cobol"], blips["rust"], blips["go"])
	}
	if res.Shape != nil {
		t.Error("a site with its own shape was given the source's")
	}
}

// TestTolerantCSV: stray quotes and a repairable comma are warnings that
// name the row; a row that cannot be repaired is an error with the cause.
func TestTolerantCSV(t *testing.T) {
	head := "name,ring,quadrant,isNew,status,description\n"
	res, err := importSrc(t, BYORCSV, head+
		"Scala, the good parts,Hold,Languages & Frameworks,FALSE,No Change,<p>Use a subset.</p>\n"+
		"The \"twelve\" factors,Adopt,Techniques,FALSE,No Change,<p>Still.</p>\n"+
		"Go,Adopt,Languages & Frameworks,FALSE,No Change,<p>Small, fast, boring.</p>\n", options())
	if err != nil {
		t.Fatal(err)
	}
	blips := byBlip(res)
	if b := blips["scala-the-good-parts"]; b == nil || b.Title != "Scala, the good parts" || b.Ring != "hold" {
		t.Errorf("repaired row: %+v", b)
	}
	if b := blips["go"]; b == nil || string(b.Body) != "Small, fast, boring.\n" {
		t.Errorf("description with commas: %+v", b)
	}
	if b := blips["the-twelve-factors"]; b == nil || b.Title != `The "twelve" factors` {
		t.Errorf("stray quotes: %+v", b)
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Error())
	}
	for _, w := range []string{`in:2: warning: row 2: the name had an unquoted comma; read as "Scala, the good parts"`, `in:3: warning: row 3: a stray quote`, `in:4: warning: row 4: the description had an unquoted comma`} {
		if !strings.Contains(strings.Join(warnings, "\n"), w) {
			t.Errorf("warnings lack %q:\n%s", w, strings.Join(warnings, "\n"))
		}
	}
	res, err = importSrc(t, BYORCSV, head+"Scala, the good parts,Hold,Tools,FALSE,No Change,<p>a, b</p>\n", options())
	if err != nil || string(res.Blips[0].Body) != "a, b\n" || res.Blips[0].Title != "Scala, the good parts" {
		t.Errorf("commas in name and description: %v %+v", err, res)
	}
	_, err = importSrc(t, BYORCSV, head+"Scala, the good parts,Hold,Quadrant of doom,FALSE,No Change,x\n", options())
	if err == nil || !strings.Contains(err.Error(), "in:2: row 2 has 7 fields, the header 6: a comma in a name or description is probably not quoted; put that field in double quotes") {
		t.Errorf("unrepairable row: %v", err)
	}
}

// TestOddMoved: a moved value the source does not define refuses nothing;
// it is read by its sign, with a warning naming the entry.
func TestOddMoved(t *testing.T) {
	for _, c := range []struct{ format, src, warning string }{
		{ZalandoJSON, `{"date": "2024-03-01", "entries": [{"label": "Java", "quadrant": 3, "ring": 3, "moved": 5}, {"label": "Go", "quadrant": 0, "ring": 0, "moved": -3}]}`,
			`in:1: warning: entries[0] (Java): moved 5 is not one of Zalando's values; read as moved in; use -1 (moved out), 0, 1 (moved in) or 2 (new)`},
		{BackstageJSON, `{"entries": [{"id": "java", "title": "Java", "quadrant": "languages-and-frameworks", "timeline": [{"ringId": "hold", "date": "2024-03-01", "moved": 4}]},
 {"id": "go", "title": "Go", "quadrant": "languages-and-frameworks", "timeline": [{"ringId": "adopt", "date": "2024-03-01", "moved": -3}]}]}`,
			`in:1: warning: entries[0] (Java): moved 4 is not one of Backstage's values; read as moved in; use 1 (moved in), 0 or -1 (moved out)`},
	} {
		res, err := importSrc(t, c.format, c.src, options())
		if err != nil {
			t.Errorf("%s: %v", c.format, err)
			continue
		}
		blips := byBlip(res)
		if b := blips["java"]; b == nil || b.History[len(b.History)-1].Moved != "in" {
			t.Errorf("%s: java %+v, want moved in", c.format, b)
		}
		if b := blips["go"]; b == nil || b.History[len(b.History)-1].Moved != "out" {
			t.Errorf("%s: go %+v, want moved out", c.format, b)
		}
		var warnings []string
		for _, w := range res.Warnings {
			warnings = append(warnings, w.Error())
		}
		if !strings.Contains(strings.Join(warnings, "\n"), c.warning) {
			t.Errorf("%s: warnings lack %q:\n%s", c.format, c.warning, strings.Join(warnings, "\n"))
		}
	}
}

// TestEditionDate: a source without a date needs --date; none is invented.
func TestEditionDate(t *testing.T) {
	o := options()
	o.Date = meta.Date{}
	for format, src := range map[string]string{
		BYORCSV:     "name,ring,quadrant\nGo,Adopt,Tools\n",
		ZalandoJSON: `{"entries": [{"label": "Go", "quadrant": 0, "ring": 0, "moved": 0}]}`,
	} {
		_, err := importSrc(t, format, src, o)
		if err == nil || !strings.Contains(err.Error(), "pass --date YYYY-MM-DD") {
			t.Errorf("%s without a date: %v", format, err)
		}
	}
	res, err := importSrc(t, ZalandoJSON, `{"date": "2023-05-01", "entries": [{"label": "Go", "quadrant": 0, "ring": 0, "moved": 1}]}`, o)
	if err != nil {
		t.Fatal(err)
	}
	if h := res.Blips[0].History; len(h) != 1 || h[0].Date.String() != "2023-05-01" || h[0].Moved != "in" {
		t.Errorf("zalando history %+v: the file's date, moved in, no ring invented", h)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "--quadrants") {
		t.Errorf("positions mapped without a warning: %v", res.Warnings)
	}
}

// TestEditions imports two editions in order into a site that has the
// first: the second appends, importing it again changes nothing.
func TestEditions(t *testing.T) {
	cfg := config.Default()
	v1 := "name,ring,quadrant,status,description\nTerraform,Adopt,Tools,New,<p>Infra as code.</p>\nPairing,Trial,Techniques,New,<p>Two people.</p>\n"
	v2 := "name,ring,quadrant,status,description\nTerraform,Trial,Tools,Moved Out,<p>Infra as code.</p>\nPairing,Trial,Techniques,No Change,<p>Two people, one keyboard.</p>\nHelm,Assess,Tools,New,<p>Charts.</p>\n"
	o := options()
	o.Date = meta.Date{Year: 2024, Month: 4, Day: 1}
	first, err := importSrc(t, BYORCSV, v1, o)
	if err != nil {
		t.Fatal(err)
	}
	var site []*radar.Blip
	files := map[string][]byte{}
	for _, b := range first.Blips {
		p, err := radar.Parse(b.Source, radar.Format(b), cfg.RadarSettings())
		if err != nil {
			t.Fatal(err)
		}
		site = append(site, p)
		files[b.Source] = radar.Format(b)
	}
	o.Existing = site
	o.Date = meta.Date{Year: 2024, Month: 10, Day: 1}
	second, err := importSrc(t, BYORCSV, v2, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Blips) != 1 || second.Blips[0].ID != "helm" || len(second.Editions) != 2 {
		t.Fatalf("second edition: %d new blips, %d editions", len(second.Blips), len(second.Editions))
	}
	want := map[string]string{
		"radar/terraform.md": "---\ntitle: Terraform\nquadrant: tools\nring: trial\nhistory:\n  - {date: 2024-04-01, ring: adopt}\n  - {date: 2024-10-01, ring: trial}\n---\nInfra as code.\n",
		"radar/pairing.md":   "---\ntitle: Pairing\nquadrant: techniques\nring: trial\nhistory:\n  - {date: 2024-04-01, ring: trial}\n  - {date: 2024-10-01, ring: trial, note: \"Two people, one keyboard.\"}\n---\nTwo people.\n",
	}
	var again []*radar.Blip
	for _, e := range second.Editions {
		out, err := radar.InsertHistory(e.Blip.Source, files[e.Blip.Source], e.Ring, e.Quadrant, e.Moves)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != want[e.Blip.Source] {
			t.Errorf("%s after the second edition:\n%s\nwant\n%s", e.Blip.Source, out, want[e.Blip.Source])
		}
		p, err := radar.Parse(e.Blip.Source, out, cfg.RadarSettings())
		if err != nil {
			t.Fatal(err)
		}
		again = append(again, p)
	}
	o.Existing = again
	third, err := importSrc(t, BYORCSV, v2, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(third.Editions) != 0 {
		t.Errorf("the same edition imported twice changed %d blips: %+v", len(third.Editions), third.Editions)
	}
}

// TestAOEv5 reads AOE's radar v5: config.json, segment:, featured: false,
// a text per release and links between blips.
func TestAOEv5(t *testing.T) {
	o := options()
	o.Adopt = true
	res, err := Import(AOE, os.DirFS("testdata"), "aoe5", o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Shape == nil || radar.IDs(res.Shape.Quadrants) != "languages-and-frameworks, methods-and-patterns, tools" || res.Shape.Quadrants[0].Color != "#84BFA4" {
		t.Fatalf("shape %+v: config.json's segments", res.Shape)
	}
	blips := byBlip(res)
	if !blips["cypress"].NotDrawn || blips["playwright"].NotDrawn {
		t.Error("featured: false is not drawn: false, or the reverse")
	}
	pw := blips["playwright"]
	if len(pw.History) != 2 || pw.History[0].Note != "We try it beside [Cypress](cypress.md) on one project." || pw.History[1].Note != "" {
		t.Errorf("playwright history %+v: the first release's text in its entry", pw.History)
	}
	if got, want := string(pw.Body), "Now the default for browser tests; see [pairing](pairing.md) and [the old tool](cypress.md#why).\n"; got != want {
		t.Errorf("playwright body %q, want %q", got, want)
	}
	if k := blips["kotlin"]; k.Quadrant != "languages-and-frameworks" || len(k.Body) != 0 {
		t.Errorf("kotlin (quadrant:, older AOE): %+v", k)
	}
}

// FuzzBYOR, FuzzZalando and FuzzBackstage feed arbitrary bytes to each
// file importer, adopting and matching: none may panic, and whatever one
// accepts must make blip files that parse in the shape it gives.
func FuzzBYOR(f *testing.F) {
	fuzzFile(f, BYORCSV, []string{"byor.csv", "real/thoughtworks-v34.csv", "real/thoughtworks-v03.csv"},
		"name,ring,quadrant,description\nX, y,Adopt,Tools,<p><a href=\"x\"><b>y</a></b>\n",
		"name,ring,quadrant,description,relatedBlips\nA,adopt,tools,<p>a<br>b\\<br></p><br><p>c</p>,A;B;;\nB,caution,tools,x,A\n")
}

func FuzzZalando(f *testing.F) {
	fuzzFile(f, ZalandoJSON, []string{"zalando.json", "real/zalando.json"}, `{"date": "2024-01-01", "entries": [{"label": "x", "quadrant": 1, "ring": 2, "moved": -1}]}`)
}

func FuzzBackstage(f *testing.F) {
	fuzzFile(f, BackstageJSON, []string{"backstage-own.json", "backstage.json", "real/backstage.json"}, `{"entries": [{"id": "ø", "quadrant": "q", "timeline": [{"ringId": "r", "date": "2024-01-01", "moved": 1}]}]}`)
}

func fuzzFile(f *testing.F, format string, fixtures []string, extra ...string) {
	for _, fixture := range fixtures {
		data, err := os.ReadFile("testdata/" + fixture)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, adopt := range []bool{false, true} {
			o := options()
			o.Adopt = adopt
			res, err := Import(format, fstest.MapFS{"in": {Data: data}}, "in", o)
			if err != nil {
				continue
			}
			checkParses(t, res)
		}
	})
}

// FuzzAOE feeds arbitrary release files and config.json to the AOE
// importer.
func FuzzAOE(f *testing.F) {
	realConfig, err := os.ReadFile("testdata/real/aoe/config.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{"aoe5/radar/2024-02-01/playwright.md", "aoe5/radar/2024-09-01/playwright.md",
		"real/aoe/radar/2024-06-01/vitest.md", "real/aoe/radar/2023-11-01/jest.md", "real/aoe/radar/2024-06-01/kubernetes.md"} {
		data, err := os.ReadFile("testdata/" + p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte(`{"segments": [{"id": "tools", "title": "Tools"}], "rings": [{"id": "adopt"}, {"id": "assess"}]}`))
		f.Add(data, realConfig)
	}
	f.Fuzz(func(t *testing.T, blip, cfg []byte) {
		fsys := fstest.MapFS{"r/config.json": {Data: cfg}, "r/radar/2024-01-01/x.md": {Data: blip}, "r/radar/2024-06-01/x.md": {Data: blip}}
		for _, adopt := range []bool{false, true} {
			o := options()
			o.Adopt = adopt
			if res, err := Import(AOE, fsys, "r", o); err == nil {
				checkParses(t, res)
			}
		}
	})
}

func checkParses(t *testing.T, res *Result) {
	t.Helper()
	s := config.Default().RadarSettings()
	if res.Shape != nil {
		s.Quadrants, s.Rings = res.Shape.Quadrants, res.Shape.Rings
		s.Adopting = nil
	}
	for _, b := range res.Blips {
		if _, err := radar.Parse(b.Source, radar.Format(b), s); err != nil {
			t.Fatalf("accepted a blip that does not parse: %v\n%s", err, radar.Format(b))
		}
	}
}

// TestOlderEditionAndQuadrantMove: an edition older than a blip's history
// is inserted in date order, never rewriting the rest; importing it twice
// changes nothing; a newer edition that moves a blip to another quadrant
// records the move and moves the blip.
func TestOlderEditionAndQuadrantMove(t *testing.T) {
	cfg := config.Default()
	head := "name,ring,quadrant,status,description\n"
	o := options()
	apply := func(src string, date meta.Date, files map[string][]byte) (*Result, map[string][]byte) {
		t.Helper()
		o.Date = date
		var site []*radar.Blip
		for name, data := range files {
			p, err := radar.Parse(name, data, cfg.RadarSettings())
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			site = append(site, p)
		}
		o.Existing = site
		res, err := importSrc(t, BYORCSV, src, o)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for k, v := range files {
			out[k] = v
		}
		for _, b := range res.Blips {
			out[b.Source] = radar.Format(b)
		}
		for _, e := range res.Editions {
			data, err := radar.InsertHistory(e.Blip.Source, files[e.Blip.Source], e.Ring, e.Quadrant, e.Moves)
			if err != nil {
				t.Fatal(err)
			}
			out[e.Blip.Source] = data
		}
		return res, out
	}
	files := map[string][]byte{}
	_, files = apply(head+"Helm,Trial,Tools,New,<p>Charts.</p>\n", meta.Date{Year: 2024, Month: 10, Day: 1}, files)
	res, files := apply(head+"Helm,Assess,Tools,New,\"<p>Charts, first look.</p>\"\n", meta.Date{Year: 2023, Month: 4, Day: 1}, files)
	if len(res.Warnings) != 0 {
		t.Errorf("an older edition warned: %v", res.Warnings)
	}
	want := "---\ntitle: Helm\nquadrant: tools\nring: trial\nhistory:\n  - {date: 2023-04-01, ring: assess, note: \"Charts, first look.\"}\n  - {date: 2024-10-01, ring: trial}\n---\nCharts.\n"
	if got := string(files["radar/helm.md"]); got != want {
		t.Errorf("after the older edition:\n%s\nwant\n%s", got, want)
	}
	res, again := apply(head+"Helm,Assess,Tools,New,\"<p>Charts, first look.</p>\"\n", meta.Date{Year: 2023, Month: 4, Day: 1}, files)
	if len(res.Editions) != 0 || string(again["radar/helm.md"]) != want {
		t.Errorf("the older edition imported twice changed the blip: %+v", res.Editions)
	}
	res, files = apply(head+"Helm,Adopt,Platforms,Moved In,<p>Charts.</p>\n", meta.Date{Year: 2025, Month: 4, Day: 1}, files)
	want = "---\ntitle: Helm\nquadrant: platforms\nring: adopt\nhistory:\n  - {date: 2023-04-01, ring: assess, note: \"Charts, first look.\"}\n  - {date: 2024-10-01, ring: trial}\n  - {date: 2025-04-01, ring: adopt, quadrant: platforms}\n---\nCharts.\n"
	if got := string(files["radar/helm.md"]); got != want || len(res.Warnings) != 0 {
		t.Errorf("after the quadrant move (warnings %v):\n%s\nwant\n%s", res.Warnings, got, want)
	}
	res, _ = apply(head+"Helm,Assess,Techniques,No Change,<p>Charts.</p>\n", meta.Date{Year: 2023, Month: 9, Day: 1}, files)
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), `is in quadrant "techniques" in the edition of 2023-09-01, and radar/helm.md does not say which quadrant the blip was in then`) {
		t.Errorf("an older edition in another quadrant: %v", res.Warnings)
	}
}
