//go:build unix

package output

import (
	"errors"
	"syscall"
)

// errReadOnlyFS marks a folder on a read-only file system.
var errReadOnlyFS = syscall.EROFS

// writable reports why this process cannot create or remove entries in
// the folder dir, or nil.
func writable(dir string) error {
	err := syscall.Access(dir, 2) // W_OK
	if errors.Is(err, syscall.EROFS) {
		return errReadOnlyFS
	}
	return err
}
