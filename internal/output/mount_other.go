//go:build !unix

package output

// mountPoint reports false: publishing finds a folder it cannot replace.
func mountPoint(string) bool { return false }
