package output

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestIntact publishes a build, noting its fingerprint, then changes the
// output folder in each way a person or another build could: the folder
// is intact only while every file the build published is the one it left.
func TestIntact(t *testing.T) {
	files := map[string]string{
		"index.html":             "<h1>home</h1>",
		"decisions/a/index.html": "<h1>a</h1>",
		"assets/site.css":        "p{}",
	}
	rewrite := func(t *testing.T, out, name, data string, keepTime bool) {
		t.Helper()
		p := filepath.Join(out, name)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond) // a change time the file system can tell apart
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if keepTime {
			if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, out string)
		intact bool
	}{
		{"nothing", func(*testing.T, string) {}, true},
		{"a file of the user's added", func(t *testing.T, out string) {
			if err := os.WriteFile(filepath.Join(out, "robots.txt"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"the same build published again", func(t *testing.T, out string) { build(t, out, files) }, true},
		{"another build published", func(t *testing.T, out string) {
			other := maps.Clone(files)
			other["index.html"] = "<h1>other</h1>"
			build(t, out, other)
		}, false},
		{"a file edited", func(t *testing.T, out string) { rewrite(t, out, "index.html", "<h1>edited</h1>", false) }, false},
		{"a file edited, same size, its time put back", func(t *testing.T, out string) {
			rewrite(t, out, "assets/site.css", "a{}", true)
		}, false},
		{"a file removed", func(t *testing.T, out string) { os.Remove(filepath.Join(out, "decisions/a/index.html")) }, false},
		{"the output folder removed", func(t *testing.T, out string) { os.RemoveAll(out) }, false},
		{"a killed build's staging folder beside it", func(t *testing.T, out string) {
			if err := os.Mkdir(filepath.Join(filepath.Dir(out), ".public.staging-123"), 0o700); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			s := stage(t, out, files)
			fp, err := s.PublishNoting()
			if err != nil {
				t.Fatal(err)
			}
			if fp == (Fingerprint{}) {
				t.Fatal("no fingerprint of a published build")
			}
			tt.change(t, out)
			got, err := Intact(context.Background(), out, Wait{}, fp)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.intact {
				t.Errorf("Intact = %v, want %v", got, tt.intact)
			}
		})
	}
}
