//go:build unix

package sitetest

import (
	"syscall"
	"testing"
	"time"
)

// ReportCPU starts counting the CPU time of the process (user and system,
// every thread, the garbage collector's included); the function it returns
// reports it per iteration as cpu-ms/op. Call it just before b.Loop and
// the function just after: on a machine shared with other work, wall time
// counts the others' work too, CPU time only this benchmark's.
func ReportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		}
	}
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
