package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// AxeScript returns the source of axe-core (the npm package axe-core,
// file axe.min.js), found as $WAYMARK_AXE_CORE (the path of axe.min.js or
// of the package's folder), or as node_modules/axe-core/axe.min.js in the
// working folder or any folder above it. When it is not found the test is
// skipped, unless WAYMARK_REQUIRE_BROWSER=1, which makes it fail.
func AxeScript(t testing.TB) string {
	t.Helper()
	var tried []string
	if p := os.Getenv("WAYMARK_AXE_CORE"); p != "" {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			p = filepath.Join(p, "axe.min.js")
		}
		tried = append(tried, p)
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			tried = append(tried, filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
			up := filepath.Dir(dir)
			if up == dir {
				break
			}
			dir = up
		}
	}
	for _, p := range tried {
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	msg := "axe-core not found (npm install axe-core, or set WAYMARK_AXE_CORE to its axe.min.js); looked at " + strings.Join(tried, ", ")
	if os.Getenv("WAYMARK_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; WAYMARK_REQUIRE_BROWSER=1 makes this a failure")
	}
	t.Skip(msg)
	return ""
}

// Violation is one rule axe-core found broken on a page, with the
// elements that break it.
type Violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, "; "))
}

// Axe runs axe-core (its source, from AxeScript) on the page open in ctx
// against the WCAG 2.x A and AA rules and the best practices, and returns
// what it found broken.
func Axe(ctx context.Context, script string) ([]Violation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](script+";true")); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	const run = `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		targets: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? " [" + n.failureSummary.replace(/\s+/g, " ") + "]" : ""))}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		return nil, fmt.Errorf("reading axe-core's result: %w", err)
	}
	return vs, nil
}

// ColorScheme makes the page in ctx prefer a "light" or "dark" colour
// scheme, as a reader's system setting would.
func ColorScheme(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	return err
}
