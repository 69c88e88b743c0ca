//go:build linux

package output

import (
	"encoding/binary"
	"io/fs"
	"syscall"
)

// appendIdentity appends what identifies the file fi beyond its times
// and size: its device, inode and change time.
func appendIdentity(b []byte, fi fs.FileInfo) []byte {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return b
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(st.Dev))
	b = binary.LittleEndian.AppendUint64(b, uint64(st.Ino))
	sec, nsec := st.Ctim.Unix()
	b = binary.LittleEndian.AppendUint64(b, uint64(sec))
	return binary.LittleEndian.AppendUint64(b, uint64(nsec))
}
