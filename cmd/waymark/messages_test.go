package main

import (
	"encoding/json"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestMessages: every mistake at the command line gets one line that
// says what is wrong and what is meant, and nothing on standard output.
func TestMessages(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"buid"}, "unknown command buid; did you mean build? (waymark help lists the commands)"},
		{[]string{"chekc"}, "unknown command chekc; did you mean check?"},
		{[]string{"frobnicate"}, "unknown command frobnicate (waymark help lists the commands)"},
		{[]string{"new"}, `new needs a kind: waymark new adr "TITLE" or waymark new blip "NAME"`},
		{[]string{"new", "abr"}, "new abr: unknown kind; did you mean new adr? (there are new adr and new blip)"},
		{[]string{"build", "--outt", "x"}, "build: unknown flag --outt; did you mean --out? (waymark build --help lists the flags)"},
		{[]string{"build", "-outt", "x"}, "build: unknown flag --outt; did you mean --out?"},
		{[]string{"check", "--strcit"}, "check: unknown flag --strcit; did you mean --strict?"},
		{[]string{"check", "--colour"}, "check: unknown flag --colour (waymark check --help lists the flags)"},
		{[]string{"build", "--out"}, "build: --out needs a value, as in --out FOLDER"},
		{[]string{"check", "--strict=maybe"}, `check: --strict takes true or false, not "maybe" (--strict alone means true)`},
		{[]string{"init"}, "init needs exactly one folder; usage: waymark init DIR"},
		{[]string{"init", site}, "is not empty; waymark init only writes into a new or empty folder"},
		{[]string{"import", "byor-csv", filepath.Join(site, "missing.csv"), "--site", site, "--date", "2024-01-01"},
			"cannot read the byor-csv export " + filepath.Join(site, "missing.csv") + ": it does not exist; check the path"},
		{[]string{"new", "blip", "X", "--quadrant", "tools", "--ring", "adopt", "--site", filepath.Join(site, "nope")},
			"cannot open the site folder " + filepath.Join(site, "nope") + ": it does not exist; check the path"},
		{[]string{"version", "extra"}, `version takes no arguments, got ["extra"]`},
	} {
		stdout, stderr, err := waymark(t, c.args...)
		if err == nil {
			t.Errorf("%q succeeded", c.args)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %q, want one line with %q", c.args, err, c.want)
		}
		if stdout != "" || stderr != "" {
			t.Errorf("%q printed %q %q besides the error", c.args, stdout, stderr)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{0, "warning", "0 warnings"}, {1, "warning", "1 warning"}, {2, "page", "2 pages"},
		{1, "history entry", "1 history entry"}, {3, "history entry", "3 history entries"},
		{2, "day", "2 days"}, {2, "policy violation", "2 policy violations"},
	} {
		if got := count(c.n, c.noun); got != c.want {
			t.Errorf("count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
	if got, want := list("a", "b", "c"), "a, b and c"; got != want {
		t.Errorf("list = %q, want %q", got, want)
	}
}

func TestVersionOf(t *testing.T) {
	for _, c := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"released", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"clone", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260115093000-0123456789ab"}},
			"v0.0.0-20260115093000-0123456789ab (commit 0123456789ab of 2026-01-15T09:30:00Z)"},
		{"clone with changes", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.1-0.20260115093000-0123456789ab+dirty"}},
			"(commit 0123456789ab of 2026-01-15T09:30:00Z, with changes not committed)"},
		{"vcs settings only", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-01-15T09:30:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"commit 0123456789ab of 2026-01-15T09:30:00Z, with changes not committed"},
		{"nothing recorded", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "development build (no module version or commit recorded"},
	} {
		if got := versionOf(c.bi); !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestNoBaseURLIsANotice: a site without baseURL builds and passes
// check --strict with one line saying what publishing needs.
func TestNoBaseURLIsANotice(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "--strict", "--site", site}, {"build", "--site", site}} {
		stdout, stderr, err := waymark(t, args...)
		if err != nil {
			t.Fatalf("%q: %v\n%s%s", args, err, stdout, stderr)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "note: no baseURL yet") || strings.Contains(stdout, "warning") {
			t.Errorf("%q: stderr %q, stdout %q; want one note", args, stderr, stdout)
		}
	}
	if stdout, stderr, err := waymark(t, "check", "--site", site, "--base-url", "https://example.com/guide/"); err != nil || stderr != "" {
		t.Errorf("with --base-url: %v %q %q", err, stdout, stderr)
	}
}

// TestCheckFormatsForCI: check speaks SARIF and workflow annotations,
// with paths from the repository root (the working directory), and fails
// as the text format does.
func TestCheckFormatsForCI(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	if _, _, err := waymark(t, "init", "guide"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "guide", "radar", "kafka.md"), "---\ntitle: Kafka\nquadrant: platforms\nring: hodl\n---\nx\n")
	stdout, _, err := waymark(t, "check", "--site", filepath.Join(root, "guide"), "--format", "github")
	if err == nil {
		t.Error("check --format github passed a site with an error")
	}
	if want := "::error file=guide/radar/kafka.md,line=4,title=waymark/unknown-ring::unknown ring \"hodl\"; use one of adopt, trial, assess, hold\n"; !strings.Contains(stdout, want) {
		t.Errorf("annotations %q lack %q", stdout, want)
	}
	stdout, _, err = waymark(t, "check", "--site", "guide", "--format", "sarif")
	if err == nil {
		t.Error("check --format sarif passed a site with an error")
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("log %+v", log)
	}
	r := log.Runs[0].Results[0]
	if loc := r.Locations[0].PhysicalLocation; r.RuleID != "waymark/unknown-ring" || r.Level != "error" || loc.ArtifactLocation.URI != "guide/radar/kafka.md" || loc.Region.StartLine != 4 {
		t.Errorf("result %+v", r)
	}
	if _, _, err := waymark(t, "check", "--site", "guide", "--format", "sarf"); err == nil || !strings.Contains(err.Error(), "--format sarf: use text, json, sarif or github; did you mean sarif?") {
		t.Errorf("a wrong format: %v", err)
	}
}
