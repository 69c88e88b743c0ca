// Package parallel runs independent pieces of work on all cores.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(0..n-1) on all cores and returns when every call has.
func For(n int, f func(i int)) { Run(n, runtime.GOMAXPROCS(0), f) }

// Run calls f(0..n-1) from the given number of goroutines and returns when
// every call has: for work that waits on the system more than it computes.
func Run(n, workers int, f func(i int)) {
	workers = min(workers, n)
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= n {
					return
				}
				f(j)
			}
		})
	}
	wg.Wait()
}
