package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Guard checks that out may be used as the output folder of the site in
// siteDir; force allows a non-empty folder waymark did not create.
func Guard(out, siteDir string, force bool) error {
	absOut, err := absolute(out)
	if err != nil {
		return err
	}
	absSite, err := absolute(siteDir)
	if err != nil {
		return err
	}
	if absOut == filepath.Dir(absOut) {
		return fmt.Errorf("refusing to use %s as the output folder: it is the file system root; choose a folder such as public/", out)
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := absolute(home); err == nil && h == absOut {
			return fmt.Errorf("refusing to use %s as the output folder: it is the home folder; choose a folder such as public/", out)
		}
	}
	if absOut == absSite {
		return fmt.Errorf("refusing to use %s as the output folder: it is the site folder; choose a folder such as public/", out)
	}
	if inside(absSite, absOut) {
		return fmt.Errorf("refusing to use %s as the output folder: it contains the site folder %s; choose a folder inside it such as public/", out, siteDir)
	}
	if err := checkFolder(out); err != nil {
		return err
	}
	if err := checkReplaceable(out); err != nil {
		return err
	}
	entries, err := os.ReadDir(absOut)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if len(entries) == 0 || force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absOut, Manifest)); err != nil {
		return fmt.Errorf("refusing to write into %s: it is not empty and waymark did not create it (no %s); empty it, choose another --out, or pass --force", out, Manifest)
	}
	return nil
}

// GuardSources checks that out lies outside every folder the site is
// read from (sources: the decisions, radar, content and theme folders,
// relative to siteDir): an output folder inside one would be read back as
// part of the site, and each build would publish the last one again.
func GuardSources(out, siteDir string, sources []string) error {
	absOut, err := absolute(out)
	if err != nil {
		return err
	}
	for _, src := range sources {
		if src == "" || src == "." {
			continue
		}
		absSrc, err := absolute(filepath.Join(siteDir, filepath.FromSlash(src)))
		if err != nil {
			return err
		}
		if absOut == absSrc || inside(absOut, absSrc) {
			return fmt.Errorf("refusing to use %s as the output folder: it is inside %s, a folder the site is read from, so every build would publish the one before; choose a folder outside it, such as public/", out, src)
		}
	}
	return nil
}

// inside reports whether p lies within dir; both are absolute and clean.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	// A prefix test for ".." alone would take a child named "..site" for
	// a way out of dir.
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// checkFolder refuses an output path that Publish cannot swap: a symbolic
// link (the swap would replace the link and leave the folder it points to
// stale) or anything else that is not a folder. A missing path is fine.
func checkFolder(out string) error {
	out = filepath.Clean(out) // a trailing slash would make Lstat follow a link
	info, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output folder %s: %w", out, err)
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := filepath.EvalSymlinks(out)
		if err != nil { // dangling
			target, _ = os.Readlink(out)
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(out), target)
			}
		}
		return fmt.Errorf("refusing to use %s as the output folder: it is a symbolic link to %s, and publishing would replace the link with a folder; pass --out %s instead", out, target, target)
	case !info.IsDir():
		return fmt.Errorf("refusing to use %s as the output folder: it exists and is not a folder; move it away or choose another --out", out)
	}
	return nil
}

// absolute resolves p to an absolute path with symlinks followed as far as
// the path exists.
func absolute(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if cur == filepath.Dir(cur) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}
