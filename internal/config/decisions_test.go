package config_test

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
)

// TestDecisionLifecycle reads decisions.review and decisions.proposedDays
// beside the other keys of the decisions map, and refuses values that
// are no number of months or days.
func TestDecisionLifecycle(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      decision.Lifecycle
		err       string
	}{
		{name: "folder only", src: "decisions: docs/adr\n", want: decision.Lifecycle{}},
		{name: "both", src: "decisions:\n  folder: docs/adr\n  review: 24\n  proposedDays: 45\n", want: decision.Lifecycle{Review: 24, ProposedDays: 45}},
		{name: "months in words", src: "decisions:\n  review: 18 months\n", want: decision.Lifecycle{Review: 18}},
		{name: "a date", src: "decisions:\n  review: 2027-01-01\n", err: `waymark.yaml:1: decisions.review "2027-01-01" is not a number of months`},
		{name: "negative days", src: "decisions:\n  proposedDays: -3\n", err: "waymark.yaml:1: decisions.proposedDays -3 is not a number of days"},
		{name: "a typo", src: "decisions:\n  reviews: 24\n", err: `unknown key "reviews" under decisions`},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse("waymark.yaml", []byte(c.src))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Lifecycle != c.want {
				t.Errorf("lifecycle %+v, want %+v", cfg.Lifecycle, c.want)
			}
		})
	}
}
