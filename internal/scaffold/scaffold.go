// Package scaffold creates new sites and new sources without ever
// overwriting a file.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed skeleton
var skeleton embed.FS

// Init writes a new site into dir, which must be missing or empty. It
// returns the paths it wrote.
func Init(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
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
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; waymark never overwrites a file", path)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
