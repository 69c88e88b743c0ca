//go:build unix

package preview

import (
	"io/fs"
	"syscall"
)

// dirID is what a folder is, whatever its name: its device and inode.
type dirID struct{ dev, ino uint64 }

// idOf returns the identity of a folder; ok is false when the system does
// not say.
func idOf(info fs.FileInfo) (id dirID, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return dirID{}, false
	}
	return dirID{uint64(st.Dev), uint64(st.Ino)}, true
}
