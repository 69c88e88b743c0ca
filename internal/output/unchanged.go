package output

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// A build that makes the same bytes as the last one does not write them
// again: WriteFile links the output folder's file into the staging folder
// instead (a hard link: no data written, the file's time kept, so that
// rsync and the like see it unchanged), when the previous build wrote it
// (its manifest lists it), it is a plain file with the mode a new file
// gets, and its bytes are the same. A file that cannot be linked is
// written.

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

// linkUnchanged links the previous output's file name into the staging
// folder at p when it holds data, and reports whether it did.
func (s *Staging) linkUnchanged(name, local, p string, data []byte) bool {
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
	if _, err := io.Copy(buf, io.LimitReader(f, int64(len(data))+1)); err != nil || !bytes.Equal(buf.Bytes(), data) {
		return false
	}
	return os.Link(old, p) == nil
}
