package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedPathsReserved checks that a file beside the sources that
// would replace a generated file fails check and build alike, naming both,
// and that the build leaves the output as it was.
func TestGeneratedPathsReserved(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatal(err)
	}
	if _, _, err := waymark(t, "build", "--site", site); err != nil {
		t.Fatal(err)
	}
	home, err := os.ReadFile(filepath.Join(site, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(site, "content", "index.html"), "<p>mine</p>")
	want := "content/index.html and waymark's home page index.html would both be published at index.html"

	out, _, err := waymark(t, "check", "--site", site)
	if err == nil || !strings.Contains(out, want) {
		t.Errorf("check: err %v, output lacks %q:\n%s", err, want, out)
	}
	_, stderr, err := waymark(t, "build", "--site", site)
	if err == nil || !strings.Contains(stderr, want) {
		t.Errorf("build: err %v, stderr lacks %q:\n%s", err, want, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(site, "public", "index.html")); string(got) != string(home) {
		t.Error("the failed build changed public/index.html")
	}
}

// TestOutputInsideSourceRefused checks that --out inside a folder the
// site is read from is refused, and nothing is written there.
func TestOutputInsideSourceRefused(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(site, "content", "site")
	_, _, err := waymark(t, "build", "--site", site, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "inside content, a folder the site is read from") {
		t.Fatalf("build --out content/site: %v, want a refusal", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists after the refusal: %v", out, err)
	}
}
