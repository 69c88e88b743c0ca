//go:build !unix

package sitetest

import "testing"

// ReportCPU reports nothing where the process's CPU time cannot be read
// (see cpu_unix.go).
func ReportCPU(b *testing.B) func() { return func() {} }
