package output

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// mountPoint reports whether the folder p is the root of a mount, bind
// mounts on the same device included where the kernel says (statx).
func mountPoint(p string) bool {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, p, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &st); err == nil &&
		st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	var a, b unix.Stat_t
	if unix.Lstat(p, &a) != nil || unix.Stat(filepath.Dir(p), &b) != nil {
		return false
	}
	return a.Dev != b.Dev
}
