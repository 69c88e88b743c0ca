package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"syscall"
)

// Publish swaps the staging folder in as the output folder, with the
// files of the old output that the previous build did not write, and lets
// the output folder's lock go. A build that is the previous one byte for
// byte leaves the output folder as it is (unchanged.go). On an error before the swap the staging
// folder is removed and the output folder is as it was.
func (s *Staging) Publish() error {
	defer s.lock.release()
	return s.publish()
}

// publish is Publish under the lock.
func (s *Staging) publish() error {
	if s.sameAsBefore() {
		s.at("output unchanged")
		if s.putBack() {
			return nil
		}
		return os.RemoveAll(s.dir)
	}
	if err := s.linkSame(); err != nil {
		_ = os.RemoveAll(s.dir)
		return fmt.Errorf("keeping the unchanged files of %s: %w; %s is as it was", s.out, err, s.out)
	}
	if s.base {
		if err := s.dropOthers(); err != nil {
			_ = os.RemoveAll(s.dir)
			return fmt.Errorf("preparing the new output of %s: %w; %s is as it was", s.out, err, s.out)
		}
	}
	if err := s.prepare(); err != nil {
		_ = os.RemoveAll(s.dir)
		return err
	}
	old, err := s.swap()
	if err != nil || old == "" {
		return err
	}
	if err := keepUsersFiles(old, s.out, s.at); err != nil {
		return err
	}
	if s.spare == "" || s.keepSpare(old) != nil {
		return removeOld(old, s.at) // no spare: deleted
	}
	s.at("previous output kept as the spare")
	return nil
}

// prepare completes the staging folder: its manifest, its mode and the
// user's files of the output folder it will replace.
func (s *Staging) prepare() error {
	slices.Sort(s.list)
	if err := writeManifest(filepath.Join(s.dir, Manifest), s.list); err != nil {
		return err
	}
	if err := checkFolder(s.out); err != nil {
		return err
	}
	// os.MkdirTemp made the staging folder 0700, which would lock a web
	// server running as another user out of the output. Not the previous
	// output's mode: builds before this fix left it 0700.
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	s.at("manifest written")
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := checkReplaceable(s.out); err != nil {
		return err
	}
	return s.keepUserFiles()
}

// keepUserFiles links every file of the output folder that its manifest
// does not list (the user's) into the staging folder, unless the new
// build wrote that path: the new output holds them before it goes in.
func (s *Staging) keepUserFiles() error {
	ours, err := readManifest(filepath.Join(s.out, Manifest))
	if err != nil {
		return err
	}
	ours[Manifest] = true
	written := make(map[string]bool, len(s.list))
	for _, name := range s.list {
		written[name] = true
	}
	return filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(s.out, p)
		slash := filepath.ToSlash(rel)
		if ours[slash] || written[slash] {
			return nil
		}
		dest := filepath.Join(s.dir, rel)
		if info, err := os.Lstat(dest); err == nil && info.IsDir() {
			return s.cannotPlace(slash, slash)
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			if built := s.fileAbove(slash); built != "" {
				return s.cannotPlace(slash, built)
			}
			return fmt.Errorf("keeping your file %s: %w; %s is as it was", filepath.Join(s.out, rel), err, s.out)
		}
		if err := linkOrCopy(p, dest, d); err != nil {
			return fmt.Errorf("keeping your file %s: %w; %s is as it was", filepath.Join(s.out, rel), err, s.out)
		}
		s.at("kept " + slash)
		return nil
	})
}

// fileAbove returns the folder of rel that the new build writes as a
// file, or "".
func (s *Staging) fileAbove(rel string) string {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if _, ok := slices.BinarySearch(s.list, d); ok {
			return d
		}
	}
	return ""
}

// cannotPlace is the error for a user file at rel that the new build
// leaves no room for: it writes built as a folder (built == rel) or as a
// file where rel needs a folder.
func (s *Staging) cannotPlace(rel, built string) error {
	what := "a file"
	if built == rel {
		what = "a folder"
	}
	return fmt.Errorf("your file %s is in the way of this build, which writes %s %s there; move it out of %s (waymark did not write it), then build again; %s is as it was",
		filepath.Join(s.out, filepath.FromSlash(rel)), what, built, s.out, s.out)
}

// linkOrCopy puts the file at src also at dest: a hard link, or a copy
// where the file system makes none (another device, no links at all).
func linkOrCopy(src, dest string, d fs.DirEntry) error {
	if err := os.Link(src, dest); err == nil {
		return nil
	}
	switch {
	case d.Type()&fs.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dest)
	case !d.Type().IsRegular():
		return fmt.Errorf("it is neither a file nor a link, and cannot be linked")
	}
	return copyFile(src, dest)
}

// copyFile copies src to dest with its mode and modification time.
func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chtimes(dest, info.ModTime(), info.ModTime())
}

// swap puts the staging folder in place of the output folder and returns
// where the previous output now is ("" when there was none). On an error
// the output folder is as it was and the staging folder is gone.
func (s *Staging) swap() (old string, err error) {
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.dir, s.out); err != nil {
			_ = os.RemoveAll(s.dir)
			return "", s.publishError(err)
		}
		s.at("new output moved in")
		return "", nil
	}
	exchange := s.exchange
	if exchange == nil {
		exchange = exchangeFolders
	}
	err = exchange(s.dir, s.out)
	if err == nil {
		s.at("new output swapped in")
		return s.dir, nil // the previous output, under the staging folder's name
	}
	if !errors.Is(err, errNoExchange) {
		_ = os.RemoveAll(s.dir)
		return "", s.publishError(err)
	}
	old = s.dir + ".old"
	if err := os.Rename(s.out, old); err != nil {
		_ = os.RemoveAll(s.dir)
		return "", s.publishError(err)
	}
	s.at("previous output moved aside")
	if err := os.Rename(s.dir, s.out); err != nil {
		if os.Rename(old, s.out) == nil {
			_ = os.RemoveAll(s.dir)
		}
		return "", s.publishError(err)
	}
	s.at("new output moved in")
	return old, nil
}

// publishError explains a failed swap; a busy folder is a mount point.
func (s *Staging) publishError(err error) error {
	if errors.Is(err, syscall.EBUSY) {
		return fmt.Errorf("publishing into %s: %w; it is a mount point, which cannot be replaced; mount its parent folder instead, or pass --out %s; %s is as it was",
			s.out, err, filepath.Join(s.out, "site"), s.out)
	}
	return fmt.Errorf("publishing into %s: %w; %s is as it was", s.out, err, s.out)
}
