package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Staging is a folder a build writes into before it is published.
type Staging struct {
	out   string // the output folder it will replace
	dir   string
	lock  *lock // the output folder's, held until Publish or Discard
	mu    sync.Mutex
	list  []string
	seen  map[string]bool // the names in list
	prev  previous        // the output folder's files, which WriteFile links when unchanged
	same  []string        // files whose bytes the previous build wrote: linked by Publish
	wrote bool            // whether any file differs from the previous build's
	dirs  sync.Map
	spare string // where the replaced output is kept (spare.go); "" for none
	base  bool   // the staging folder was started from the spare
	// spareBad: making the spare into the staging folder failed; it is
	// removed, not kept, when the build is discarded
	spareBad bool
	// step, set only by tests, is called between the steps of Publish; a
	// test stops the goroutine there to leave the folders as a kill would.
	step func(name string)
	// exchange swaps two folders in one step; tests set it to make
	// Publish take the two-rename way. Nil means the system's.
	exchange func(a, b string) error
}

func (s *Staging) at(step string) {
	if s.step != nil {
		s.step(step)
	}
}

// NewStaging creates a staging folder beside out once no other build is
// writing out, waiting for one as wait says (ctx ends the wait), and
// repairs what a killed build left.
func NewStaging(ctx context.Context, out string, wait Wait) (*Staging, error) {
	out = filepath.Clean(out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	if err := checkFolder(out); err != nil {
		return nil, err
	}
	// The lock's file is made beside out; the whole of out is checked
	// once the lock is held.
	if err := checkParent(out); err != nil {
		return nil, err
	}
	l, err := takeLock(ctx, out, wait)
	if err != nil {
		return nil, err
	}
	s, err := openStaging(out, l)
	if err != nil {
		l.release()
		return nil, err
	}
	return s, nil
}

// openStaging is NewStaging once the lock is held.
func openStaging(out string, l *lock) (*Staging, error) {
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	if err := recoverLeftovers(out); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".staging-")
	if err != nil {
		return nil, err
	}
	return &Staging{out: out, dir: dir, lock: l, seen: map[string]bool{}, prev: readPrevious(out, dir)}, nil
}

// WriteFile writes one file of the site; it is safe for concurrent use.
// A name written twice is an error: two files of the site would be
// published at one path, and one would silently replace the other. A
// file the previous build wrote with the same bytes is linked, not
// written (unchanged.go).
func (s *Staging) WriteFile(name string, data []byte) error {
	// Localize also refuses what the OS cannot name (NUL; \ on Windows,
	// where it would be a separator); the manifest holds one name a line.
	local, err := filepath.Localize(name)
	if err != nil || name == "." || name == Manifest || strings.ContainsAny(name, "\n\r") {
		return fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
	}
	s.mu.Lock()
	twice := s.seen[name]
	s.seen[name] = true
	s.mu.Unlock()
	if twice {
		return fmt.Errorf("refusing to write %q twice: two files of the site would be published at one path", name)
	}
	if s.unchanged(name, local, data) {
		s.mu.Lock()
		s.list = append(s.list, name)
		s.same = append(s.same, name)
		s.mu.Unlock()
		return nil
	}
	p := filepath.Join(s.dir, local)
	if err := s.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if s.base {
		if err := s.clear(p); err != nil {
			return err
		}
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	s.mu.Lock()
	s.list = append(s.list, name)
	s.wrote = true
	s.mu.Unlock()
	return nil
}

// mkdir makes the staging folder's folder d, once.
func (s *Staging) mkdir(d string) error {
	if _, done := s.dirs.Load(d); done {
		return nil
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		if !s.base {
			return err
		}
		s.clearAbove(d) // a file of the spare where a folder must be
		if err := os.MkdirAll(d, 0o755); err != nil {
			return s.spareError(err)
		}
	}
	s.dirs.Store(d, true)
	return nil
}

// Discard removes the staging folder and lets the output folder's lock
// go; the output folder is untouched.
func (s *Staging) Discard() error {
	defer s.lock.release()
	if s.putBack() {
		return nil
	}
	return os.RemoveAll(s.dir)
}

// Changed returns how many files of the build differ from the previous
// build's (or are new) and how many are its very files, kept.
func (s *Staging) Changed() (written, same int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.list) - len(s.same), len(s.same)
}
