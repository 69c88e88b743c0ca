//go:build linux

package output

import (
	"context"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// unprivileged runs the calling test again in a process of the user
// nobody when this one is root (root writes into read-only folders, so
// the test would show nothing), and reports whether the caller should
// return: the child ran it.
func unprivileged(t *testing.T) (done bool) {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir, err := os.MkdirTemp("", "waymark-unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "output.test")
	copyExe(t, exe, bin)
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "TMPDIR=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(string(out), "--- FAIL") {
		t.Fatalf("as user nobody:\n%s", out)
	}
	if err != nil {
		t.Skipf("cannot run as user nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as user nobody, the test did not pass:\n%s", out)
	}
	return true
}

func copyExe(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestUnwritableOutputRefused makes the output folder, a folder of user
// files in it, or the folder around it read-only: Guard and NewStaging
// refuse before anything moves, name the folder and say what to do; done
// as said, the build goes through with every user file.
func TestUnwritableOutputRefused(t *testing.T) {
	if unprivileged(t) {
		return
	}
	tests := []struct {
		name     string
		readOnly string // relative to the folder holding public/
		fix      string // the advice, relative to that folder
	}{
		{"the output folder", "public", "chmod -R u+w public"},
		{"a folder of user files in it", "public/.well-known", "chmod -R u+w public"},
		{"a folder the build wrote", "public/decisions/0001", "chmod -R u+w public"},
		{"the folder around it", ".", "chmod u+w ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "site")
			out := filepath.Join(root, "public")
			build(t, out, siteV1)
			writeFiles(t, out, userFiles)
			dir := filepath.Join(root, tt.readOnly)
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
			before := treeListing(t, root)

			errs := map[string]error{"Guard": Guard(out, filepath.Join(root, "src"), false)}
			if _, err := newStaging(out); err != nil {
				errs["NewStaging"] = err
			} else {
				errs["NewStaging"] = nil
			}
			for _, who := range slices.Sorted(maps.Keys(errs)) {
				err := errs[who]
				if err == nil {
					t.Fatalf("%s = nil, want a refusal", who)
				}
				for _, want := range []string{"refusing to build into " + out, filepath.Clean(dir) + " is read-only", strings.Replace(strings.Replace(tt.fix, " public", " "+out, 1), " .", " "+root, 1)} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("%s: error %q does not mention %q", who, err, want)
					}
				}
			}
			assertTree(t, root, before)

			// The advice, followed, works.
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			build(t, out, siteV2)
			if got, want := readFiles(t, out), merge(withManifest(siteV2), userFiles); !maps.Equal(got, want) {
				t.Errorf("after chmod:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

// TestMountPointRefused mounts a file system on the output folder (as
// root only): NewStaging refuses it before writing anything, and leaves
// no staging folder.
func TestMountPointRefused(t *testing.T) {
	for _, kind := range []string{"tmpfs", "bind"} {
		t.Run(kind, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			var err error
			if kind == "tmpfs" {
				err = syscall.Mount("tmpfs", out, "tmpfs", 0, "size=1m")
			} else {
				other := filepath.Join(root, "elsewhere")
				if err := os.Mkdir(other, 0o755); err != nil {
					t.Fatal(err)
				}
				err = syscall.Mount(other, out, "", syscall.MS_BIND, "")
			}
			if err != nil {
				t.Skipf("cannot mount here: %v", err)
			}
			t.Cleanup(func() { syscall.Unmount(out, syscall.MNT_DETACH) })
			writeFiles(t, out, map[string]string{Manifest: manifestOf("index.html"), "index.html": "old", "CNAME": "x"})
			before := treeListing(t, root)

			_, err = NewStaging(context.Background(), out, Wait{})

			if err == nil {
				t.Fatal("NewStaging on a mount point = nil, want a refusal")
			}
			for _, want := range []string{"mount point", "mount its parent folder instead", filepath.Join(out, "site")} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			assertTree(t, root, before)
			want := []string{"public"}
			if kind == "bind" {
				want = []string{"elsewhere", "public"}
			}
			if got := entries(t, root); !slices.Equal(got, want) {
				t.Errorf("beside the output: %q, want %q", got, want)
			}
		})
	}
}
