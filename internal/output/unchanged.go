package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/waymark-dev/waymark/internal/parallel"
)

// A build that makes the same bytes as the last one does not write them
// again. WriteFile only compares: a file the previous build wrote (its
// manifest lists it), still a plain file with the mode a new file gets,
// that holds the same bytes, is noted as the same. When every file of a
// build is the same and no file of the last build is missing, Publish
// leaves the output folder as it is: it already is this build, byte for
// byte, and nothing is made or removed. Otherwise Publish links the same
// files into the staging folder (hard links: no data written, the files'
// times kept, so that rsync and the like see them unchanged; copies where
// the file system has no links) before the swap.

// previous is what NewStaging knows of the output folder it will replace.
type previous struct {
	files map[string]bool // the previous build's manifest
	mode  fs.FileMode     // the mode a file written now gets
}

// readPrevious reads the manifest of out and the mode new files get
// (0644 less the umask), from a probe file in the staging folder dir.
func readPrevious(out, dir string) previous {
	files, err := readManifest(filepath.Join(out, Manifest))
	if err != nil || len(files) == 0 {
		return previous{}
	}
	probe := filepath.Join(dir, ".probe")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		return previous{}
	}
	info, err := os.Lstat(probe)
	_ = os.Remove(probe)
	if err != nil {
		return previous{}
	}
	return previous{files: files, mode: info.Mode()}
}

// compareBuffers hold the previous file's bytes while they are compared.
var compareBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// unchanged reports whether the output folder's file name holds data
// and the previous build wrote it.
func (s *Staging) unchanged(name, local string, data []byte) bool {
	if !s.prev.files[name] {
		return false
	}
	old := filepath.Join(s.out, local)
	info, err := os.Lstat(old)
	if err != nil || info.Mode() != s.prev.mode || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(old)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := compareBuffers.Get().(*bytes.Buffer)
	defer compareBuffers.Put(buf)
	buf.Reset()
	buf.Grow(len(data) + 1)
	_, err = io.Copy(buf, io.LimitReader(f, int64(len(data))+1))
	return err == nil && bytes.Equal(buf.Bytes(), data)
}

// sameAsBefore reports whether the build is the previous one, byte for
// byte: every file the same, none missing, and the output folder's mode
// the one Publish gives it.
func (s *Staging) sameAsBefore() bool {
	if s.wrote || len(s.same) != len(s.prev.files) {
		return false
	}
	info, err := os.Lstat(s.out)
	return err == nil && info.IsDir() && info.Mode().Perm() == 0o755
}

// linkSame links the files that are the same as the previous build's
// into the staging folder, several at a time; a file that cannot be
// linked is copied.
func (s *Staging) linkSame() error {
	errs := make([]error, len(s.same))
	parallel.Run(len(s.same), linkWorkers, func(i int) {
		local, _ := filepath.Localize(s.same[i])
		old, p := filepath.Join(s.out, local), filepath.Join(s.dir, local)
		if s.base && sameAsOutput(p, old) {
			return // the spare's link to it
		}
		if errs[i] = s.mkdir(filepath.Dir(p)); errs[i] != nil {
			return
		}
		if s.base {
			if errs[i] = s.clear(p); errs[i] != nil {
				return
			}
		}
		if os.Link(old, p) != nil {
			errs[i] = copyFile(old, p)
		}
	})
	return errors.Join(errs...)
}

// linkWorkers is how many files linkSame links at once: the work is the
// file system's, which takes several calls in flight better than one.
const linkWorkers = 8
