package draw_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/draw"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the drawings under testdata")

// shape returns settings with nq quadrants and nr rings.
func shape(nq, nr int) radar.Settings {
	quadrants := []string{"Techniques", "Tools", "Platforms", "Languages & Frameworks", "Data", "Security", "Operations", "Practices"}
	rings := []string{"Adopt", "Trial", "Assess", "Hold", "Retire", "Watch", "Explore", "Avoid"}
	s := radar.DefaultSettings()
	s.Title, s.Quadrants, s.Rings = "Test", nil, nil
	for _, q := range quadrants[:nq] {
		s.Quadrants = append(s.Quadrants, radar.Segment{ID: radar.Slug(q), Title: q})
	}
	for _, r := range rings[:nr] {
		s.Rings = append(s.Rings, radar.Segment{ID: radar.Slug(r), Title: r})
	}
	s.Adopting = []string{s.Rings[0].ID}
	return s
}

// generate returns n blips spread at random over cfg's segments, a quarter
// of them new and a quarter moved.
func generate(cfg radar.Settings, n int, seed uint64) []*radar.Blip {
	rng := rand.New(rand.NewPCG(seed, 7))
	var out []*radar.Blip
	for k := range n {
		b := &radar.Blip{ID: fmt.Sprintf("blip-%03d", k), Title: fmt.Sprintf("Blip %c%03d", 'A'+rune(rng.IntN(26)), k),
			Quadrant: cfg.Quadrants[rng.IntN(len(cfg.Quadrants))].ID, Ring: cfg.Rings[rng.IntN(len(cfg.Rings))].ID}
		switch rng.IntN(4) {
		case 0:
			b.History = []radar.Move{{Date: meta.Date{Year: 2024, Month: 3, Day: 1}, Ring: b.Ring}}
		case 1:
			b.History = []radar.Move{{Date: meta.Date{Year: 2020, Month: 1, Day: 1}, Ring: cfg.Rings[rng.IntN(len(cfg.Rings))].ID},
				{Date: meta.Date{Year: 2024, Month: 2, Day: 1}, Ring: b.Ring}}
		}
		out = append(out, b)
	}
	return out
}

// wellFormed fails the test unless svg parses as XML.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("the drawing is not well-formed: %v", err)
		}
	}
}

// TestRadarOrderIndependent shuffles the blips and expects the same
// drawing, byte for byte.
func TestRadarOrderIndependent(t *testing.T) {
	for _, nq := range []int{1, 4, 5} {
		cfg := shape(nq, 4)
		blips := generate(cfg, 150, 9)
		want := draw.Radar(radar.New(cfg, blips).Layout(), draw.RadarOptions{})
		rng := rand.New(rand.NewPCG(1, 2))
		for range 5 {
			rng.Shuffle(len(blips), func(i, j int) { blips[i], blips[j] = blips[j], blips[i] })
			if got := draw.Radar(radar.New(cfg, blips).Layout(), draw.RadarOptions{}); got != want {
				t.Fatalf("%d quadrants: shuffled input gives a different drawing", nq)
			}
		}
	}
}

// TestRadarSector draws each quadrant alone: its blips only, its wedge of
// every ring, both its boundaries.
func TestRadarSector(t *testing.T) {
	cfg := shape(4, 4)
	l := radar.New(cfg, generate(cfg, 40, 3)).Layout()
	for j, q := range cfg.Quadrants {
		svg := draw.Radar(l, draw.RadarOptions{Sector: q.ID})
		wellFormed(t, svg)
		want := 0
		for _, p := range l.Blips {
			if p.Sector == j {
				want++
			}
		}
		if got := strings.Count(svg, `class="blip `); got != want {
			t.Errorf("%s: %d blips drawn, want %d", q.ID, got, want)
		}
		if got := strings.Count(svg, `<path class="ring `); got != 4 {
			t.Errorf("%s: %d ring wedges, want 4", q.ID, got)
		}
		if got := strings.Count(svg, `class="axis"`); got != 2 {
			t.Errorf("%s: %d boundaries, want 2", q.ID, got)
		}
	}
}

// TestRadarEscapes draws titles, ids and links that need escaping.
func TestRadarEscapes(t *testing.T) {
	cfg := shape(4, 4)
	cfg.Title = `Tom & "Jerry" <radar>`
	cfg.Quadrants[0].Title = "R&D <lab>"
	blips := generate(cfg, 10, 1)
	blips[0].Title, blips[0].ID = `<script>alert("x")</script> & co`, `a"b<c`
	l := radar.New(cfg, blips).Layout()
	for _, sector := range []string{"", cfg.Quadrants[0].ID} {
		svg := draw.Radar(l, draw.RadarOptions{ID: `r"1`, Sector: sector,
			Href:       func(b *radar.Blip) string { return "?a=1&b=" + b.ID },
			SectorHref: func(id string) string { return id + `/"x"` }})
		wellFormed(t, svg)
		if strings.Contains(svg, "<script>") {
			t.Errorf("sector %q: a title reached the drawing unescaped", sector)
		}
	}
}

// TestColours draws configured colours, and only ones that are colours.
func TestColours(t *testing.T) {
	cfg := shape(4, 4)
	cfg.Quadrants[1].Color = "#0a7"
	cfg.Rings[0].Color = "rgb(230, 240, 230)"
	cfg.Quadrants[2].Color = `red" onload="alert(1)`
	svg := draw.Radar(radar.New(cfg, generate(cfg, 20, 1)).Layout(), draw.RadarOptions{})
	for _, want := range []string{`<g class="sector s-1 q-tools" style="--c:#0a7">`, `<circle class="ring ring-0" style="fill:rgb(230, 240, 230)"`, `<g class="sector s-2 q-platforms">`} {
		if !strings.Contains(svg, want) {
			t.Errorf("drawing lacks %s", want)
		}
	}
	if strings.Contains(svg, "onload") {
		t.Error("a colour that is not one reached the drawing")
	}
}

// TestRadarClasses renames some classes and expects the others to keep
// their defaults.
func TestRadarClasses(t *testing.T) {
	cfg := shape(4, 4)
	cfg.Quadrants[1].Color = "#0a7"
	l := radar.New(cfg, generate(cfg, 20, 1)).Layout()
	svg := draw.Radar(l, draw.RadarOptions{Classes: draw.Classes{Radar: "tech-radar", Blip: "dot", Movement: "moved--", SectorColor: "--quadrant"}})
	wellFormed(t, svg)
	for _, want := range []string{`<svg class="tech-radar"`, `class="dot moved--`, `style="--quadrant:#0a7"`, `<g class="rings">`, `<circle class="body"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("drawing lacks %s", want)
		}
	}
	for _, old := range []string{"radar-svg", `class="blip `, `"m-`, "--c:"} {
		if strings.Contains(svg, old) {
			t.Errorf("drawing still has %s", old)
		}
	}
}

// TestFixtureRadar draws the radar of the render stage's fixture site and
// compares it with testdata/radar.svg; run with -update to accept a new
// drawing. (A fixture, not the repository's own radar, so that editing
// the guidance does not break it.)
func TestFixtureRadar(t *testing.T) {
	settings, blips := sitetest.Radar(t, sitetest.Txtar(t, filepath.Join("..", "render", "testdata", "site.txtar")))
	got := []byte(draw.Radar(radar.New(settings, blips).Layout(), draw.RadarOptions{
		Href:       func(b *radar.Blip) string { return b.ID + "/index.html" },
		SectorHref: func(id string) string { return id + "/index.html" }}) + "\n")
	golden(t, filepath.Join("testdata", "radar.svg"), got)
}

// golden compares got with the file, or rewrites the file with -update.
// The file holds one element a line (a line break between adjacent tags,
// which changes no text), so that a change reads as a diff.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	got = bytes.ReplaceAll(got, []byte("><"), []byte(">\n<"))
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Errorf("the drawing differs from %s at line %d (run go test -update and review it):\n got: %s\nwant: %s", file, i+1, g[i], w[i])
				return
			}
		}
		t.Errorf("the drawing differs from %s: %d lines, want %d (run go test -update and review it)", file, len(g), len(w))
	}
}

// BenchmarkRadar lays out and draws 250 blips.
func BenchmarkRadar(b *testing.B) {
	cfg := shape(4, 4)
	r := radar.New(cfg, generate(cfg, 250, 1))
	b.ReportAllocs()
	for b.Loop() {
		_ = draw.Radar(r.Layout(), draw.RadarOptions{Href: func(b *radar.Blip) string { return b.ID + "/" }})
	}
}

// FuzzRadar draws a blip of any title and id and expects well-formed XML.
func FuzzRadar(f *testing.F) {
	for _, s := range []string{"Kafka", `a & b <c> "d"`, "\x00", "Données"} {
		f.Add(s, "kafka")
	}
	cfg := shape(4, 4)
	f.Fuzz(func(t *testing.T, title, id string) {
		if !xmlText(title) || !xmlText(id) {
			t.Skip("XML cannot hold these characters")
		}
		b := &radar.Blip{ID: id, Title: title, Quadrant: cfg.Quadrants[0].ID, Ring: cfg.Rings[0].ID}
		l := radar.New(cfg, []*radar.Blip{b}).Layout()
		wellFormed(t, draw.Radar(l, draw.RadarOptions{Href: func(b *radar.Blip) string { return b.ID }}))
	})
}

// xmlText reports whether s holds only characters XML allows.
func xmlText(s string) bool {
	var buf bytes.Buffer
	if err := xml.EscapeText(&buf, []byte(s)); err != nil {
		return false
	}
	return !strings.Contains(buf.String(), "\uFFFD")
}
