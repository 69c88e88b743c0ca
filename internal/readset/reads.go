package readset

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"slices"

	"github.com/waymark-dev/waymark/internal/parallel"
)

// Read is one question a build asked and the digest of its answer.
type Read struct {
	Kind Kind
	Path string
	Sum  [32]byte
}

// Reads are the questions of one build, sorted by path and kind.
type Reads []Read

func (rs Reads) sort() {
	slices.SortFunc(rs, func(a, b Read) int { return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Kind, b.Kind)) })
}

// Same reports whether fsys answers every question of rs as it was
// answered when rs was recorded. The files are read again, on every core.
func (rs Reads) Same(fsys fs.FS) bool {
	differ := make([]bool, len(rs))
	parallel.For(len(rs), func(i int) {
		differ[i] = rs[i].Sum != answer(fsys, rs[i].Kind, rs[i].Path)
	})
	return !slices.Contains(differ, true)
}

// Sum is one digest of the whole set: two sets with the same Sum asked
// the same questions and got the same answers.
func (rs Reads) Sum() [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, r := range rs {
		h.Write([]byte{byte(r.Kind)})
		binary.LittleEndian.PutUint64(n[:], uint64(len(r.Path)))
		h.Write(n[:])
		h.Write([]byte(r.Path))
		h.Write(r.Sum[:])
	}
	return [32]byte(h.Sum(nil))
}

// answer asks fsys a question again and returns the digest of the
// answer; an error other than "does not exist" never equals a recorded
// digest.
func answer(fsys fs.FS, kind Kind, name string) [32]byte {
	var sum [32]byte
	var err error
	switch kind {
	case File:
		var data []byte
		data, err = fs.ReadFile(fsys, name)
		sum = fileSum(data, err)
	case Dir:
		var entries []fs.DirEntry
		entries, err = fs.ReadDir(fsys, name)
		sum = dirSum(entries, err)
	case Stat:
		var fi fs.FileInfo
		fi, err = fs.Stat(fsys, name)
		sum = infoSum(fi, err)
	case Lstat:
		var fi fs.FileInfo
		fi, err = fs.Lstat(fsys, name)
		sum = infoSum(fi, err)
	case Link:
		var target string
		target, err = fs.ReadLink(fsys, name)
		sum = linkSum(target, err)
	default:
		return [32]byte{}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return [32]byte{}
	}
	return sum
}

func fileSum(data []byte, err error) [32]byte {
	if err != nil {
		return absent
	}
	return sha256.Sum256(data)
}

func dirSum(entries []fs.DirEntry, err error) [32]byte {
	if err != nil {
		return absent
	}
	h := sha256.New()
	var n [8]byte
	for _, e := range entries {
		binary.LittleEndian.PutUint64(n[:], uint64(len(e.Name())))
		h.Write(n[:])
		h.Write([]byte(e.Name()))
		binary.LittleEndian.PutUint32(n[:4], uint32(e.Type()))
		h.Write(n[:4])
	}
	return [32]byte(h.Sum(nil))
}

func infoSum(fi fs.FileInfo, err error) [32]byte {
	if err != nil || fi == nil {
		return absent
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(fi.Mode().Type()))
	return sha256.Sum256(b[:])
}

func linkSum(target string, err error) [32]byte {
	if err != nil {
		return absent
	}
	return sha256.Sum256([]byte("link\x00" + target))
}
