package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// auditSite is the usage fixture on disk, with its guide built, so that
// audit can read either the folder or the published index.json.
func auditSite(t *testing.T) (dir, index string) {
	t.Helper()
	dir = sitetest.TxtarDir(t, "../../internal/site/testdata/usage.txtar")
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := radarRun(t, "build", "--site", dir, "--out", out); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dir, filepath.Join(out, "index.json")
}

func exitCode(err error) int {
	var coded interface{ ExitCode() int }
	switch {
	case err == nil:
		return 0
	case errors.As(err, &coded):
		return coded.ExitCode()
	}
	return 1
}

func TestAudit(t *testing.T) {
	dir, index := auditSite(t)
	f := func(name string) string { return filepath.Join(dir, "usage", filepath.FromSlash(name)) }
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // in the output
		stderr string
	}{
		{"excepted hold passes", []string{"--team", "payments", f("payments/checkout.cdx.json")}, 0,
			[]string{"checkout.cdx.json:8: note hold: org.apache.kafka:kafka-clients 3.7.0 is Apache Kafka", "excepted by ADR-0015 until 2027-03-31", "passed"}, ""},
		{"without the team the hold fails", []string{f("payments/checkout.cdx.json")}, 1,
			[]string{"error hold", "read ADR-0005 Prototype first (https://example.com/decisions/0005-prototype-first/)", "failed: 1 hold"}, ""},
		{"expired exception fails", []string{"--team", "reporting", f("reporting/ledger/pom.xml")}, 1,
			[]string{"pom.xml:3: error hold", "the exception of ADR-0016 expired on 2026-01-31"}, ""},
		{"denied licence", []string{"--team", "web", f("web/shop.spdx.json")}, 1,
			[]string{"shop.spdx.json:12: error denied: pdf-kit-agpl 2.1.0 is under AGPL-3.0-only", "failed: 1 hold, 1 denied"}, ""},
		{"fail on nothing", []string{"--fail-on", "none", f("web/shop.spdx.json")}, 0, []string{"warning denied"}, ""},
		{"fail on unknown", []string{"--team", "payments", "--fail-on", "unknown", f("payments/checkout.cdx.json")}, 1,
			[]string{"error unknown: org.springframework:spring-core 6.1.5 (pkg:maven/org.springframework/spring-core) is not on the radar"}, ""},
		{"unreadable SBOM", []string{f("web/broken.cdx.json")}, 2, nil, "broken.cdx.json:5: components[0].version: a JSON number where a string belongs"},
		{"missing file", []string{f("web/none.cdx.json")}, 2, nil, "none.cdx.json: cannot read"},
		{"bad fail-on", []string{"--fail-on", "holdd", f("web/shop.spdx.json")}, 2, nil, ""},
		{"bad format", []string{"--format", "xml", f("web/shop.spdx.json")}, 2, nil, ""},
	}
	for _, guide := range []string{dir, index} {
		for _, tt := range tests {
			t.Run(filepath.Base(guide)+"/"+tt.name, func(t *testing.T) {
				args := append([]string{"audit", "--site", guide, "--date", "2026-06-01"}, tt.args...)
				out, errOut, err := radarRun(t, args...)
				if got := exitCode(err); got != tt.code {
					t.Errorf("exit %d, want %d (%v)\n%s%s", got, tt.code, err, out, errOut)
				}
				for _, want := range tt.stdout {
					if !strings.Contains(out, want) {
						t.Errorf("output lacks %q:\n%s", want, out)
					}
				}
				if !strings.Contains(errOut+errString(err), tt.stderr) {
					t.Errorf("errors lack %q:\n%s%v", tt.stderr, errOut, err)
				}
			})
		}
	}
	// The folder and the published index.json judge alike.
	args := func(guide string) []string {
		return []string{"audit", "--site", guide, "--date", "2026-06-01", "--format", "json", "--team", "web", f("web/shop.spdx.json"), f("payments/checkout.cdx.json")}
	}
	a, _, _ := radarRun(t, args(dir)...)
	b, _, _ := radarRun(t, args(index)...)
	if a != b || !strings.Contains(a, `"failed": true`) {
		t.Errorf("the folder and index.json judge differently:\n%s\n%s", a, b)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestAuditSARIF checks the SARIF 2.1.0 output has what the standard
// requires of a log, a run, a rule and a result, and what code scanning
// needs to place each result.
func TestAuditSARIF(t *testing.T) {
	dir, index := auditSite(t)
	out, _, err := radarRun(t, "audit", "--site", index, "--date", "2026-06-01", "--format", "sarif", "--fail-on", "hold,denied,unknown",
		filepath.Join(dir, "usage/web/shop.spdx.json"), filepath.Join(dir, "usage/payments/checkout.cdx.json"))
	if exitCode(err) != 1 {
		t.Errorf("exit %d, want 1", exitCode(err))
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("log: version %q, schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" || len(run.Tool.Driver.Rules) == 0 {
		t.Fatalf("run has no tool name or rules: %+v", run.Tool)
	}
	levels := map[string]int{}
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %q points at rule %d", r.RuleID, r.RuleIndex)
		}
		if !slices.Contains([]string{"none", "note", "warning", "error"}, r.Level) || r.Message.Text == "" || len(r.Locations) != 1 {
			t.Errorf("result %+v: level, message and location are required", r)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI == "" || (loc.Region != nil && loc.Region.StartLine < 1) {
			t.Errorf("result %q: location %+v", r.Message.Text, loc)
		}
		levels[r.RuleID+" "+r.Level]++
	}
	want := map[string]int{"hold error": 2, "denied error": 1, "review warning": 1, "unknown error": 2}
	for k, n := range want {
		if levels[k] != n {
			t.Errorf("results %v, want %v", levels, want)
			break
		}
	}
}

func TestAuditGitHub(t *testing.T) {
	dir, _ := auditSite(t)
	out, _, err := radarRun(t, "audit", "--site", dir, "--date", "2026-06-01", "--format", "github", "--team", "payments",
		filepath.Join(dir, "usage/web/shop.spdx.json"), filepath.Join(dir, "usage/payments/checkout.cdx.json"))
	if exitCode(err) != 1 {
		t.Errorf("exit %d, want 1", exitCode(err))
	}
	line := regexp.MustCompile(`^::(error|warning|notice) file=[^,:]+,line=[1-9][0-9]*,title=waymark (hold|denied|review|unknown)::[^\r\n]+$`)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 { // hold ×2, denied, review; the unknown ones only with --fail-on unknown
		t.Errorf("%d annotations, want 4:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if !line.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if !strings.Contains(out, "::notice file="+filepath.ToSlash(filepath.Join(dir, "usage/payments/checkout.cdx.json"))+",line=8,title=waymark hold::") {
		t.Errorf("the excepted hold is not a notice at its line:\n%s", out)
	}
}

// TestAuditExitStatus runs the program itself: the exit statuses are what
// CI sees.
func TestAuditExitStatus(t *testing.T) {
	dir, _ := auditSite(t)
	for _, tt := range []struct {
		file string
		code int
	}{{"payments/checkout.cdx.json", 0}, {"web/shop.spdx.json", 1}, {"web/broken.cdx.json", 2}} {
		cmd := waymarkCommand("audit", "--site", dir, "--team", "payments", "--date", "2026-06-01", filepath.Join(dir, "usage", tt.file))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d\n%s", tt.file, code, tt.code, out.String())
		}
	}
}
