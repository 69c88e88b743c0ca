package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRealRadars imports fixtures with the structure of published radars
// (testdata/real/README.txt) into a fresh waymark init site, with no
// settings written by hand but the date and the names a Zalando file
// lacks: every entry arrives, the site builds, and check finds no error.
func TestRealRadars(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "internal", "interchange", "testdata", "real"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, format, src string
		flags             []string
		want              []string // ids of blips that must arrive
		related           map[string][]string
	}{
		{"thoughtworks volume 34", "byor-csv", "thoughtworks-v34.csv", []string{"--date", "2026-04-15"},
			[]string{"decision-logs-in-the-repository", "schema-linting", "microservice-envy", "trace-sampling-proxy", "container-image-signing", "hand-rolled-feature-flags"},
			map[string][]string{"schema-linting": {"decision-logs-in-the-repository", "hand-rolled-feature-flags"}}},
		{"thoughtworks volume 3", "byor-csv", "thoughtworks-v03.csv", []string{"--date", "2010-08-01"},
			[]string{"continuous-integration", "build-pipelines-the-long-ones", "language-workbenches", "version-control-for-everything", "the-cloud"}, nil},
		{"zalando", "zalando-json", "zalando.json", []string{"--quadrants", "Languages,Infrastructure,Datastores,Data Management", "--rings", "Adopt,Trial,Assess,Hold"},
			[]string{"event-bus", "nightly-batch-ftp", "column-store", "webassembly", "kotlin"}, nil},
		{"backstage", "backstage-json", "backstage.json", nil,
			[]string{"kotlin", "ønskeliste", "ftp", "terraform"}, nil},
		{"aoe", "aoe", "aoe", nil,
			[]string{"vitest", "jest", "event-storming", "kubernetes"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			if _, _, err := radarRun(t, "init", site); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"import", c.format, filepath.Join(testdata, c.src), "--site", site}, c.flags...)
			out, stderr, err := radarRun(t, args...)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, stderr)
			}
			if !strings.Contains(out, "imported ") {
				t.Errorf("import said %q", out)
			}
			if _, stderr, err := radarRun(t, "build", "--site", site); err != nil {
				t.Fatalf("build: %v\n%s", err, stderr)
			}
			if out, stderr, err := radarRun(t, "check", "--site", site); err != nil {
				t.Errorf("check: %v\n%s%s", err, out, stderr)
			}
			data, _, err := radarRun(t, "export", "json", "--site", site)
			if err != nil {
				t.Fatal(err)
			}
			var idx struct {
				Blips []struct {
					ID      string
					Related []string
				}
			}
			if err := json.Unmarshal([]byte(data), &idx); err != nil {
				t.Fatal(err)
			}
			related := map[string][]string{}
			for _, b := range idx.Blips {
				related[b.ID] = b.Related
			}
			for _, id := range c.want {
				if _, ok := related[id]; !ok {
					t.Errorf("%s did not arrive", id)
				}
			}
			for id, want := range c.related {
				if !slices.Equal(related[id], want) {
					t.Errorf("%s related %v, want %v", id, related[id], want)
				}
			}
		})
	}
}
