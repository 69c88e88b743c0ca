package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkReplaceable refuses, before anything moves, an output folder that
// publishing could not replace with every user file kept: the staging
// folder is made beside it, the previous output is moved and deleted
// folder by folder, and a mount point cannot be moved at all. A missing
// out needs only a parent it can be made in.
func checkReplaceable(out string) error {
	if err := checkParent(out); err != nil {
		return err
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if mountPoint(out) {
		return fmt.Errorf("refusing to build into %s: it is a mount point, and each build replaces the output folder, which a mount point cannot be; mount its parent folder instead, or pass --out %s",
			out, filepath.Join(out, "site"))
	}
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if err := writable(p); err != nil {
			return refuseUnwritable(out, p, err, "each build replaces the output folder, moving your files over and deleting the rest of", "chmod -R u+w "+out)
		}
		return nil
	})
}

// checkParent refuses an output folder whose parent (or, when that is
// missing, the nearest folder above it) this process cannot write: the
// lock file and the staging folder are made there.
func checkParent(out string) error {
	parent := filepath.Dir(out)
	// Missing folders are made in the nearest one that exists.
	for _, err := os.Stat(parent); errors.Is(err, fs.ErrNotExist) && parent != filepath.Dir(parent); _, err = os.Stat(parent) {
		parent = filepath.Dir(parent)
	}
	if err := writable(parent); err != nil {
		return refuseUnwritable(out, parent, err, "the new output is prepared beside it, in", "chmod u+w "+parent)
	}
	return nil
}

// refuseUnwritable explains why dir, out or a folder near it, cannot be
// written, and the command fix that would make it writable.
func refuseUnwritable(out, dir string, err error, why, fix string) error {
	if errors.Is(err, errReadOnlyFS) {
		return fmt.Errorf("refusing to build into %s: %s is on a read-only file system (%s %s); choose another --out", out, dir, why, dir)
	}
	return fmt.Errorf("refusing to build into %s: %s is read-only to this user (%v), and %s %s; make it writable (%s) or choose another --out",
		out, dir, err, why, dir, fix)
}
