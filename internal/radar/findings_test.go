package radar_test

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/radar"
)

// blip parses radar/<id>.md with the given front matter.
func blip(t testing.TB, cfg radar.Settings, id, frontMatter string) *radar.Blip {
	t.Helper()
	b, err := radar.Parse("radar/"+id+".md", []byte("---\n"+frontMatter+"---\n"), cfg)
	if err != nil {
		t.Fatalf("Parse(%s): %v", id, err)
	}
	return b
}

func TestNew(t *testing.T) {
	cfg := radar.DefaultSettings()
	blips := []*radar.Blip{
		blip(t, cfg, "zeta", "quadrant: tools\nring: hold\n"),
		blip(t, cfg, "b-alpha", "title: alpha\nquadrant: tools\nring: adopt\n"),
		blip(t, cfg, "a-alpha", "title: Alpha\nquadrant: tools\nring: adopt\n"),
		blip(t, cfg, "go", "quadrant: languages-and-frameworks\nring: adopt\nhistory: [{date: 2024-01-01, ring: adopt}]\n"),
		blip(t, cfg, "tdd", "quadrant: techniques\nring: trial\nhistory: [{date: 2023-05-01, ring: assess}, {date: 2024-06-30, ring: trial}]\n"),
		blip(t, cfg, "pairing", "quadrant: techniques\nring: adopt\n"),
	}
	r := radar.New(cfg, blips)
	var ids []string
	for _, b := range r.Blips {
		ids = append(ids, b.ID)
	}
	if got, want := strings.Join(ids, " "), "pairing tdd a-alpha b-alpha zeta go"; got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
	if got, want := r.Edition.String(), "2024-06-30"; got != want {
		t.Errorf("Edition = %s, want %s (newest history date)", got, want)
	}
	if got, want := blips[0].ID, "zeta"; got != want {
		t.Errorf("New reordered its argument: first is %s, want %s", got, want)
	}
	if r.Blip("tdd") != blips[4] || r.Blip("nope") != nil {
		t.Error("Blip does not find blips by id")
	}
	if got, want := len(r.In("tools", "adopt")), 2; got != want {
		t.Errorf("In(tools, adopt) has %d blips, want %d", got, want)
	}
	if got, want := len(r.In("platforms", "adopt")), 0; got != want {
		t.Errorf("In(platforms, adopt) has %d blips, want %d", got, want)
	}
	if !r.Adopting("adopt") || !r.Adopting("trial") || r.Adopting("assess") || r.Adopting("hold") {
		t.Error("the adopting rings are not adopt and trial")
	}

	cfg.Edition = d("2020-01-01")
	if got, want := radar.New(cfg, blips).Edition.String(), "2020-01-01"; got != want {
		t.Errorf("configured Edition = %s, want %s", got, want)
	}
	if got := radar.New(radar.DefaultSettings(), nil).Edition; !got.IsZero() {
		t.Errorf("Edition of an empty radar = %v, want none", got)
	}
}

func TestMovementAgainstEdition(t *testing.T) {
	tests := []struct {
		name    string
		history string
		want    string
	}{
		{"no history", "", radar.NoMove},
		{"first entry in the window", "[{date: 2025-01-10, ring: trial}]", radar.NewBlip},
		{"first entry on the edition date", "[{date: 2025-03-01, ring: trial}]", radar.NewBlip},
		{"first entry a day inside the window", "[{date: 2024-09-02, ring: trial}]", radar.NewBlip},
		{"first entry exactly six months back", "[{date: 2024-09-01, ring: trial}]", radar.NoMove},
		{"first entry long ago", "[{date: 2020-01-01, ring: trial}]", radar.NoMove},
		{"moved in", "[{date: 2023-01-01, ring: assess}, {date: 2025-02-01, ring: trial}]", radar.MovedIn},
		{"moved in two rings", "[{date: 2023-01-01, ring: hold}, {date: 2024-12-01, ring: trial}]", radar.MovedIn},
		{"moved out", "[{date: 2023-01-01, ring: adopt}, {date: 2025-02-01, ring: hold}]", radar.MovedOut},
		{"listed again in the same ring", "[{date: 2023-01-01, ring: trial}, {date: 2025-02-01, ring: trial}]", radar.NoMove},
		{"moved before the window", "[{date: 2022-01-01, ring: assess}, {date: 2023-02-01, ring: trial}]", radar.NoMove},
		{"move after the edition ignored", "[{date: 2023-01-01, ring: assess}, {date: 2025-06-01, ring: adopt}]", radar.NoMove},
		{"new, then moved after the edition", "[{date: 2025-01-01, ring: assess}, {date: 2025-06-01, ring: adopt}]", radar.NewBlip},
		{"only entries after the edition", "[{date: 2025-04-01, ring: assess}]", radar.NoMove},
		{"three moves, the last one counts", "[{date: 2022-01-01, ring: hold}, {date: 2023-01-01, ring: adopt}, {date: 2025-01-01, ring: assess}]", radar.MovedOut},
	}
	cfg := siteSettings() // edition 2025-03-01
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := "quadrant: tools\nring: trial\n"
			if tt.history != "" {
				fm += "history: " + tt.history + "\n"
			}
			b := blip(t, cfg, "x", fm)
			r := radar.New(cfg, []*radar.Blip{b})
			if got, want := r.Movement(b), tt.want; got != want {
				t.Errorf("Movement = %q, want %q", got, want)
			}
		})
	}
	t.Run("no edition", func(t *testing.T) {
		cfg := radar.DefaultSettings()
		b := blip(t, cfg, "x", "quadrant: tools\nring: trial\n")
		if got, want := radar.New(cfg, []*radar.Blip{b}).Movement(b), radar.NoMove; got != want {
			t.Errorf("Movement = %q, want %q", got, want)
		}
	})
	t.Run("edition from history", func(t *testing.T) {
		cfg := radar.DefaultSettings()
		b := blip(t, cfg, "x", "quadrant: tools\nring: trial\nhistory: [{date: 2024-01-01, ring: hold}, {date: 2024-05-01, ring: trial}]\n")
		if got, want := radar.New(cfg, []*radar.Blip{b}).Movement(b), radar.MovedIn; got != want {
			t.Errorf("Movement = %q, want %q", got, want)
		}
	})
}

func TestStale(t *testing.T) {
	tests := []struct {
		name string
		fm   string
		want bool
	}{
		{"no dates", "", false},
		{"reviewed recently", "reviewed: 2025-01-01\n", false},
		{"reviewed exactly ten months before", "reviewed: 2024-05-01\n", false},
		{"reviewed a day too early", "reviewed: 2024-04-30\n", true},
		{"reviewed long ago", "reviewed: 2019-01-01\n", true},
		{"old review, recent move", "reviewed: 2019-01-01\nhistory: [{date: 2024-12-01, ring: trial}]\n", false},
		{"old move, no review", "history: [{date: 2023-01-01, ring: trial}]\n", true},
		{"reviewed after the edition", "reviewed: 2026-01-01\n", false},
	}
	cfg := siteSettings() // edition 2025-03-01, review every 10 months
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := blip(t, cfg, "x", "quadrant: tools\nring: trial\n"+tt.fm)
			r := radar.New(cfg, []*radar.Blip{b})
			if got, want := r.Stale(b), tt.want; got != want {
				t.Errorf("Stale = %v, want %v (last reviewed %v)", got, want, r.LastReviewed(b))
			}
		})
	}
	t.Run("no edition", func(t *testing.T) {
		cfg := radar.DefaultSettings()
		b := blip(t, cfg, "x", "quadrant: tools\nring: trial\nreviewed: 2001-01-01\n")
		if radar.New(cfg, []*radar.Blip{b}).Stale(b) {
			t.Error("stale without an edition date")
		}
	})
	t.Run("review months from the configuration", func(t *testing.T) {
		cfg := siteSettings()
		cfg.Review.Months = 3
		b := blip(t, cfg, "x", "quadrant: tools\nring: trial\nreviewed: 2024-11-15\n")
		if !radar.New(cfg, []*radar.Blip{b}).Stale(b) {
			t.Error("not stale after 3.5 months with a 3-month review period")
		}
	})
}

func TestLastReviewed(t *testing.T) {
	cfg := siteSettings()
	b := blip(t, cfg, "x", "quadrant: tools\nring: trial\nreviewed: 2024-02-01\nhistory: [{date: 2023-01-01, ring: hold}, {date: 2024-06-01, ring: trial}]\n")
	if got, want := radar.New(cfg, nil).LastReviewed(b).String(), "2024-06-01"; got != want {
		t.Errorf("LastReviewed = %s, want %s", got, want)
	}
}

func TestFindingsPerCase(t *testing.T) {
	tests := []struct {
		name     string
		fm       string // after quadrant; sets ring itself
		severity diag.Severity
		line     int
		text     string // "" when there is no finding
	}{
		{
			name: "denied licence in adopt", fm: "ring: adopt\nlicense: AGPL-3.0-only\n",
			severity: diag.Policy, line: 4,
			text: "radar/x.md:4: policy: licence AGPL-3.0-only is denied by the licence policy, but the blip is in adopt; move the blip out of adopt or replace the technology",
		},
		{
			name: "denied licence in trial", fm: "ring: trial\nlicense: MIT AND SSPL-1.0\n",
			severity: diag.Policy, line: 4, text: "licence MIT AND SSPL-1.0 is denied",
		},
		{
			name: "denied licence in hold", fm: "ring: hold\nlicense: AGPL-3.0-only\n",
		},
		{
			name: "denied licence in assess", fm: "ring: assess\nlicense: SSPL-1.0\n",
		},
		{
			name: "review licence in adopt", fm: "ring: adopt\nlicense: MPL-2.0\n",
			severity: diag.Warning, line: 4,
			text: "radar/x.md:4: warning: licence MPL-2.0 needs review before teams adopt it; have the licence reviewed",
		},
		{
			name: "review licence in assess", fm: "ring: assess\nlicense: MPL-2.0\n",
		},
		{
			name: "unknown licence in trial", fm: "ring: trial\n\nlicense: WTFPL\n",
			severity: diag.Warning, line: 5, text: `licence "WTFPL" is not in the licence policy`,
		},
		{
			name: "allowed licence in adopt", fm: "ring: adopt\nlicense: MIT OR AGPL-3.0-only\n",
		},
		{
			name: "no licence in adopt", fm: "ring: adopt\n",
		},
		{
			name: "individual backing in the first ring", fm: "ring: adopt\nlicense: MIT\nbacking: Individual\n",
			severity: diag.Warning, line: 5,
			text: "radar/x.md:5: warning: backed by an individual, yet in adopt; find an organisation-backed alternative or move it out of adopt",
		},
		{
			name: "individual backing in trial", fm: "ring: trial\nlicense: MIT\nbacking: individual\n",
		},
		{
			name: "stale", fm: "ring: hold\nreviewed: 2023-01-15\n",
			severity: diag.Warning, line: 4,
			text: "radar/x.md:4: warning: not reviewed since 2023-01-15 (more than 10 months before the 2025-03-01 edition); review the blip",
		},
		{
			name: "fresh", fm: "ring: hold\nreviewed: 2025-01-15\n",
		},
	}
	cfg := siteSettings()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := blip(t, cfg, "x", "quadrant: tools\n"+tt.fm)
			got := radar.New(cfg, []*radar.Blip{b}).Findings()
			if tt.text == "" {
				for _, p := range got {
					t.Errorf("unexpected finding: %v", p)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%d findings (%v), want 1", len(got), got)
			}
			p := got[0]
			if got, want := p.Severity, tt.severity; got != want {
				t.Errorf("Severity = %v, want %v", got, want)
			}
			if got, want := p.File, "radar/x.md"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if got, want := p.Line, tt.line; got != want {
				t.Errorf("Line = %d, want %d", got, want)
			}
			if !strings.Contains(p.Error(), tt.text) {
				t.Errorf("finding %q does not contain %q", p, tt.text)
			}
		})
	}
}

func TestFindingsAll(t *testing.T) {
	cfg := siteSettings()
	b := blip(t, cfg, "x", "quadrant: tools\nring: adopt\nlicense: AGPL-3.0-only\nbacking: individual\nreviewed: 2020-01-01\n")
	ok := blip(t, cfg, "y", "quadrant: tools\nring: adopt\nlicense: MIT\nreviewed: 2025-01-01\n")
	got := radar.New(cfg, []*radar.Blip{ok, b}).Findings()
	var sev []string
	for _, p := range got {
		if p.File != "radar/x.md" {
			t.Errorf("finding about %s: %v", p.File, p)
		}
		sev = append(sev, p.Severity.String())
	}
	if got, want := strings.Join(sev, " "), "policy warning warning"; got != want {
		t.Errorf("severities = %s, want %s", got, want)
	}
}

func TestFindingsCustomRings(t *testing.T) {
	cfg := radar.DefaultSettings()
	cfg.Rings = []radar.Segment{{ID: "use"}, {ID: "try"}, {ID: "avoid"}}
	cfg.Adopting = []string{"use"}
	cfg.Licenses = radar.Licenses{Allowed: []string{"MIT"}, Denied: []string{"AGPL-3.0-only"}}
	tests := []struct {
		ring  string
		count int
	}{
		{"use", 2}, // denied licence and individual backing in the first ring
		{"try", 0}, // not adopting
		{"avoid", 0},
	}
	for _, tt := range tests {
		b := blip(t, cfg, "x", "quadrant: tools\nring: "+tt.ring+"\nlicense: AGPL-3.0-only\nbacking: individual\n")
		if got, want := len(radar.New(cfg, []*radar.Blip{b}).Findings()), tt.count; got != want {
			t.Errorf("ring %s: %d findings, want %d", tt.ring, got, want)
		}
	}
}
