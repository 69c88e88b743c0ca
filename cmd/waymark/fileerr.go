package main

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// fileErr says what waymark was doing with path when err happened, what
// went wrong in plain words and what to do, instead of Go's
// "stat x: no such file or directory".
func fileErr(doing, path string, err error) error {
	var reason, fix string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		reason, fix = "it does not exist", "check the path"
	case errors.Is(err, fs.ErrPermission):
		reason, fix = "permission denied", "check who may read and write it"
	case errors.Is(err, syscall.ENOTDIR):
		reason, fix = "a part of the path is a file, not a folder", "check the path"
	case errors.Is(err, syscall.EISDIR):
		reason, fix = "it is a folder", "name a file"
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot %s %s: %w", doing, path, err)
	}
	return fmt.Errorf("cannot %s %s: %s; %s", doing, path, reason, fix)
}
