// Package output publishes a built site into an output folder safely.
//
// The site is written into a staging folder beside the output folder and
// swapped in at the end, so a failed or interrupted build leaves the
// previous output byte for byte as it was. The output folder carries a
// manifest (.waymark-manifest) listing every file waymark wrote; only those
// files are ever removed, so files a user put there (a CNAME, say) survive.
// Where the new build writes a path the user also had, the build's file
// wins.
//
// A build killed at any point is repaired by the next NewStaging: abandoned
// staging folders are removed, a previous output moved aside is put back
// if the new one never went in, and otherwise the user files still left in
// it are carried over before it is deleted.
//
// Guard refuses output folders that would destroy the user's work: the
// site folder itself, a folder that contains it, the file system root, the
// home folder, and a non-empty folder without a manifest unless forced. It
// also refuses, as NewStaging does, a symbolic link (publishing replaces
// the output folder, so it would replace the link and leave its target
// stale) and anything else that is not a folder.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Manifest is the name of the file listing what waymark wrote.
const Manifest = ".waymark-manifest"

const manifestHeader = "# files written by waymark; waymark deletes only these\n"

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

// Staging is a folder a build writes into before it is published.
type Staging struct {
	out  string // the output folder it will replace
	dir  string
	mu   sync.Mutex
	list []string
	dirs sync.Map
	// step, set only by tests, is called between the steps of Publish; a
	// test stops the goroutine there to leave the folders as a kill would.
	step func(name string)
}

func (s *Staging) at(step string) {
	if s.step != nil {
		s.step(step)
	}
}

// NewStaging creates a staging folder beside out.
func NewStaging(out string) (*Staging, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := checkFolder(out); err != nil {
		return nil, err
	}
	if err := recoverLeftovers(out); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".staging-")
	if err != nil {
		return nil, err
	}
	return &Staging{out: out, dir: dir}, nil
}

// recoverLeftovers cleans up after a build that was killed: a previous
// output moved aside is put back, or, if the new output went in, its user
// files are carried over; abandoned staging folders go.
func recoverLeftovers(out string) error {
	// Not filepath.Glob: out's name may hold [, * or ?, and a pattern built
	// from it would match, and delete, another output's folders.
	parent, prefix := filepath.Dir(out), "."+filepath.Base(out)+".staging-"
	all, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range all {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if strings.HasSuffix(p, ".old") {
			if err := restore(p, out); err != nil {
				return err
			}
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
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

// WriteFile writes one file of the site; it is safe for concurrent use.
func (s *Staging) WriteFile(name string, data []byte) error {
	// Localize also refuses what the OS cannot name (NUL; \ on Windows,
	// where it would be a separator); the manifest holds one name a line.
	local, err := filepath.Localize(name)
	if err != nil || name == "." || name == Manifest || strings.ContainsAny(name, "\n\r") {
		return fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
	}
	p := filepath.Join(s.dir, local)
	d := filepath.Dir(p)
	if _, done := s.dirs.Load(d); !done {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		s.dirs.Store(d, true)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	s.mu.Lock()
	s.list = append(s.list, name)
	s.mu.Unlock()
	return nil
}

// Discard removes the staging folder; the output folder is untouched.
func (s *Staging) Discard() error { return os.RemoveAll(s.dir) }

// Publish swaps the staging folder in as the output folder. Files in the
// old output that the previous build did not write are carried over.
func (s *Staging) Publish() error {
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
	_, statErr := os.Lstat(s.out)
	hadOld := statErr == nil
	s.at("manifest written")
	old := s.dir + ".old"
	if hadOld {
		if err := os.Rename(s.out, old); err != nil {
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
		s.at("previous output moved aside")
	}
	if err := os.Rename(s.dir, s.out); err != nil {
		if hadOld {
			_ = os.Rename(old, s.out)
		}
		return fmt.Errorf("publishing: %w", err)
	}
	if !hadOld {
		return nil
	}
	s.at("new output moved in")
	return finish(old, s.out, s.at)
}

// finish ends a Publish whose new output is in place at out, with the
// previous output at old: it carries the user's files over, then deletes
// old. NewStaging uses it too, to end a Publish that was killed.
func finish(old, out string, at func(step string)) error {
	written, err := readManifest(filepath.Join(out, Manifest))
	if err != nil {
		return err
	}
	if err := carryOver(old, out, written, at); err != nil {
		return fmt.Errorf("%w; the previous output is kept in %s: move the file out of the way, then build again", err, old)
	}
	// Renamed before deleting, so a kill midway leaves a folder the next
	// build simply removes, not an .old folder whose manifest may already
	// be gone, which would make its build files look like the user's.
	trash := strings.TrimSuffix(old, ".old") + ".trash"
	if err := os.Rename(old, trash); err != nil {
		return err
	}
	at("previous output moved to trash")
	return os.RemoveAll(trash)
}

// carryOver moves files from the old output that waymark did not write
// into the new one, unless the new build wrote the same path.
func carryOver(old, out string, written map[string]bool, at func(step string)) error {
	ours, err := readManifest(filepath.Join(old, Manifest))
	if err != nil {
		return err
	}
	ours[Manifest] = true
	return filepath.WalkDir(old, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(old, p)
		rel = filepath.ToSlash(rel)
		if ours[rel] || written[rel] {
			return nil
		}
		dest := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return fmt.Errorf("keeping your file %s: %w", rel, err)
		}
		if err := os.Rename(p, dest); err != nil {
			return fmt.Errorf("keeping your file %s: %w", rel, err)
		}
		at("carried over " + rel)
		return nil
	})
}

func writeManifest(p string, files []string) error {
	var b strings.Builder
	b.WriteString(manifestHeader)
	for _, f := range files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return os.WriteFile(p, []byte(b.String()), 0o644)
}

func readManifest(p string) (map[string]bool, error) {
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		// Only the header is a comment: a page may be called #tag.html.
		if line := sc.Text(); line != "" && !(first && strings.HasPrefix(line, "#")) {
			out[line] = true
		}
	}
	return out, sc.Err()
}
