package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A spare is the output a build replaced, kept instead of deleted, so
// that the next build can start its staging folder from it rather than
// from nothing. Making a folder for each of 10,000 pages is most of what
// publishing a build that changed one file costs on some file systems;
// the spare already has them, and its unchanged files are links to the
// output's own.
//
// The spare is kept in a folder the caller names (the build cache's), on
// the output folder's file system: never beside the output, where a
// second tree would show in the site folder. Starting from it changes
// nothing a build guarantees: before the spare becomes a staging folder
// its manifest goes, so that recovery never takes its files for the
// user's; a file the build writes replaces the spare's (never written
// through: the spare's files may be the output's own); a file the same
// as the output's is the output's file, linked; and every other file of
// the spare goes before the user's files are linked in. The staging
// folder is then what a fresh one would be, and is published the same
// way.

// NewStagingWithSpare is NewStaging that starts the staging folder from
// the spare kept at spare, if there is one, and keeps the output it
// replaces there. A spare folder on another file system than out is not
// used: NewStaging's way is taken.
func NewStagingWithSpare(ctx context.Context, out string, wait Wait, spare string) (*Staging, error) {
	s, err := NewStaging(ctx, out, wait)
	if err != nil || spare == "" {
		return s, err
	}
	spare, err = filepath.Abs(spare)
	if err != nil {
		return s, nil
	}
	out, err = filepath.Abs(s.out)
	// A spare inside the output would be published with it, an output
	// inside the spare replaced with it: neither is kept.
	if err != nil || inside(spare, out) || inside(out, spare) {
		return s, nil
	}
	if os.MkdirAll(filepath.Dir(spare), 0o755) != nil || !sameDevice(filepath.Dir(spare), filepath.Dir(s.out)) {
		return s, nil
	}
	s.spare = spare
	s.takeSpare()
	return s, nil
}

// takeSpare replaces the empty staging folder with the spare, if there
// is one. A spare that cannot be taken is left for later.
func (s *Staging) takeSpare() {
	info, err := os.Lstat(s.spare)
	if err != nil || !info.IsDir() {
		return
	}
	if err := os.Remove(filepath.Join(s.spare, Manifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err := os.Remove(s.dir); err != nil {
		return
	}
	if err := os.Rename(s.spare, s.dir); err != nil {
		_ = os.Mkdir(s.dir, 0o700)
		return
	}
	s.base = true
}

// clear makes way at the staging folder's path p for a file: it removes
// what the spare has there, never writing into it.
func (s *Staging) clear(p string) error {
	err := os.Remove(p)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if info, lerr := os.Lstat(p); lerr == nil && info.IsDir() {
		err = os.RemoveAll(p)
	}
	return s.spareError(err)
}

// spareError explains an error met while making the spare into the
// staging folder, and marks the spare as not to be kept: the next build
// starts from an empty folder.
func (s *Staging) spareError(err error) error {
	if err == nil {
		return nil
	}
	s.mu.Lock()
	s.spareBad = true
	s.mu.Unlock()
	return fmt.Errorf("%w (in the previous output kept to build from, which is left out from now on; build again)", err)
}

// clearAbove removes the files of the spare that stand where the folder
// d and its parents must be.
func (s *Staging) clearAbove(d string) {
	rel, err := filepath.Rel(s.dir, d)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return
	}
	at := s.dir
	for seg := range strings.SplitSeq(rel, string(filepath.Separator)) {
		at = filepath.Join(at, seg)
		info, err := os.Lstat(at)
		if err != nil {
			return
		}
		if !info.IsDir() {
			_ = os.Remove(at)
			return
		}
	}
}

// sameAsOutput reports whether the staging folder's file p is already
// the output's file out (the spare's link to it).
func sameAsOutput(p, out string) bool {
	a, err := os.Lstat(p)
	if err != nil {
		return false
	}
	b, err := os.Lstat(out)
	return err == nil && os.SameFile(a, b)
}

// dropOthers removes every file of a staging folder started from the
// spare that this build did not write or keep, and the folders left
// empty: what remains is what a fresh staging folder would hold.
func (s *Staging) dropOthers() error {
	var emptied []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(s.dir, p)
		if s.seen[filepath.ToSlash(rel)] {
			return nil
		}
		if err := os.Remove(p); err != nil {
			return s.spareError(err)
		}
		emptied = append(emptied, filepath.Dir(p))
		return nil
	})
	if err != nil {
		return s.spareError(err)
	}
	for _, d := range emptied {
		for ; d != s.dir && len(d) > len(s.dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break // not empty: neither are its parents
			}
		}
	}
	return nil
}

// keepSpare keeps the replaced output old as the spare, or deletes it
// when there is no spare folder.
func (s *Staging) keepSpare(old string) error {
	if s.spare == "" {
		return nil
	}
	if _, err := os.Lstat(s.spare); err == nil {
		trash := s.dir + ".trash"
		if err := os.Rename(s.spare, trash); err != nil {
			return err
		}
		if err := removeTree(trash); err != nil {
			return err
		}
	}
	return os.Rename(old, s.spare)
}

// putBack keeps the staging folder itself as the spare, when it was
// started from one and is not published.
func (s *Staging) putBack() bool {
	s.mu.Lock()
	bad := s.spareBad
	s.mu.Unlock()
	if !s.base || s.spare == "" || bad {
		return false
	}
	if _, err := os.Lstat(s.spare); err == nil {
		return false
	}
	return os.Rename(s.dir, s.spare) == nil
}
