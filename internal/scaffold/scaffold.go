// Package scaffold creates new sites and new sources without ever
// overwriting a file.
//
// The new site's files are in skeleton/; "{{date}}" in them becomes the
// day the site is made, so that a new site is never stale on its first
// day.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/waymark-dev/waymark/internal/meta"
)

//go:embed skeleton
var skeleton embed.FS

// Init writes a new site into dir, which must be missing or empty, dated
// today. It returns the paths it wrote.
func Init(dir string, today meta.Date) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot create a site in %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; waymark init only writes into a new or empty folder", dir)
	}
	var written []string
	err = fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "skeleton" {
			return err
		}
		dest := filepath.Join(dir, filepath.FromSlash(p[len("skeleton/"):]))
		if d.IsDir() {
			return os.MkdirAll(dest, 0o755)
		}
		data, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		data = bytes.ReplaceAll(data, []byte("{{date}}"), []byte(today.String()))
		if err := WriteNew(dest, data); err != nil {
			return err
		}
		written = append(written, dest)
		return nil
	})
	return written, err
}

// WriteNew creates path with data, failing if anything exists there.
func WriteNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot create the folder for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; waymark never overwrites a file: choose another name or move it away", path)
		}
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("cannot write %s: permission denied; check who may write into its folder", path)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
