package radar_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

// TestDefaultSiteLayout lays out the repository's own radar.
func TestDefaultSiteLayout(t *testing.T) {
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
	radar.CheckLayout(t, r, r.Layout())
}
