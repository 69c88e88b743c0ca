package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profileEnv names a file to write a CPU profile of the whole command to,
// for finding where a slow build spends its time (go tool pprof FILE).
const profileEnv = "WAYMARK_CPUPROFILE"

// startProfile starts the CPU profile profileEnv asks for and returns
// what stops it; without the variable it does nothing.
func startProfile() func() {
	name := os.Getenv(profileEnv)
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "warning: %s: %v; running without a profile\n", profileEnv, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
