// Package parallel runs independent pieces of work on all cores.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(0..n-1) on all cores and returns when every call has.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
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
