package main

import (
	"fmt"
	"io"
	"os"

	"github.com/waymark-dev/waymark/internal/buildcache"
)

// cacheFlags are the build command's flags for the build cache.
type cacheFlags struct {
	dir *string
	off *bool
}

// cacheEnv names the cache folder when --cache-dir does not.
const cacheEnv = "WAYMARK_CACHE_DIR"

// version is what keys the cache's entries: the running program's file.
type versionResult struct {
	sum []byte
	err error
}

// startVersion hashes the running program while the site loads.
func startVersion() <-chan versionResult {
	ch := make(chan versionResult, 1)
	go func() {
		sum, err := buildcache.Executable()
		ch <- versionResult{sum, err}
	}()
	return ch
}

// open opens the build cache of the site folder siteDir, or returns nil
// (with a warning on stderr) when there is none to use: the build then
// builds everything, as --no-cache does.
func (f cacheFlags) open(siteDir string, version <-chan versionResult, stderr io.Writer) *buildcache.Cache {
	if *f.off {
		return nil
	}
	warn := func(msg string) { fmt.Fprintln(stderr, "warning: "+msg) }
	root := *f.dir
	if root == "" {
		root = os.Getenv(cacheEnv)
	}
	if root == "" {
		var err error
		if root, err = buildcache.DefaultRoot(); err != nil {
			warn(err.Error() + "; building without it")
			return nil
		}
	}
	dir, err := buildcache.Dir(root, siteDir)
	if err != nil {
		warn(fmt.Sprintf("build cache: %v; building without it", err))
		return nil
	}
	v := <-version
	if v.err != nil {
		warn(fmt.Sprintf("build cache: cannot read waymark's own program file (%v), which keys the cache; building without it", v.err))
		return nil
	}
	c, err := buildcache.Open(buildcache.Options{Dir: dir, Version: v.sum, Warn: warn})
	if err != nil {
		warn(err.Error() + "; building without it")
		return nil
	}
	return c
}
