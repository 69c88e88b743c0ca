package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Wait says how NewStaging waits for another build of the same output
// folder to finish.
type Wait struct {
	// For is how long to wait at most; 0 refuses at once.
	For time.Duration
	// Waiting, when set, is called once if the lock is held, with a
	// description of the build holding it.
	Waiting func(holder string)
}

// errBusy is returned by tryLock when another process holds the lock.
var errBusy = errors.New("lock held by another process")

// lock is the output folder's lock, held from NewStaging until Publish or
// Discard: one build at a time writes a staging folder of an output
// folder, publishes it, or cleans up after a killed build.
type lock struct {
	f    *os.File
	path string
}

// lockPath is the lock file of out: beside it, as the staging folders
// are, since out itself is replaced by every build.
func lockPath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// takeLock takes out's lock, waiting as w says; ctx ends the wait early.
func takeLock(ctx context.Context, out string, w Wait) (*lock, error) {
	p := lockPath(out)
	deadline := time.Now().Add(w.For)
	told := false
	for {
		l, err := tryLock(p)
		if err == nil {
			return l, nil
		}
		if !errors.Is(err, errBusy) {
			return nil, fmt.Errorf("locking the output folder %s (lock file %s): %w", out, p, err)
		}
		holder := lockHolder(p)
		if time.Now().After(deadline) {
			if w.For == 0 {
				return nil, fmt.Errorf("refusing to build into %s: %s is writing it; wait for it to finish, then build again", out, holder)
			}
			return nil, fmt.Errorf("refusing to build into %s: %s has been writing it for longer than the %s waited; wait for it to finish or stop it, then build again", out, holder, w.For)
		}
		if !told && w.Waiting != nil {
			w.Waiting(holder)
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// tryLock takes the lock file p once, or returns errBusy. The file is
// removed on unlock, so a lock taken on a file that was meanwhile removed
// (and perhaps created again and locked by a third process) is no lock:
// it is given up and taken again on the file now at p.
func tryLock(p string) (*lock, error) {
	for {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(p)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			// Who holds it, for the message of a build that has to wait.
			_ = f.Truncate(0)
			_, _ = f.WriteAt([]byte(fmt.Sprintf("waymark build (pid %d, started %s)\n", os.Getpid(), time.Now().Format(time.TimeOnly))), 0)
			return &lock{f: f, path: p}, nil
		}
		f.Close() // released, and try the file at p now
	}
}

// lockHolder describes the build holding the lock file p.
func lockHolder(p string) string {
	data, err := os.ReadFile(p)
	if s := strings.TrimSpace(string(data)); err == nil && s != "" {
		return "another " + s
	}
	return "another waymark build"
}

// release removes the lock file and lets the lock go. A killed process
// leaves the file behind but not the lock: the system releases it.
func (l *lock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = os.Remove(l.path) // before the lock goes, so that no one takes a lock on a removed file
	l.f.Close()
	l.f = nil
}

// ErrBusy is returned by TryLock when another process holds the lock.
var ErrBusy = errBusy

// FileLock is a lock file held as the output folder's is (flock, or
// LockFileEx on Windows); the system lets it go when the process ends.
type FileLock struct{ l *lock }

// TryLock takes the lock file p without waiting, or returns ErrBusy; the
// build cache locks its folder with it.
func TryLock(p string) (*FileLock, error) {
	l, err := tryLock(p)
	if err != nil {
		return nil, err
	}
	return &FileLock{l}, nil
}

// Release removes the lock file and lets the lock go.
func (f *FileLock) Release() { f.l.release() }
