package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps the folders a and b in one step, or returns
// errNoExchange where the file system cannot.
func exchangeFolders(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return errNoExchange
	}
	return err
}
