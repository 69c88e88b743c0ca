package output

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// treeListing describes every entry under root, one line each: its slash
// path, its kind and permissions, and the hash of its content or link
// target. Two listings are equal exactly when the trees are byte for byte
// the same.
func treeListing(t *testing.T, root string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("%s link -> %s", rel, target))
		case info.IsDir():
			lines = append(lines, fmt.Sprintf("%s dir %v", rel, info.Mode().Perm()))
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("%s file %v %x", rel, info.Mode().Perm(), sha256.Sum256(data)))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", root, err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// treeHash is a hash of the whole tree under root (paths, kinds,
// permissions, contents).
func treeHash(t *testing.T, root string) string {
	t.Helper()
	return fmt.Sprintf("%x", sha256.Sum256([]byte(treeListing(t, root))))
}

// assertTree fails the test when the tree under root no longer has the
// listing want, showing both listings.
func assertTree(t *testing.T, root, want string) {
	t.Helper()
	got := treeListing(t, root)
	if gotHash, wantHash := fmt.Sprintf("%x", sha256.Sum256([]byte(got))), fmt.Sprintf("%x", sha256.Sum256([]byte(want))); gotHash != wantHash {
		t.Errorf("tree %s changed (hash %.12s, want %.12s)\ngot:\n%s\nwant:\n%s", root, gotHash, wantHash, got, want)
	}
}

// readFiles returns the content of every regular file under root by slash
// path, the manifest included.
func readFiles(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", root, err)
	}
	return files
}

// writeFiles creates files (slash path to content) under root, as a user
// would.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// build runs one complete build of files into out.
func build(t *testing.T, out string, files map[string]string) {
	t.Helper()
	s := stage(t, out, files)
	if err := s.Publish(); err != nil {
		t.Fatalf("Publish: %v", err)
	}
}

// stage starts a build of files into out without publishing it.
func stage(t *testing.T, out string, files map[string]string) *Staging {
	t.Helper()
	s, err := newStaging(out)
	if err != nil {
		t.Fatalf("NewStaging: %v", err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.WriteFile(name, []byte(files[name])); err != nil {
			t.Fatalf("WriteFile(%q): %v", name, err)
		}
	}
	return s
}

// newStaging starts a build of out that does not wait for another.
func newStaging(out string) (*Staging, error) {
	if spareRoot == "" {
		return NewStaging(context.Background(), out, Wait{})
	}
	sum := sha256.Sum256([]byte(out))
	return NewStagingWithSpare(context.Background(), out, Wait{}, filepath.Join(spareRoot, hex.EncodeToString(sum[:8])))
}

// spareRoot, when set, is where the tests' builds keep their spares:
// TestMain runs every test twice, without spares and with them.
var spareRoot string

func TestMain(m *testing.M) {
	if code := m.Run(); code != 0 {
		os.Exit(code)
	}
	dir, err := os.MkdirTemp("", "waymark-spares-")
	if err != nil {
		panic(err)
	}
	spareRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// kill leaves s as killing its process would: the system lets the lock
// go, and the lock file stays behind.
func kill(s *Staging) {
	if s.lock != nil && s.lock.f != nil {
		s.lock.f.Close()
		s.lock.f = nil
	}
}

// manifestOf is the manifest a build of names writes.
func manifestOf(names ...string) string {
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(manifestHeader)
	for _, name := range names {
		b.WriteString(name + "\n")
	}
	return b.String()
}

// withManifest returns files plus the manifest their build writes.
func withManifest(files map[string]string) map[string]string {
	out := map[string]string{}
	var names []string
	for name, content := range files {
		out[name] = content
		names = append(names, name)
	}
	out[Manifest] = manifestOf(names...)
	return out
}

// merge returns the union of maps, later ones winning.
func merge(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}
