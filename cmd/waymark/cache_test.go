package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestBuildCacheFolders checks where build keeps its cache: --cache-dir
// over WAYMARK_CACHE_DIR, a folder per site inside, none with
// --no-cache; and that a build through a filled cache, one with a
// damaged entry and one without a cache publish the same tree.
func TestBuildCacheFolders(t *testing.T) {
	dir := sitetest.CopyDefaultSite(t, "../..")
	env, flag := t.TempDir(), t.TempDir()
	t.Setenv(cacheEnv, env)
	out := filepath.Join(t.TempDir(), "public")

	if _, stderr, err := waymark(t, "build", "--site", dir, "--out", out, "--no-cache"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	want := treeHash(t, out)
	if entries, _ := os.ReadDir(env); len(entries) != 0 {
		t.Errorf("--no-cache made %v in the cache folder", entries)
	}

	for _, args := range [][]string{
		{"build", "--site", dir, "--out", out},                      // fills WAYMARK_CACHE_DIR
		{"build", "--site", dir, "--out", out},                      // reads it
		{"build", "--site", dir, "--out", out, "--cache-dir", flag}, // --cache-dir wins
	} {
		if _, stderr, err := waymark(t, args...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if got := treeHash(t, out); got != want {
			t.Errorf("%s: the output differs from a build without the cache", strings.Join(args, " "))
		}
	}
	for _, root := range []string{env, flag} {
		sites, _ := filepath.Glob(filepath.Join(root, filepath.Base(dir)+"-*", "page"))
		if len(sites) != 1 {
			t.Errorf("%s: want one site folder with pages, got %v", root, sites)
		}
	}

	// A damaged entry: a warning naming it, and the same output.
	pages, _ := filepath.Glob(filepath.Join(flag, "*", "page", "*", "*"))
	if len(pages) == 0 {
		t.Fatal("no page entries")
	}
	if err := os.WriteFile(pages[0], []byte("wmc1 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Another output folder: a build that cannot find its last build
	// standing (stamp.go) and reads the entries.
	out = filepath.Join(t.TempDir(), "public")
	_, stderr, err := waymark(t, "build", "--site", dir, "--out", out, "--cache-dir", flag)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "warning: build cache: entry "+pages[0]+" is damaged") {
		t.Errorf("no warning naming the damaged entry in\n%s", stderr)
	}
	if got := treeHash(t, out); got != want {
		t.Error("with a damaged entry: the output differs from a build without the cache")
	}

	// A damaged stamp: a warning naming it, a build, and the same output.
	stamps, _ := filepath.Glob(filepath.Join(flag, "*", "stamp", "*", "*"))
	if len(stamps) != 2 {
		t.Fatalf("want a stamp for each of the two output folders, got %v", stamps)
	}
	for _, p := range stamps {
		if err := os.WriteFile(p, []byte("wmc1 truncated"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, err := waymark(t, "build", "--site", dir, "--out", out, "--cache-dir", flag)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "is damaged") || strings.Contains(stdout, unchangedNote) {
		t.Errorf("with a damaged stamp: no warning, or no build:\n%s%s", stdout, stderr)
	}
	if got := treeHash(t, out); got != want {
		t.Error("with a damaged stamp: the output differs from a build without the cache")
	}
}
