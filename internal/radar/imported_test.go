package radar_test

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
)

// TestImportedKeys covers the keys imported radars need: link, drawn and
// a history entry's moved.
func TestImportedKeys(t *testing.T) {
	src := `---
title: Playwright
quadrant: tools
ring: trial
history:
  - {date: 2025-02-01, ring: trial, moved: in}
link: "https://radar.example.com/tools/playwright"
drawn: false
---
Browser tests.
`
	b, err := radar.Parse("radar/playwright.md", []byte(src), siteSettings())
	if err != nil {
		t.Fatal(err)
	}
	if !b.NotDrawn || b.Link != "https://radar.example.com/tools/playwright" || b.History[0].Moved != "in" || b.Line("drawn") != 8 || b.Line("link") != 7 {
		t.Errorf("parsed %+v", b)
	}
	if got := string(radar.Format(b)); got != src {
		t.Errorf("Format =\n%s\nwant\n%s", got, src)
	}
	r := radar.New(siteSettings(), []*radar.Blip{b})
	if got := r.Movement(b); got != radar.MovedIn {
		t.Errorf("movement %s, want moved-in: the entry says so though it is the first", got)
	}
	if l := r.Layout(); len(l.Blips) != 0 {
		t.Errorf("a blip with drawn: false was placed: %+v", l.Blips)
	}

	for _, c := range []struct{ line, want string }{
		{"link: javascript:alert(1)", `link "javascript:alert(1)" is not an http(s) URL`},
		{"history: [{date: 2024-01-01, ring: trial, moved: sideways}]", `unknown moved "sideways"`},
		{"drawn: maybe", "bool"},
	} {
		_, err := radar.Parse("radar/x.md", []byte("---\nquadrant: tools\nring: trial\n"+c.line+"\n---\n"), siteSettings())
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "radar/x.md:4") {
			t.Errorf("%s: %v, want an error at line 4 containing %q", c.line, err, c.want)
		}
	}
}

// TestStatedMoves checks each moved value against the movement the rings
// alone would give.
func TestStatedMoves(t *testing.T) {
	for moved, want := range map[string]string{"": radar.MovedIn, "none": radar.NoMove, "out": radar.MovedOut, "new": radar.NewBlip, "in": radar.MovedIn} {
		b := &radar.Blip{ID: "x", Quadrant: "tools", Ring: "trial", History: []radar.Move{
			{Date: d("2024-12-01"), Ring: "assess"}, {Date: d("2025-02-01"), Ring: "trial", Moved: moved}}}
		if got := radar.New(siteSettings(), []*radar.Blip{b}).Movement(b); got != want {
			t.Errorf("moved %q: movement %s, want %s", moved, got, want)
		}
	}
}
