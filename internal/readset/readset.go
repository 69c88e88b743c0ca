// Package readset records what a build read from a folder, so that a
// later build can tell, without parsing anything, whether every answer it
// would get is still the same.
//
// FS wraps the site folder's fs.FS. Every question a build asks of it is
// noted with a digest of the answer:
//
//   - a file read (ReadFile, or Open of a file): the SHA-256 of its bytes;
//   - a folder listed (ReadDir, or Open of a folder): the names and types
//     of its entries, so that a file that comes or goes changes it;
//   - Stat, Lstat: whether the path exists and its type (a folder, a
//     regular file, a link, something else);
//   - ReadLink: the link's target.
//
// A path that does not exist is an answer like any other: a file that
// appears where the build looked for it changes the read set. An answer
// that was an error of another kind (no permission, an I/O error) makes
// the whole set unusable: the build that met it may have reported it, and
// the same error later need not be the same state.
//
// Reads.Same asks every question again of a folder and compares the
// digests. Two builds that get the same answers to the same questions
// (and run the same program with the same options) make the same output:
// that is what lets `waymark build` skip a build whose inputs are all
// unchanged (buildcache.Stamp). The answers are re-read in full, not taken
// from modification times: a file rewritten with other bytes and its old
// time, or a checkout that restores times, cannot fool it.
package readset

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"sync"
)

// Kind is the kind of question a read asked.
type Kind uint8

// The kinds of question FS records.
const (
	File  Kind = iota + 1 // the bytes of a file
	Dir                   // the entries of a folder
	Stat                  // whether a path exists, and its type (following links)
	Lstat                 // the same, not following a final link
	Link                  // a link's target
)

// FS is an fs.FS that records every read of the FS it wraps. It is safe
// for concurrent use.
type FS struct {
	fsys fs.FS
	mu   sync.Mutex
	seen map[key][32]byte
	bad  bool // an answer was an error other than "does not exist", or changed within the build
}

type key struct {
	kind Kind
	path string
}

var (
	_ fs.ReadFileFS = (*FS)(nil)
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.StatFS     = (*FS)(nil)
	_ fs.ReadLinkFS = (*FS)(nil)
)

// Record returns an FS that reads fsys and records what it read.
func Record(fsys fs.FS) *FS { return &FS{fsys: fsys, seen: map[key][32]byte{}} }

// note records the answer to one question. The same question asked twice
// within a build must get the same answer: a file that changed while the
// build read it would make the recorded set disagree with the output.
func (r *FS) note(kind Kind, name string, sum [32]byte, err error) {
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.mu.Lock()
		r.bad = true
		r.mu.Unlock()
		return
	}
	k := key{kind, name}
	r.mu.Lock()
	if old, ok := r.seen[k]; ok && old != sum {
		r.bad = true
	}
	r.seen[k] = sum
	r.mu.Unlock()
}

// ReadFile reads a file and records the digest of its bytes.
func (r *FS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.fsys, name)
	r.note(File, name, fileSum(data, err), err)
	return data, err
}

// ReadDir lists a folder and records its entries.
func (r *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(r.fsys, name)
	r.note(Dir, name, dirSum(entries, err), err)
	return entries, err
}

// Stat records whether name exists and its type.
func (r *FS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(r.fsys, name)
	r.note(Stat, name, infoSum(fi, err), err)
	return fi, err
}

// Lstat records whether name exists and its type, not following a link.
func (r *FS) Lstat(name string) (fs.FileInfo, error) {
	fi, err := fs.Lstat(r.fsys, name)
	r.note(Lstat, name, infoSum(fi, err), err)
	return fi, err
}

// ReadLink records a link's target.
func (r *FS) ReadLink(name string) (string, error) {
	target, err := fs.ReadLink(r.fsys, name)
	r.note(Link, name, linkSum(target, err), err)
	return target, err
}

// Open opens name. What is read through the returned file is not seen,
// so the whole state of the path is recorded instead: a file's bytes, a
// folder's entries, or that it does not exist.
func (r *FS) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		r.note(Stat, name, infoSum(nil, err), err)
		return nil, err
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
		r.note(Stat, name, [32]byte{}, err)
	case fi.IsDir():
		_, _ = r.ReadDir(name)
	default:
		_, _ = r.ReadFile(name)
	}
	return f, nil
}

// Reads returns what was read, and false when the record cannot stand
// for the build: an answer was an error other than "does not exist", or
// a question got two answers.
func (r *FS) Reads() (Reads, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(Reads, 0, len(r.seen))
	for k, sum := range r.seen {
		out = append(out, Read{Kind: k.kind, Path: k.path, Sum: sum})
	}
	out.sort()
	return out, !r.bad
}

// absent is the digest of "does not exist", for every kind of question.
var absent = sha256.Sum256([]byte("does not exist"))
