package buildcache

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// An entry on disk: magic, CRC-32C of the data, length of the data, data.
const (
	magic      = "wmc1"
	headerSize = 16
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// touchAfter is how old an entry's modification time may get before a
// read renews it: least recently used to the hour, without a write for
// every read.
const touchAfter = time.Hour

// path is where the entry of kind with key is.
func (c *Cache) path(kind string, key [32]byte) string {
	h := hex.EncodeToString(key[:])
	return filepath.Join(c.dir, kind, h[:2], h[2:])
}

// get returns the data of an entry, or false when there is none or it is
// damaged (reported, and left to be written again).
func (c *Cache) get(kind string, key [32]byte) ([]byte, bool) {
	p := c.path(kind, key)
	f, err := os.Open(p)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			c.warnf("build cache: reading %s: %v; building it again", p, err)
		}
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false
	}
	buf := make([]byte, info.Size())
	if _, err := io.ReadFull(f, buf); err != nil {
		c.warnf("build cache: reading %s: %v; building it again", p, err)
		return nil, false
	}
	data, why := check(buf)
	if why != "" {
		c.warnf("build cache: entry %s is damaged (%s); ignored it and built it again", p, why)
		return nil, false
	}
	if time.Since(info.ModTime()) > touchAfter {
		now := time.Now()
		_ = os.Chtimes(p, now, now)
	}
	return data, true
}

// check returns the data of an entry's bytes, or why they are no entry.
func check(buf []byte) ([]byte, string) {
	if len(buf) < headerSize || string(buf[:4]) != magic {
		return nil, "no entry header"
	}
	n := binary.LittleEndian.Uint64(buf[8:16])
	if n != uint64(len(buf)-headerSize) {
		return nil, "truncated"
	}
	data := buf[headerSize:]
	if crc32.Checksum(data, castagnoli) != binary.LittleEndian.Uint32(buf[4:8]) {
		return nil, "checksum mismatch"
	}
	return data, ""
}

// put writes an entry: into a temporary file, renamed into place, so
// that no reader sees half of it. Errors are not the build's: an entry
// that cannot be written is made again next time.
func (c *Cache) put(kind string, key [32]byte, data []byte) {
	p := c.path(kind, key)
	dir := filepath.Dir(p)
	f, err := os.CreateTemp(dir, ".tmp-")
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(dir, 0o755); err == nil {
			f, err = os.CreateTemp(dir, ".tmp-")
		}
	}
	if err != nil {
		return
	}
	var head [headerSize]byte
	copy(head[:], magic)
	binary.LittleEndian.PutUint32(head[4:8], crc32.Checksum(data, castagnoli))
	binary.LittleEndian.PutUint64(head[8:16], uint64(len(data)))
	_, err1 := f.Write(head[:])
	_, err2 := f.Write(data)
	err3 := f.Close()
	if err := errors.Join(err1, err2, err3); err != nil {
		_ = os.Remove(f.Name())
		return
	}
	if err := os.Rename(f.Name(), p); err != nil {
		_ = os.Remove(f.Name())
		return
	}
	c.written.Add(int64(headerSize + len(data)))
}

// remove removes an entry, if there is one.
func (c *Cache) remove(kind string, key [32]byte) {
	_ = os.Remove(c.path(kind, key))
}
