package radar_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// problems unpacks err, which may join several errors, into problems and
// fails the test for any error that is not a *diag.Problem.
func problems(t testing.TB, err error) []*diag.Problem {
	t.Helper()
	ps, others := diag.Split(err)
	for _, e := range others {
		t.Fatalf("error %q (%T) is not a *diag.Problem", e, e)
	}
	return ps
}

// siteSettings are the settings most radar tests use.
func siteSettings() radar.Settings {
	s := radar.DefaultSettings()
	s.Edition = meta.Date{Year: 2025, Month: time.March, Day: 1}
	s.Licenses = radar.Licenses{
		Allowed: []string{"MIT", "Apache-2.0", "BSD-3-Clause"},
		Review:  []string{"MPL-2.0", "GPL-2.0-only"},
		Denied:  []string{"AGPL-3.0-only", "SSPL-1.0"},
	}
	return s
}

func d(s string) meta.Date {
	v, err := meta.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestParseEveryKey(t *testing.T) {
	src := `---
title: Apache Kafka
quadrant: platforms
ring: trial
license: Apache-2.0
backing: Foundation
owner: platform-team
reviewed: 2025-01-10
horizon: next
tags: messaging, streaming
history:
  - {date: 2023-04-01, ring: assess, note: first look}
  - date: 2024-06-15
    ring: trial
    decision: 3
    note: pilot
roadmap:
  - {horizon: later, ring: adopt, note: once the pilot ends}
packages: [pkg:maven/org.apache.kafka/*, pkg:npm/kafkajs]
summary: >
  A log of events
  that teams share.
---

Why it is here.
`
	b, err := radar.Parse("radar/kafka.md", []byte(src), siteSettings())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := &radar.Blip{
		ID: "kafka", Source: "radar/kafka.md", Title: "Apache Kafka",
		Quadrant: "platforms", Ring: "trial", License: "Apache-2.0", Backing: "foundation",
		Owner: "platform-team", Summary: "A log of events that teams share.", Reviewed: d("2025-01-10"), Horizon: "next",
		Tags: []string{"messaging", "streaming"},
		History: []radar.Move{
			{Date: d("2023-04-01"), Ring: "assess", Note: "first look"},
			{Date: d("2024-06-15"), Ring: "trial", Decision: 3, Note: "pilot"},
		},
		Roadmap:  []radar.Plan{{Horizon: "later", Ring: "adopt", Note: "once the pilot ends"}},
		Packages: []string{"pkg:maven/org.apache.kafka/*", "pkg:npm/kafkajs"},
		Body:     []byte("\nWhy it is here.\n"),
		BodyLine: 24,
		Lines: map[string]int{
			"title": 2, "quadrant": 3, "ring": 4, "license": 5, "backing": 6, "owner": 7,
			"reviewed": 8, "horizon": 9, "tags": 10, "history": 11, "roadmap": 17, "packages": 19,
		},
	}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("Parse =\n%#v\nwant\n%#v", *b, *want)
	}
	if got, want := b.String(), "Apache Kafka (radar/kafka.md)"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestParseDefaults(t *testing.T) {
	b, err := radar.Parse("tech/radar/event-storming.md", []byte("---\nquadrant: techniques\nring: assess\n---\n"), siteSettings())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := b.ID, "event-storming"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
	if got, want := b.Title, "event storming"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got, want := b.Line("license"), 2; got != want {
		t.Errorf("Line(license) = %d, want %d (front matter start)", got, want)
	}
	if got, want := b.Line("nonsense"), 1; got != want {
		t.Errorf("Line(nonsense) = %d, want %d", got, want)
	}
	if b.License != "" || b.Backing != "" || len(b.History) != 0 || !b.Reviewed.IsZero() {
		t.Errorf("unset keys were filled: %+v", b)
	}
}

func TestParseErrors(t *testing.T) {
	const valid = "quadrant: tools\nring: adopt\n"
	tests := []struct {
		name  string
		fm    string // front matter, starting on file line 2
		lines []int
		texts []string
	}{
		{
			name:  "unknown quadrant",
			fm:    "title: Kafka\nquadrant: toolz\nring: adopt\n",
			lines: []int{3},
			texts: []string{`radar/x.md:3: unknown quadrant "toolz"; use one of techniques, tools, platforms, languages-and-frameworks`},
		},
		{
			name:  "unknown ring",
			fm:    "quadrant: tools\n\nring: hodl\n",
			lines: []int{4},
			texts: []string{`radar/x.md:4: unknown ring "hodl"; use one of adopt, trial, assess, hold`},
		},
		{
			name:  "ring in the wrong case",
			fm:    "quadrant: tools\nring: Adopt\n",
			lines: []int{3},
			texts: []string{`unknown ring "Adopt"`},
		},
		{
			name:  "unknown ring in history",
			fm:    valid + "history:\n  - {date: 2024-01-01, ring: adopt}\n  - {date: 2024-02-01, ring: keep}\n",
			lines: []int{4},
			texts: []string{`radar/x.md:4: unknown ring "keep"; use one of adopt, trial, assess, hold`},
		},
		{
			name:  "history without a date",
			fm:    valid + "history:\n  - {ring: adopt}\n",
			lines: []int{4},
			texts: []string{"history entry without a date; give every history entry a date: YYYY-MM-DD"},
		},
		{
			name:  "history out of order",
			fm:    valid + "history:\n  - {date: 2024-05-01, ring: trial}\n  - {date: 2023-01-01, ring: adopt}\n",
			lines: []int{4},
			texts: []string{"radar/x.md:4: history is not in date order; list history entries oldest first"},
		},
		{
			name:  "bad date in history",
			fm:    valid + "history:\n  - {date: 2024-5-1, ring: trial}\n",
			lines: []int{5},
			texts: []string{`radar/x.md:5: date "2024-5-1" is not YYYY-MM-DD`},
		},
		{
			name:  "unknown key in history",
			fm:    valid + "history:\n  - date: 2024-05-01\n    ring: trial\n    why: pilot\n",
			lines: []int{7},
			texts: []string{`radar/x.md:7: unknown key "why"; remove it or use one of: date, ring, decision, note`},
		},
		{
			name:  "decision that is not a number",
			fm:    valid + "history:\n  - {date: 2024-05-01, ring: trial, decision: ADR-0003}\n",
			lines: []int{5},
			texts: []string{"cannot unmarshal !!str `ADR-0003` into int"},
		},
		{
			name:  "unknown ring in roadmap",
			fm:    valid + "roadmap:\n  - {horizon: next, ring: nowhere}\n",
			lines: []int{4},
			texts: []string{`unknown ring "nowhere"`},
		},
		{
			name:  "unknown horizon in roadmap",
			fm:    valid + "roadmap:\n  - {horizon: someday, ring: hold}\n",
			lines: []int{4},
			texts: []string{`radar/x.md:4: unknown horizon "someday"; use one of the horizons in waymark.yaml`},
		},
		{
			name:  "bad backing",
			fm:    valid + "backing: corporate\n",
			lines: []int{4},
			texts: []string{`radar/x.md:4: unknown backing "corporate"; use one of organisation, foundation, community, individual, vendor`},
		},
		{
			name:  "unknown horizon",
			fm:    valid + "license: MIT\nhorizon: soon\n",
			lines: []int{5},
			texts: []string{`radar/x.md:5: unknown horizon "soon"; use one of the horizons in waymark.yaml`},
		},
		{
			name:  "missing quadrant",
			fm:    "title: T\nring: adopt\n",
			lines: []int{2},
			texts: []string{"radar/x.md:2: blip has no quadrant; add quadrant: one of techniques, tools, platforms, languages-and-frameworks"},
		},
		{
			name:  "missing ring",
			fm:    "title: T\nquadrant: tools\n",
			lines: []int{2},
			texts: []string{"blip has no ring; add ring: one of adopt, trial, assess, hold"},
		},
		{
			name:  "placeholder quadrant and ring",
			fm:    "quadrant: '{quadrant}'\nring: '{ring}'\n",
			lines: []int{2, 3},
			texts: []string{"blip has no quadrant", "blip has no ring"},
		},
		{
			name:  "everything wrong at once",
			fm:    "quadrant: q\nring: r\nbacking: b\nhorizon: h\n",
			lines: []int{2, 3, 4, 5},
			texts: []string{`unknown quadrant "q"`, `unknown ring "r"`, `unknown backing "b"`, `unknown horizon "h"`},
		},
		{
			name:  "unknown key",
			fm:    valid + "licence: MIT\n",
			lines: []int{4},
			texts: []string{`unknown key "licence"; remove it or use one of: title, quadrant, ring, license`},
		},
		{
			name:  "bad reviewed date",
			fm:    valid + "reviewed: last week\n",
			lines: []int{4},
			texts: []string{`date "last week" is not YYYY-MM-DD`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := radar.Parse("radar/x.md", []byte("---\n"+tt.fm+"---\nbody\n"), siteSettings())
			ps := problems(t, err)
			if got, want := len(ps), len(tt.lines); got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			for i, p := range ps {
				if got, want := p.File, "radar/x.md"; got != want {
					t.Errorf("problem %d: File = %q, want %q", i, got, want)
				}
				if got, want := p.Line, tt.lines[i]; got != want {
					t.Errorf("problem %d: Line = %d, want %d (%v)", i, got, want, p)
				}
				if got, want := p.Severity, diag.Error; got != want {
					t.Errorf("problem %d: Severity = %v, want %v", i, got, want)
				}
			}
			for _, text := range tt.texts {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q does not contain %q", err, text)
				}
			}
		})
	}
}

func TestParseNoFrontMatter(t *testing.T) {
	_, err := radar.Parse("radar/x.md", []byte("Just text.\n"), siteSettings())
	ps := problems(t, err)
	if got, want := len(ps), 2; got != want {
		t.Fatalf("%d problems (%v), want %d", got, err, want)
	}
	for _, p := range ps {
		if got, want := p.Line, 1; got != want {
			t.Errorf("Line = %d, want %d", got, want)
		}
	}
}

func TestParseCustomConfig(t *testing.T) {
	cfg := radar.Settings{Quadrants: []radar.Segment{{ID: "build"}, {ID: "run"}}, Rings: []radar.Segment{{ID: "use"}, {ID: "avoid"}},
		Horizons: []radar.Horizon{{ID: "q3"}}}
	if _, err := radar.Parse("radar/x.md", []byte("---\nquadrant: run\nring: avoid\nhorizon: q3\n---\n"), cfg); err != nil {
		t.Errorf("Parse with custom segments: %v", err)
	}
	_, err := radar.Parse("radar/x.md", []byte("---\nquadrant: tools\nring: adopt\nhorizon: next\n---\n"), cfg)
	if got, want := len(problems(t, err)), 3; got != want {
		t.Fatalf("%d problems (%v), want %d", got, err, want)
	}
	if !strings.Contains(err.Error(), "use one of build, run") || !strings.Contains(err.Error(), "use one of use, avoid") {
		t.Errorf("error %q does not list the configured ids", err)
	}
}

func TestDateOfEdition(t *testing.T) {
	// Sanity check for the helpers below.
	if got, want := d("2025-03-01"), (meta.Date{Year: 2025, Month: time.March, Day: 1}); got != want {
		t.Fatalf("d = %v, want %v", got, want)
	}
}
