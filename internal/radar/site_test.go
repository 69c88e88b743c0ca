package radar_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestDefaultSiteLayout lays out the repository's own radar.
func TestDefaultSiteLayout(t *testing.T) {
	settings, blips := sitetest.Radar(t, os.DirFS(filepath.Join("..", "..")))
	r := radar.New(settings, blips)
	radar.CheckLayout(t, r, r.Layout())
}
