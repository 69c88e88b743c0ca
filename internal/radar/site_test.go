package radar_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

var update = flag.Bool("update", false, "rewrite testdata/default.svg")

// TestDefaultSiteSVG draws the repository's own radar and compares it with
// testdata/default.svg; run with -update to accept a new drawing.
func TestDefaultSiteSVG(t *testing.T) {
	root := filepath.Join("..", "..")
	src, err := os.ReadFile(filepath.Join(root, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(config.FileName, src)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, cfg.Radar, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no blips: %v", err)
	}
	var blips []*radar.Blip
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := radar.Parse("radar/"+filepath.Base(f), data, cfg.RadarSettings())
		if err != nil {
			t.Fatal(err)
		}
		blips = append(blips, b)
	}
	r := radar.New(cfg.RadarSettings(), blips)
	l := r.Layout()
	radar.CheckLayout(t, r, l)
	got := []byte(l.SVG(radar.SVGOptions{Href: func(b *radar.Blip) string { return b.ID + "/index.html" },
		SectorHref: func(id string) string { return id + "/index.html" }}) + "\n")
	golden := filepath.Join("testdata", "default.svg")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the default site's radar differs from %s (run go test -update and review the drawing)", golden)
	}
}
