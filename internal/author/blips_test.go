package author

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
)

func blip(id string) *radar.Blip {
	return &radar.Blip{ID: id, Title: id, Quadrant: "tools", Ring: "adopt", Source: "radar/" + id + ".md"}
}

// TestCheckBlipIDs refuses ids a radar file or a quadrant's page uses.
func TestCheckBlipIDs(t *testing.T) {
	cfg := config.Default()
	dir := site(t, map[string]string{"radar/kafka.md": "---\n---\n", "radar/old/redis.md": "---\n---\n"})
	for _, tt := range []struct {
		ids  []string
		want string // "" for no error
	}{
		{ids: []string{"nats"}},
		{ids: []string{"nats", "kafka"}, want: filepath.Join(dir, "radar", "kafka.md")},
		{ids: []string{"redis"}, want: filepath.Join(dir, "radar", "old", "redis.md")},
		{ids: []string{cfg.Quadrants[0].ID}, want: "quadrant's page"},
	} {
		err := CheckBlipIDs(dir, cfg, tt.ids)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: %v", tt.ids, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v: error %v, want one naming %q", tt.ids, err, tt.want)
		}
	}
	if err := CheckBlipIDs(t.TempDir(), cfg, []string{"nats"}); err != nil {
		t.Errorf("a site with no radar folder: %v", err)
	}
}

// TestWriteBlips writes every blip or none, never over a file.
func TestWriteBlips(t *testing.T) {
	for _, tt := range []struct {
		name    string
		files   map[string]string
		blips   []string
		wantErr bool
	}{
		{name: "all new", blips: []string{"nats", "kafka"}},
		{name: "one exists", files: map[string]string{"radar/kafka.md": "mine\n"}, blips: []string{"nats", "kafka"}, wantErr: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, tt.files)
			var bs []*radar.Blip
			for _, id := range tt.blips {
				bs = append(bs, blip(id))
			}
			written, err := WriteBlips(dir, bs)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			files := read(t, dir)
			if tt.wantErr {
				if !strings.Contains(err.Error(), "never overwrites") || !mapsEqual(files, tt.files) {
					t.Errorf("error %v; files %v, want them as they were", err, files)
				}
				return
			}
			if len(written) != len(bs) {
				t.Errorf("wrote %v", written)
			}
			for i, b := range bs {
				if got, want := files[b.Source], string(radar.Format(b)); got != want {
					t.Errorf("%s = %q, want %q", b.Source, got, want)
				}
				if written[i] != filepath.Join(dir, "radar", b.ID+".md") {
					t.Errorf("written[%d] = %s", i, written[i])
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "radar")); err != nil {
				t.Error(err)
			}
		})
	}
}
