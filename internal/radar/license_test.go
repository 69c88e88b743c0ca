package radar_test

import (
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
)

func TestVerdict(t *testing.T) {
	p := radar.NewPolicy(radar.Licenses{
		Allowed: []string{"MIT", "Apache-2.0", "BSD-3-Clause"},
		Review:  []string{"MPL-2.0", "GPL-2.0-only"},
		Denied:  []string{"AGPL-3.0-only", "SSPL-1.0"},
	})
	tests := []struct {
		expr string
		want string
	}{
		{"MIT", radar.Allowed},
		{"mit", radar.Allowed},
		{"  MIT  ", radar.Allowed},
		{"MPL-2.0", radar.Review},
		{"AGPL-3.0-only", radar.Denied},
		{"GPL-3.0-only", radar.Unknown},
		{"LicenseRef-Acme-Proprietary", radar.Unknown},

		// OR: the better verdict counts.
		{"MIT OR Apache-2.0", radar.Allowed},
		{"GPL-3.0-only OR MIT", radar.Allowed},
		{"AGPL-3.0-only OR MIT", radar.Allowed},
		{"MPL-2.0 OR AGPL-3.0-only", radar.Review},
		{"GPL-3.0-only OR AGPL-3.0-only", radar.Unknown},
		{"MIT or Apache-2.0", radar.Allowed},

		// AND: the worse verdict counts.
		{"MIT AND Apache-2.0", radar.Allowed},
		{"MIT AND MPL-2.0", radar.Review},
		{"MIT AND GPL-3.0-only", radar.Unknown},
		{"(MIT AND AGPL-3.0-only)", radar.Denied},
		{"MIT AND (AGPL-3.0-only OR SSPL-1.0)", radar.Denied},
		{"(MIT OR AGPL-3.0-only) AND Apache-2.0", radar.Allowed},
		// AND binds tighter than OR.
		{"MIT OR AGPL-3.0-only AND Apache-2.0", radar.Allowed},
		{"AGPL-3.0-only AND MIT OR SSPL-1.0", radar.Denied},
		{"((MIT))", radar.Allowed},

		// WITH keeps the licence's verdict.
		{"GPL-2.0-only WITH Classpath-exception-2.0", radar.Review},
		{"Apache-2.0 WITH LLVM-exception", radar.Allowed},
		{"(GPL-2.0-only WITH Classpath-exception-2.0) OR MIT", radar.Allowed},
		{"GPL-2.0-only WITH Classpath-exception-2.0 AND AGPL-3.0-only", radar.Denied},

		// "+" means this version or later.
		{"Apache-2.0+", radar.Allowed},
		{"AGPL-3.0-only+", radar.Denied},
		{"GPL-3.0+", radar.Unknown},

		// Empty or malformed expressions are unknown.
		{"", radar.Unknown},
		{"   ", radar.Unknown},
		{"not a licence", radar.Unknown},
		{"MIT Apache-2.0", radar.Unknown},
		{"MIT OR", radar.Unknown},
		{"MIT AND", radar.Unknown},
		{"OR MIT", radar.Unknown},
		{"MIT OR OR Apache-2.0", radar.Unknown},
		{"MIT OR )", radar.Unknown},
		{"(MIT", radar.Unknown},
		{"MIT)", radar.Unknown},
		{"()", radar.Unknown},
		{"( ) OR MIT", radar.Unknown},
		{"MIT WITH", radar.Unknown},
		{"WITH MIT", radar.Unknown},
		{"MIT WITH OR", radar.Unknown},
		{"MIT WITH exception-1 WITH exception-2", radar.Unknown},
		{"(MIT OR Apache-2.0", radar.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			if got, want := p.Verdict(tt.expr), tt.want; got != want {
				t.Errorf("Verdict(%q) = %q, want %q", tt.expr, got, want)
			}
		})
	}
}

func TestVerdictEmptyPolicy(t *testing.T) {
	p := radar.NewPolicy(radar.Licenses{})
	for _, expr := range []string{"MIT", "MIT OR Apache-2.0", ""} {
		if got, want := p.Verdict(expr), radar.Unknown; got != want {
			t.Errorf("Verdict(%q) = %q, want %q", expr, got, want)
		}
	}
}

func TestVerdictListedTwice(t *testing.T) {
	// A licence on two lists gets the stricter verdict, every time.
	l := radar.Licenses{
		Allowed: []string{"MIT", "GPL-2.0-only"},
		Review:  []string{"GPL-2.0-only", "mit"},
		Denied:  []string{"MIT"},
	}
	for range 50 {
		p := radar.NewPolicy(l)
		if got, want := p.Verdict("MIT"), radar.Denied; got != want {
			t.Fatalf("Verdict(MIT) = %q, want %q", got, want)
		}
		if got, want := p.Verdict("GPL-2.0-only"), radar.Review; got != want {
			t.Fatalf("Verdict(GPL-2.0-only) = %q, want %q", got, want)
		}
	}
}
