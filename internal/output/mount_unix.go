//go:build unix && !linux

package output

import (
	"path/filepath"
	"syscall"
)

// mountPoint reports whether the folder p lies on another device than its
// parent: the root of a mount.
func mountPoint(p string) bool {
	var a, b syscall.Stat_t
	if syscall.Lstat(p, &a) != nil || syscall.Stat(filepath.Dir(p), &b) != nil {
		return false
	}
	return a.Dev != b.Dev
}
