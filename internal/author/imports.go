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
)

// ReadBlips returns the blips in the site's radar folder, as parsed: a
// blip that parses but does not fit the site's settings is returned too,
// since an import may be what makes it fit. A file that does not parse
// at all is an error naming it.
func ReadBlips(site string, cfg *config.Config) ([]*radar.Blip, error) {
	root := filepath.Join(site, filepath.FromSlash(cfg.Radar))
	var out []*radar.Blip
	var errs []error
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		b, err := radar.Parse(filepath.ToSlash(rel), src, cfg.RadarSettings())
		if b == nil {
			errs = append(errs, err)
			return nil
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, errors.Join(errs...)
}

// Edit is a new edition of a blip the site has: history entries to
// append and the ring they leave it in.
type Edit struct {
	Blip *radar.Blip // as parsed, with Source relative to the site
	Ring string      // the blip's new ring, "" to keep it
	// Quadrant is the blip's new quadrant, "" to keep it.
	Quadrant string
	Moves    []radar.Move
}

// WriteImport writes what an import makes, all or nothing: the site's
// waymark.yaml when configSrc is not nil, a new file for each blip (never
// overwriting one) and each edit appended to its blip's file in place
// (radar.InsertHistory). Every edit is worked out before anything is
// written; when a write fails, the files this call wrote are removed and
// the files it changed are put back. It returns the paths written and
// changed.
func WriteImport(site string, configSrc []byte, blips []*radar.Blip, edits []Edit) (written, changed []string, err error) {
	type change struct {
		path      string
		old, data []byte
		perm      fs.FileMode
		existed   bool
	}
	var changes []change
	if configSrc != nil {
		p := filepath.Join(site, config.FileName)
		old, err := os.ReadFile(p)
		c := change{path: p, old: old, data: configSrc, perm: 0o644, existed: err == nil}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		if fi, err := os.Stat(p); err == nil {
			c.perm = fi.Mode().Perm()
		}
		changes = append(changes, c)
	}
	for _, e := range edits {
		p := filepath.Join(site, filepath.FromSlash(e.Blip.Source))
		fi, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		old, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		data, err := radar.InsertHistory(e.Blip.Source, old, e.Ring, e.Quadrant, e.Moves)
		if err != nil {
			return nil, nil, fmt.Errorf("nothing written: %w", err)
		}
		changes = append(changes, change{path: p, old: old, data: data, perm: fi.Mode().Perm(), existed: true})
	}
	undo := func() {
		for _, w := range written {
			_ = os.Remove(w)
		}
		for _, c := range changes {
			if c.existed {
				_ = replace(c.path, c.old, c.perm)
			} else {
				_ = os.Remove(c.path)
			}
		}
	}
	for _, c := range changes {
		if err := replace(c.path, c.data, c.perm); err != nil {
			undo()
			return nil, nil, err
		}
		changed = append(changed, c.path)
	}
	if written, err = WriteBlips(site, blips); err != nil {
		undo()
		return nil, nil, err
	}
	return written, changed, nil
}
