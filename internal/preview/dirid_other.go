//go:build !unix

package preview

import "io/fs"

// dirID is what a folder is, whatever its name; where the system does not
// say, a folder moved is known only by the events of its old name.
type dirID struct{}

// idOf returns the identity of a folder; ok is false when the system does
// not say.
func idOf(fs.FileInfo) (dirID, bool) { return dirID{}, false }
