package output

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	// siteV0 is built before siteV1 where a test needs a spare: it has a
	// folder where siteV2 writes a file, bytes siteV2 writes at a path
	// siteV1 has others at, and a file siteV1 keeps and siteV2 drops.
	siteV0 = map[string]string{
		"index.html":          "<h1>v2</h1>",
		"new.html/index.html": "a folder in v0",
		"gone/deep/page.html": "only in v1, deep",
	}
	siteV1 = map[string]string{
		"index.html":                "<h1>v1</h1>",
		"decisions/0001/index.html": "one v1",
		"old.html":                  "only in v1",
		"gone/deep/page.html":       "only in v1, deep",
	}
	siteV2 = map[string]string{
		"index.html":                "<h1>v2</h1>",
		"decisions/0001/index.html": "one v2",
		"new.html":                  "only in v2",
	}
	userFiles = map[string]string{
		"CNAME":                         "docs.example.org\n",
		"nested/user.txt":               "mine",
		".well-known/security.txt":      "Contact: me\n",
		"decisions/0001/attachment.pdf": "%PDF user",
	}
)

func TestPublish(t *testing.T) {
	tests := []struct {
		name   string
		before func(t *testing.T, out string) // earlier builds and user edits
		build  map[string]string
		want   map[string]string // every file in out afterwards
	}{
		{
			name:  "first build into a missing folder",
			build: siteV1,
			want:  withManifest(siteV1),
		},
		{
			name:  "an empty build",
			build: map[string]string{},
			want:  map[string]string{Manifest: manifestHeader},
		},
		{
			name:   "a rebuild replaces files and removes those it no longer writes",
			before: func(t *testing.T, out string) { build(t, out, siteV1) },
			build:  siteV2,
			want:   withManifest(siteV2),
		},
		{
			name: "user files survive a rebuild",
			before: func(t *testing.T, out string) {
				build(t, out, siteV1)
				writeFiles(t, out, userFiles)
			},
			build: siteV2,
			want:  merge(withManifest(siteV2), userFiles),
		},
		{
			name: "user files survive two rebuilds",
			before: func(t *testing.T, out string) {
				build(t, out, siteV1)
				writeFiles(t, out, userFiles)
				build(t, out, siteV2)
			},
			build: siteV1,
			want:  merge(withManifest(siteV1), userFiles),
		},
		{
			name: "the build's file wins over a user file at the same path",
			before: func(t *testing.T, out string) {
				build(t, out, siteV1)
				writeFiles(t, out, userFiles)
			},
			build: merge(siteV2, map[string]string{"CNAME": "built.example.org\n"}),
			want:  merge(userFiles, withManifest(merge(siteV2, map[string]string{"CNAME": "built.example.org\n"}))),
		},
		{
			name: "a file the build took over goes when the build stops writing it",
			before: func(t *testing.T, out string) {
				build(t, out, siteV1)
				writeFiles(t, out, map[string]string{"CNAME": "user"})
				build(t, out, merge(siteV1, map[string]string{"CNAME": "built"}))
			},
			build: siteV2,
			want:  withManifest(siteV2),
		},
		{
			name: "forced into a folder waymark did not create",
			before: func(t *testing.T, out string) {
				writeFiles(t, out, map[string]string{"index.html": "mine", "notes.txt": "keep"})
			},
			build: siteV2,
			want:  merge(withManifest(siteV2), map[string]string{"notes.txt": "keep"}),
		},
		{
			name:   "a file whose name starts with # is removed like any other",
			before: func(t *testing.T, out string) { build(t, out, merge(siteV1, map[string]string{"#tag.html": "built"})) },
			build:  siteV2,
			want:   withManifest(siteV2),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "site", "public")
			if tt.before != nil {
				tt.before(t, out)
			}

			build(t, out, tt.build)

			if got, want := readFiles(t, out), tt.want; !maps.Equal(got, want) {
				t.Errorf("output files:\ngot  %q\nwant %q", got, want)
			}
			if got, want := entries(t, filepath.Dir(out)), []string{"public"}; !slices.Equal(got, want) {
				t.Errorf("beside the output: %q, want %q (nothing left over)", got, want)
			}
		})
	}
}

func TestPublishFolderMode(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, siteV1)
	if got, want := mode(t, out), os.FileMode(0o755); got != want {
		t.Errorf("first build: output folder mode %v, want %v", got, want)
	}
	// Earlier builds left the output folder 0700; the next build repairs it.
	if err := os.Chmod(out, 0o700); err != nil {
		t.Fatal(err)
	}
	build(t, out, siteV2)
	if got, want := mode(t, out), os.FileMode(0o755); got != want {
		t.Errorf("rebuild: output folder mode %v, want %v", got, want)
	}
}

func mode(t *testing.T, p string) os.FileMode {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func TestDiscard(t *testing.T) {
	tests := []struct {
		name   string
		before func(t *testing.T, out string)
	}{
		{name: "no previous output"},
		{name: "a previous output", before: func(t *testing.T, out string) { build(t, out, siteV1) }},
		{name: "a previous output with user files", before: func(t *testing.T, out string) {
			build(t, out, siteV1)
			writeFiles(t, out, userFiles)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			if tt.before != nil {
				tt.before(t, out)
			}
			before := treeListing(t, root)

			s := stage(t, out, merge(siteV2, map[string]string{"CNAME": "built"}))
			if err := s.Discard(); err != nil {
				t.Fatalf("Discard: %v", err)
			}

			assertTree(t, root, before)
		})
	}
}

func TestWriteFileRefuses(t *testing.T) {
	names := []string{
		"../x",
		"/abs",
		"a/../../b",
		"a/../b",
		"./a",
		"a/./b",
		"a//b",
		"a/",
		"",
		".",
		"..",
		Manifest,
		"a\nb",
		"a\rb",
		"a\x00b",
	}
	for _, name := range names {
		t.Run(fmt.Sprintf("%q", name), func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "site", "public")
			build(t, out, siteV1)
			s, err := newStaging(out)
			if err != nil {
				t.Fatal(err)
			}
			before := treeListing(t, root)

			err = s.WriteFile(name, []byte("escaped"))

			if err == nil {
				t.Fatalf("WriteFile(%q) = nil, want an error", name)
			}
			if want := fmt.Sprintf("%q", name); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name %s", err, want)
			}
			assertTree(t, root, before)
		})
	}
}

func TestWriteFileAccepts(t *testing.T) {
	names := []string{
		"index.html",
		".nojekyll",
		"sub/" + Manifest,
		"..dots/x",
		"a/b/c/d/e.html",
		"#tag.html",
		"with space/ünïcode.html",
	}
	out := filepath.Join(t.TempDir(), "public")
	want := map[string]string{}
	for _, name := range names {
		want[name] = "content of " + name
	}
	build(t, out, want)
	if got, want := readFiles(t, out), withManifest(want); !maps.Equal(got, want) {
		t.Errorf("output files:\ngot  %q\nwant %q", got, want)
	}
}

func TestNewStagingRefusesSymlink(t *testing.T) {
	root := t.TempDir()
	build(t, filepath.Join(root, "www"), siteV1)
	symlink(t, "www", filepath.Join(root, "public"))
	before := treeListing(t, root)

	_, err := newStaging(filepath.Join(root, "public"))

	if err == nil {
		t.Fatal("NewStaging through a symlink = nil, want an error")
	}
	if !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("error %q does not say the output is a symbolic link", err)
	}
	assertTree(t, root, before)
}

// TestNewStagingLeavesOthersAlone checks that cleaning up after killed
// builds touches only this output's leftovers, even when its name holds
// characters that mean something in a glob pattern.
func TestNewStagingLeavesOthersAlone(t *testing.T) {
	tests := []struct {
		out    string
		others []string // leftovers of other outputs in the same folder
	}{
		{out: "public", others: []string{".public2.staging-1", ".publi.staging-1", "public.staging-1", ".public.old"}},
		{out: "pub[1]", others: []string{".pub1.staging-1", ".pub1.staging-2.old"}},
		{out: "pub*", others: []string{".public.staging-1", ".pubx.staging-2.old"}},
		{out: "pub?", others: []string{".pubx.staging-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			root := t.TempDir()
			for _, other := range tt.others {
				writeFiles(t, root, map[string]string{other + "/index.html": "another build's"})
			}
			before := treeListing(t, root)

			s, err := newStaging(filepath.Join(root, tt.out))
			if err != nil {
				t.Fatalf("NewStaging: %v", err)
			}
			if err := s.Discard(); err != nil {
				t.Fatal(err)
			}

			assertTree(t, root, before)
		})
	}
}

func TestWriteFileConcurrent(t *testing.T) {
	const writers, perWriter = 32, 40
	out := filepath.Join(t.TempDir(), "public")
	s, err := newStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	var names []string
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter)
	for w := range writers {
		var mine []string
		for i := range perWriter {
			// Writers share folders, so they race to create them.
			name := fmt.Sprintf("shared/%d/w%d-%d.html", i%5, w, i)
			if i%2 == 0 {
				name = fmt.Sprintf("w%d/deep/er/%d.html", w%4, w*perWriter+i)
			}
			mine = append(mine, name)
			want[name] = "page " + name
			names = append(names, name)
		}
		wg.Go(func() {
			for _, name := range mine {
				if err := s.WriteFile(name, []byte("page "+name)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}

	got := readFiles(t, out)
	if got, want := got[Manifest], manifestOf(names...); got != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", got, want)
	}
	if got, want := got, withManifest(want); !maps.Equal(got, want) {
		t.Errorf("output has %d files, want %d", len(got), len(want))
	}
}
