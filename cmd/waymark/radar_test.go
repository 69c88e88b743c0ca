package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

// radarRun runs the command line in process and returns its output.
func radarRun(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// radarSite writes files (path → content) into a new folder.
func radarSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// radarFiles returns the files of dir/radar, by name.
func radarFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(filepath.Join(dir, "radar"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, "radar", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

func TestNewBlip(t *testing.T) {
	dir := radarSite(t, map[string]string{"waymark.yaml": "title: T\n"})
	out, _, err := radarRun(t, "new", "blip", "Apache Kafka", "--site", dir, "--quadrant", "Platforms", "--ring", "trial",
		"--license", "Apache-2.0", "--owner", "integration", "--date", "2024-05-01",
		"--packages", "pkg:maven/org.apache.kafka/*,pkg:npm/kafkajs", "--packages", "pkg:golang/github.com/segmentio/kafka-go")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "radar", "apache-kafka.md")
	if !strings.Contains(out, p) {
		t.Errorf("output %q does not name %s", out, p)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := radar.Parse("radar/apache-kafka.md", src, config.Default().RadarSettings())
	if err != nil {
		t.Fatalf("the new blip does not parse: %v\n%s", err, src)
	}
	if b.Title != "Apache Kafka" || b.Quadrant != "platforms" || b.Ring != "trial" || b.License != "Apache-2.0" ||
		b.Reviewed.String() != "2024-05-01" || len(b.History) != 1 || b.History[0].Ring != "trial" ||
		strings.Join(b.Packages, " ") != "pkg:maven/org.apache.kafka/* pkg:npm/kafkajs pkg:golang/github.com/segmentio/kafka-go" {
		t.Errorf("new blip: %+v", b)
	}

	// Never overwritten, whatever the flags' order.
	if err := os.WriteFile(p, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := radarRun(t, "new", "blip", "--quadrant", "tools", "Apache Kafka", "--ring", "adopt", "--site", dir); err == nil ||
		!strings.Contains(err.Error(), "never overwrites") {
		t.Errorf("second new blip: %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "edited by hand" {
		t.Errorf("the existing file was changed: %q", got)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"X", "--quadrant", "nowhere", "--ring", "adopt"}, `unknown quadrant "nowhere"`},
		{[]string{"X", "--quadrant", "tools", "--ring", "hodl"}, `unknown ring "hodl"`},
		{[]string{"X", "--quadrant", "tools"}, "needs --quadrant and --ring"},
		{[]string{"--quadrant", "tools", "--ring", "adopt"}, "exactly one name"},
		{[]string{"Tools", "--quadrant", "tools", "--ring", "adopt"}, "quadrant's page"},
		{[]string{"X", "--quadrant", "tools", "--ring", "adopt", "--backing", "friends"}, `unknown backing "friends"`},
		{[]string{"X", "--quadrant", "tools", "--ring", "adopt", "--id", "../x"}, "not a usable id"},
		{[]string{"X", "--quadrant", "tools", "--ring", "adopt", "--packages", "kafkajs"}, "start it with pkg:"},
	} {
		_, _, err := radarRun(t, append([]string{"new", "blip", "--site", dir}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("new blip %v: %v, want %q", c.args, err, c.want)
		}
	}
	if got := len(radarFiles(t, dir)); got != 1 {
		t.Errorf("%d files in radar/, want 1: refused blips must write nothing", got)
	}
	if _, _, err := radarRun(t, "new", "thing"); err == nil {
		t.Error("new thing: no error")
	}
}

// TestImportExport imports each format's fixture into a new site and
// exports it in the same format: the fixture comes back.
func TestImportExport(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "internal", "interchange", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ format, file string }{
		{"byor-csv", "byor.csv"},
		{"zalando-json", "zalando.json"},
		{"backstage-json", "backstage.json"},
	} {
		t.Run(c.format, func(t *testing.T) {
			dir := radarSite(t, map[string]string{"waymark.yaml": "title: T\nbaseURL: https://arch.example.com/\n"})
			src := filepath.Join(testdata, c.file)
			out, stderr, err := radarRun(t, "import", c.format, src, "--site", dir, "--date", "2024-03-01")
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if !strings.Contains(out, "imported") {
				t.Errorf("output: %q", out)
			}
			before := radarFiles(t, dir)
			exported, stderr, err := radarRun(t, "export", c.format, "--site", dir)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			want, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if exported != string(want) {
				t.Errorf("export differs from %s:\n%s", c.file, exported)
			}
			// The same edition imported again changes nothing.
			if _, stderr, err := radarRun(t, "import", c.format, src, "--site", dir, "--date", "2024-03-01"); err != nil {
				t.Errorf("second import: %v\n%s", err, stderr)
			}
			if after := radarFiles(t, dir); !maps.Equal(after, before) {
				t.Errorf("the second import of one edition changed radar/")
			}
			// --out writes a new file and never overwrites it.
			file := filepath.Join(dir, "out")
			if _, _, err := radarRun(t, "export", c.format, "--site", dir, "--out", file); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(file); string(got) != string(want) {
				t.Errorf("--out wrote something else")
			}
			if _, _, err := radarRun(t, "export", c.format, "--site", dir, "--out", file); err == nil {
				t.Errorf("--out overwrote %s", file)
			}
		})
	}

	dir := radarSite(t, nil)
	if _, stderr, err := radarRun(t, "import", "aoe", filepath.Join(testdata, "aoe"), "--site", dir); err != nil {
		t.Fatalf("aoe: %v\n%s", err, stderr)
	}
	if got := len(radarFiles(t, dir)); got != 3 {
		t.Errorf("aoe: %d blips imported, want 3", got)
	}
	out, _, err := radarRun(t, "export", "json", "--site", dir)
	if err != nil {
		t.Fatal(err)
	}
	var idx struct{ Blips []struct{ ID, Ring string } }
	if err := json.Unmarshal([]byte(out), &idx); err != nil || len(idx.Blips) != 3 {
		t.Errorf("export json: %v, %d blips", err, len(idx.Blips))
	}
}

// TestImportBadRows imports files with bad rows: every problem is
// reported with its file and line, and nothing is written.
func TestImportBadRows(t *testing.T) {
	dir := radarSite(t, map[string]string{
		"bad.csv":    "name,ring,quadrant,isNew,status,description\nKafka,Hold,Platforms,FALSE,,x\nGo,Adpot,Languages & Frameworks,FALSE,,x\n,Adopt,Tools,FALSE,,x\n",
		"nodate.csv": "name,ring,quadrant\nGo,Adopt,Tools\n",
		"bad.json":   "{\n \"entries\": [\n  {\"label\": \"Kafka\", \"quadrant\": 2, \"ring\": 3},\n  {\"label\": \"Go\", \"quadrant\": 9, \"ring\": 0}\n ]\n}\n",
		"site/.keep": "",
	})
	site := filepath.Join(dir, "site")
	t.Chdir(dir)
	for _, c := range []struct {
		format, file string
		want         []string
	}{
		{"byor-csv", "bad.csv", []string{`bad.csv:4: row 4 has no name`}},
		{"zalando-json", "bad.json", []string{`bad.json:4: entries[1] (Go): quadrant 9 is not one of the 4 named`}},
		{"byor-csv", "nodate.csv", []string{`nodate.csv:1: the source does not say when this edition was published; pass --date YYYY-MM-DD`}},
	} {
		args := []string{"import", c.format, c.file, "--site", site, "--date", "2024-03-01"}
		if c.file == "nodate.csv" {
			args = args[:5]
		}
		_, stderr, err := radarRun(t, args...)
		if err == nil || !strings.Contains(err.Error(), "nothing imported") {
			t.Errorf("%s: %v", c.file, err)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr does not contain %q:\n%s", c.file, w, stderr)
			}
		}
		if got := radarFiles(t, site); len(got) != 0 {
			t.Errorf("%s: files were written: %v", c.file, got)
		}
	}
}

// TestCheckPolicy runs check on a site with one blip per policy case and
// expects each reported at its file and line, and check to fail.
func TestCheckPolicy(t *testing.T) {
	dir := radarSite(t, map[string]string{
		"waymark.yaml": "title: T\nbaseURL: https://x.test/\nedition: 2024-06-01\n" +
			"licenses:\n  allowed: [MIT, Apache-2.0]\n  review: [MPL-2.0]\n  denied: [AGPL-3.0-only]\n",
		"radar/mongodb.md":  "---\nquadrant: platforms\nring: adopt\nreviewed: 2024-05-01\nlicense: AGPL-3.0-only\nowner: platform\nbacking: foundation\n---\n",
		"radar/combined.md": "---\nquadrant: tools\nring: trial\nreviewed: 2024-05-01\nlicense: MIT AND AGPL-3.0-only\nowner: platform\nbacking: foundation\n---\n",
		"radar/either.md":   "---\nquadrant: tools\nring: trial\nreviewed: 2024-05-01\nlicense: MIT OR AGPL-3.0-only\nowner: platform\nbacking: foundation\n---\n",
		"radar/on-hold.md":  "---\nquadrant: tools\nring: hold\nreviewed: 2024-05-01\nlicense: AGPL-3.0-only\nowner: platform\nbacking: foundation\n---\n",
		"radar/rabbitmq.md": "---\nquadrant: platforms\nring: trial\nreviewed: 2024-05-01\nlicense: MPL-2.0\nowner: platform\nbacking: foundation\n---\n",
		"radar/acme.md":     "---\nquadrant: tools\nring: adopt\nreviewed: 2024-05-01\nlicense: Acme-1.0\nowner: platform\nbacking: foundation\n---\n",
		"radar/lone.md":     "---\nquadrant: tools\nring: adopt\nlicense: MIT\nreviewed: 2024-05-01\nbacking: individual\nowner: platform\n---\n",
		"radar/old.md":      "---\nquadrant: tools\nring: assess\nlicense: MIT\nreviewed: 2023-01-01\nowner: platform\nbacking: foundation\n---\n",
	})
	out, _, err := radarRun(t, "check", "--site", dir)
	if !errors.Is(err, errReported) {
		t.Errorf("check: %v, want a failure for the denied licences", err)
	}
	for _, want := range []string{
		"radar/mongodb.md:5: policy: licence AGPL-3.0-only is denied by the licence policy, but the blip is in adopt",
		"radar/combined.md:5: policy: licence MIT AND AGPL-3.0-only is denied",
		"radar/rabbitmq.md:5: warning: licence MPL-2.0 needs review before teams adopt it",
		`radar/acme.md:5: warning: licence "Acme-1.0" is not in the licence policy`,
		"radar/lone.md:6: warning: backed by an individual, yet in adopt",
		"radar/old.md:5: warning: not reviewed since 2023-01-01",
		"0 errors, 2 policy violations and 4 warnings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	for _, absent := range []string{"either.md", "on-hold.md"} {
		if strings.Contains(out, absent) {
			t.Errorf("check reports %s, which meets the policy:\n%s", absent, out)
		}
	}

	// build still succeeds: policy findings are warnings there.
	if _, stderr, err := radarRun(t, "build", "--site", dir); err != nil {
		t.Errorf("build: %v\n%s", err, stderr)
	}
}

// TestCheckColours reports a quadrant colour that is not one at its line.
func TestCheckColours(t *testing.T) {
	dir := radarSite(t, map[string]string{
		"waymark.yaml": "title: T\nquadrants:\n  - {id: tools, color: \"#1a7f37\"}\n  - {id: data, color: \"red;x\"}\n",
	})
	out, _, err := radarRun(t, "check", "--site", dir)
	if !errors.Is(err, errReported) || !strings.Contains(out, `waymark.yaml:2: quadrants "data": color "red;x" is not a colour`) {
		t.Errorf("check: %v\n%s", err, out)
	}
}

// TestExportSVG writes the radar, and a view's radar, as a standalone SVG:
// with its styles, only the view's blips, absolute links with a base URL;
// an unknown view or --view with another format is an error.
func TestExportSVG(t *testing.T) {
	dir := radarSite(t, map[string]string{
		"waymark.yaml":    "title: T\nbaseURL: https://x.example/guide/\nviews:\n  - {id: msg, title: Messaging, tags: [messaging]}\n",
		"radar/kafka.md":  "---\nquadrant: platforms\nring: hold\ntags: [messaging]\n---\n",
		"radar/go.md":     "---\nquadrant: languages-and-frameworks\nring: adopt\n---\n",
		"decisions/.keep": "",
	})
	for _, c := range []struct {
		args    []string
		want    []string
		notWant string
	}{
		{[]string{"export", "svg", "--site", dir}, []string{`<?xml`, `<style>`, `href="https://x.example/guide/radar/kafka/"`, `href="https://x.example/guide/radar/go/"`}, ""},
		{[]string{"export", "svg", "--view", "msg", "--site", dir}, []string{`<style>`, `href="https://x.example/guide/radar/kafka/"`}, `radar/go/`},
	} {
		out, stderr, err := radarRun(t, c.args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %s", c.args, w)
			}
		}
		if c.notWant != "" && strings.Contains(out, c.notWant) {
			t.Errorf("%v: output has %s, which is not in the view", c.args, c.notWant)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "svg", "--view", "nope", "--site", dir}, `view "nope" is not in waymark.yaml; its views are msg`},
		{[]string{"export", "json", "--view", "msg", "--site", dir}, `use it with export svg`},
	} {
		if _, _, err := radarRun(t, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
	}
}
