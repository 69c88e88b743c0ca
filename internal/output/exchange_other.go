//go:build !linux && !darwin

package output

// exchangeFolders returns errNoExchange: the system has no call that swaps
// two folders in one step that waymark knows.
func exchangeFolders(a, b string) error { return errNoExchange }
