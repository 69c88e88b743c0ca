package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// recoverLeftovers cleans up after a build that was killed; it runs under
// the output folder's lock, so no live build owns what it finds. A
// previous output moved aside (.old) is put back, or, if the new output
// went in, its user files are carried over. Then the other folders go: an
// abandoned staging folder, a previous output that an exchange left under
// the staging folder's name, or one half deleted (.trash); any user file
// found only there is carried over first.
func recoverLeftovers(out string) error {
	found, err := stagingFolders(out)
	if err != nil {
		return err
	}
	var olds, others []string
	for _, p := range found {
		if strings.HasSuffix(p, ".old") {
			olds = append(olds, p)
		} else {
			others = append(others, p)
		}
	}
	// A moved-aside output first: until it is back, there is no output
	// to carry user files into.
	for _, p := range olds {
		if err := restore(p, out); err != nil {
			return err
		}
	}
	for _, p := range others {
		if err := rescue(p, out); err != nil {
			return err
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// stagingFolders lists the folders of builds of out beside it: staging
// folders, and what a killed build left.
func stagingFolders(out string) ([]string, error) {
	// Not filepath.Glob: out's name may hold [, * or ?, and a pattern built
	// from it would match, and delete, another output's folders.
	parent, prefix := filepath.Dir(out), "."+filepath.Base(out)+".staging-"
	all, err := os.ReadDir(parent)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, e := range all {
		if strings.HasPrefix(e.Name(), prefix) {
			found = append(found, filepath.Join(parent, e.Name()))
		}
	}
	return found, nil
}

// leftovers reports whether a killed build of out left folders to repair.
func leftovers(out string) bool {
	found, err := stagingFolders(out)
	return err != nil || len(found) > 0
}

// restore completes a Publish killed after it moved the previous output
// aside to old. Until the new output is in place, old goes back; after
// that, old may still hold user files, which must be carried over rather
// than deleted with it.
func restore(old, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(old, out); err != nil {
			return fmt.Errorf("restoring the previous output from %s: %w", old, err)
		}
		return nil
	}
	return finish(old, out, func(string) {})
}

// rescue carries into out the user files of a leftover folder that out
// lacks. Only a folder with a manifest can hold user files: a staging
// folder gets them after its manifest is written, and an exchanged
// previous output has its own. Files the folder's manifest lists are
// waymark's and go with it.
func rescue(dir, out string) error {
	if _, err := os.Lstat(filepath.Join(dir, Manifest)); err != nil {
		return nil
	}
	if _, err := os.Lstat(out); err != nil {
		return nil // never make an output folder of user files alone
	}
	return carryOver(dir, out, func(string) {})
}

// finish ends a Publish whose new output is in place at out, with the
// previous output at old: it carries over the user files not in out
// already, then deletes old. NewStaging uses it too, to end a Publish that
// was killed.
func finish(old, out string, at func(step string)) error {
	if err := keepUsersFiles(old, out, at); err != nil {
		return err
	}
	return removeOld(old, at)
}

// keepUsersFiles is carryOver, its error saying where the previous
// output is kept and what to do.
func keepUsersFiles(old, out string, at func(step string)) error {
	if err := carryOver(old, out, at); err != nil {
		return fmt.Errorf("%w; the previous output is kept in %s: move the file into %s yourself, then build again", err, old, out)
	}
	return nil
}

// removeOld deletes the previous output old, once its user files are in
// the new one.
func removeOld(old string, at func(step string)) error {
	// Renamed before deleting, so a kill midway leaves a folder the next
	// build simply removes, not one whose manifest may already be gone,
	// which would make its build files look like the user's.
	trash := strings.TrimSuffix(old, ".old") + ".trash"
	if err := os.Rename(old, trash); err != nil {
		return err
	}
	at("previous output moved to trash")
	return removeTree(trash)
}

// carryOver moves the files of old that its manifest does not list (the
// user's) into out, unless out has that path already: Publish linked it
// there before the swap, or the new build wrote it and wins.
func carryOver(old, out string, at func(step string)) error {
	ours, err := readManifest(filepath.Join(old, Manifest))
	if err != nil {
		return err
	}
	ours[Manifest] = true
	var missing []string
	err = filepath.WalkDir(old, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(old, p)
		if ours[filepath.ToSlash(rel)] {
			return nil
		}
		if _, err := os.Lstat(filepath.Join(out, rel)); errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, rel := range slices.Sorted(slices.Values(missing)) {
		dest := filepath.Join(out, rel)
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return fmt.Errorf("keeping your file %s: %w", filepath.ToSlash(rel), err)
		}
		if err := os.Rename(filepath.Join(old, rel), dest); err != nil {
			return fmt.Errorf("keeping your file %s: %w", filepath.ToSlash(rel), err)
		}
		at("carried over " + filepath.ToSlash(rel))
	}
	return nil
}
