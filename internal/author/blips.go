package author

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// CheckBlipIDs refuses blip ids that a file anywhere in the site's radar
// folder, or a quadrant's page, already uses: two blips with one id would
// share a page.
func CheckBlipIDs(site string, cfg *config.Config, ids []string) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var taken []string
	for _, q := range cfg.Quadrants {
		if want[q.ID] && len(cfg.Quadrants) > 1 {
			taken = append(taken, fmt.Sprintf("%s (the %s quadrant's page)", q.ID, q.Title))
		}
	}
	root := filepath.Join(site, filepath.FromSlash(cfg.Radar))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") && want[strings.TrimSuffix(d.Name(), ".md")] {
			taken = append(taken, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(taken) > 0 {
		return fmt.Errorf("already taken, nothing written (waymark never overwrites a file): %s", strings.Join(taken, ", "))
	}
	return nil
}

// WriteBlips writes each blip, as radar.Format writes it, to its Source
// in site, and returns the paths written. It never overwrites a file:
// when one exists (another process made it since CheckBlipIDs), the
// files this call wrote are removed again and nothing is left written.
func WriteBlips(site string, blips []*radar.Blip) ([]string, error) {
	var written []string
	for _, b := range blips {
		p := filepath.Join(site, filepath.FromSlash(b.Source))
		if err := scaffold.WriteNew(p, radar.Format(b)); err != nil {
			for _, w := range written {
				_ = os.Remove(w)
			}
			return nil, err
		}
		written = append(written, p)
	}
	return written, nil
}
