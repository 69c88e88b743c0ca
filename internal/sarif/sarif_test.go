package sarif_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/sarif"
)

func problems() []*diag.Problem {
	return []*diag.Problem{
		diag.Errorf("radar/kafka.md", 4, "use one of adopt, hold", "unknown ring %q", "hodl"),
		diag.Policyf("radar/mongo.md", 5, "move it out of adopt", "licence %s is denied by the licence policy, but the blip is in %s", "SSPL-1.0", "adopt"),
		diag.Warnf("radar/old.md", 5, "review it", "not reviewed since %s", "2020-01-01"),
		diag.Warnf("radar/older.md", 5, "review it", "not reviewed since %s", "2019-01-01"),
		diag.As("waymark.yaml", bytes.ErrTooLarge), // no kind, no line
	}
}

// TestRequiredFields checks the log against what the SARIF 2.1.0 schema
// requires (version and runs; a run's tool; the driver's name; a result's
// message; a rule's id), and what code scanning needs besides: every
// result's rule is in the rules at its index, locations are relative
// paths, and lines count from 1.
func TestRequiredFields(t *testing.T) {
	var buf bytes.Buffer
	if err := sarif.New(problems(), sarif.Options{Dir: "docs/architecture"}).Write(&buf); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log["version"] != "2.1.0" || log["$schema"] != sarif.Schema {
		t.Errorf("version %v, schema %v", log["version"], log["$schema"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "waymark" {
		t.Errorf("driver %v", driver["name"])
	}
	var ruleIDs []string
	for _, r := range driver["rules"].([]any) {
		rule := r.(map[string]any)
		id, _ := rule["id"].(string)
		text, _ := rule["shortDescription"].(map[string]any)["text"].(string)
		if id == "" || text == "" {
			t.Errorf("rule %v lacks id or description", rule)
		}
		ruleIDs = append(ruleIDs, id)
	}
	want := []string{"waymark/error", "waymark/licence-is-denied-by-the", "waymark/not-reviewed-since", "waymark/unknown-ring"}
	if strings.Join(ruleIDs, " ") != strings.Join(want, " ") {
		t.Errorf("rules %q, want %q", ruleIDs, want)
	}
	results := run["results"].([]any)
	if len(results) != len(problems()) {
		t.Fatalf("%d results", len(results))
	}
	levels := []string{"error", "error", "warning", "warning", "error"}
	for i, r := range results {
		res := r.(map[string]any)
		idx := int(res["ruleIndex"].(float64))
		if res["ruleId"] != ruleIDs[idx] {
			t.Errorf("result %d: rule %v at index %d is %s", i, res["ruleId"], idx, ruleIDs[idx])
		}
		if text, _ := res["message"].(map[string]any)["text"].(string); text == "" {
			t.Errorf("result %d has no message", i)
		}
		if res["level"] != levels[i] {
			t.Errorf("result %d: level %v, want %s", i, res["level"], levels[i])
		}
		loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		uri := loc["artifactLocation"].(map[string]any)["uri"].(string)
		if !strings.HasPrefix(uri, "docs/architecture/") || strings.Contains(uri, "..") {
			t.Errorf("result %d: uri %q", i, uri)
		}
		region, hasRegion := loc["region"].(map[string]any)
		if hasRegion && region["startLine"].(float64) < 1 || !hasRegion && i != 4 {
			t.Errorf("result %d: region %v", i, loc["region"])
		}
	}
	if got := results[1].(map[string]any)["message"].(map[string]any)["text"]; got != "licence SSPL-1.0 is denied by the licence policy, but the blip is in adopt; move it out of adopt" {
		t.Errorf("message with its fix: %q", got)
	}
}

func TestEmptyLog(t *testing.T) {
	var buf bytes.Buffer
	if err := sarif.New(nil, sarif.Options{}).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"results": []`) || !strings.Contains(buf.String(), `"rules": []`) {
		t.Errorf("an empty log must still list results and rules:\n%s", buf.String())
	}
}

func TestURI(t *testing.T) {
	for _, c := range [][3]string{{"", "radar/a.md", "radar/a.md"}, {".", "radar/a.md", "radar/a.md"}, {"docs/arch/", "radar/a.md", "docs/arch/radar/a.md"}} {
		if got := sarif.URI(c[0], c[1]); got != c[2] {
			t.Errorf("URI(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
