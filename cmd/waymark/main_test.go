package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// waymark runs the command in-process and returns its output.
func waymark(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// treeHash hashes every path and file under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%v\x00", rel, d.IsDir())
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestInitBuildCheck(t *testing.T) {
	site := filepath.Join(t.TempDir(), "mysite")
	if _, _, err := waymark(t, "init", site); err != nil {
		t.Fatalf("init: %v", err)
	}
	if _, _, err := waymark(t, "init", site); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("init into a non-empty folder: err = %v, want a refusal", err)
	}
	out, _, err := waymark(t, "build", "--site", site)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if !strings.Contains(out, "built 1 decision, 4 blips and 1 page") {
		t.Errorf("build output = %q", out)
	}
	for _, f := range []string{"index.html", "radar/index.html", "radar/go/index.html", "decisions/0001-record-architecture-decisions/index.html", "about/index.html", ".waymark-manifest"} {
		if _, err := os.Stat(filepath.Join(site, "public", f)); err != nil {
			t.Errorf("public/%s: %v", f, err)
		}
	}
	// The sample site has a denied licence on hold only: check passes.
	if out, _, err := waymark(t, "check", "--site", site); err != nil {
		t.Errorf("check on a fresh site: %v\n%s", err, out)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "waymark.yaml"), "title: T\ncolour: blue\n")
	writeFile(t, filepath.Join(site, "radar/a.md"), "---\ntitle: A\nquadrant: tools\nring: hodl\n---\nx\n")
	out, _, err := waymark(t, "check", "--site", site)
	if err == nil {
		t.Fatal("check passed a broken site")
	}
	// The config error stops loading, so it is the one reported.
	if !strings.Contains(out, `waymark.yaml:2: unknown key "colour"`) {
		t.Errorf("check output lacks the config error:\n%s", out)
	}
	writeFile(t, filepath.Join(site, "waymark.yaml"), "title: T\n")
	writeFile(t, filepath.Join(site, "decisions/0001-x.md"), "---\nstatus: accepted\nsupersedes: [9]\nblips: [nope]\n---\n# X\n\n[gone](0002-gone.md)\n")
	out, _, err = waymark(t, "check", "--site", site)
	if err == nil {
		t.Fatal("check passed a site with an unknown ring")
	}
	for _, want := range []string{
		`radar/a.md:4: unknown ring "hodl"; use one of adopt, trial, assess, hold`,
		`decisions/0001-x.md:3: warning: supersedes refers to ADR-0009, which does not exist`,
		`decisions/0001-x.md:4: warning: blip "nope" does not exist`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	jsonOut, _, err := waymark(t, "check", "--site", site, "--format", "json")
	if err == nil {
		t.Error("check --format json passed a broken site")
	}
	var report struct {
		Problems []struct {
			File, Message, Severity string
			Line                    int
		}
		Errors, Warnings int
	}
	if err := json.Unmarshal([]byte(jsonOut), &report); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, jsonOut)
	}
	if report.Errors != 1 || len(report.Problems) < 3 {
		t.Errorf("json report: %+v", report)
	}
	if p := report.Problems[0]; p.File == "" || p.Line == 0 || p.Severity == "" {
		t.Errorf("json problem lacks file, line or severity: %+v", p)
	}

	// Broken links are found by check although it writes nothing.
	writeFile(t, filepath.Join(site, "radar/a.md"), "---\ntitle: A\nquadrant: tools\nring: hold\n---\nx\n")
	out, _, err = waymark(t, "check", "--site", site)
	if err != nil {
		t.Errorf("warnings alone failed check: %v", err)
	}
	if !strings.Contains(out, `decisions/0001-x.md:8: warning: broken link "0002-gone.md"`) {
		t.Errorf("check output lacks the broken link:\n%s", out)
	}
	if _, _, err := waymark(t, "check", "--site", site, "--strict"); err == nil {
		t.Error("check --strict passed a site with warnings")
	}
}

func TestFailedBuildKeepsOutput(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "radar/a.md"), "---\ntitle: A\nquadrant: tools\nring: hold\n---\nx\n")
	if _, _, err := waymark(t, "build", "--site", site); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(site, "public/CNAME"), "example.com\n")
	before := treeHash(t, filepath.Join(site, "public"))
	writeFile(t, filepath.Join(site, "radar/b.md"), "---\ntitle: B\nquadrant: nowhere\nring: hold\n---\nx\n")
	_, stderr, err := waymark(t, "build", "--site", site)
	if err == nil {
		t.Fatal("build passed an unknown quadrant")
	}
	if !strings.Contains(stderr, `radar/b.md:3: unknown quadrant "nowhere"`) {
		t.Errorf("stderr = %q", stderr)
	}
	if after := treeHash(t, filepath.Join(site, "public")); after != before {
		t.Error("a failed build changed public/")
	}
	if err := os.Remove(filepath.Join(site, "radar/b.md")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := waymark(t, "build", "--site", site); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(site, "public/CNAME")); err != nil || string(data) != "example.com\n" {
		t.Errorf("the user's CNAME did not survive a rebuild: %q, %v", data, err)
	}
}

func TestBuildRefusesDangerousOutput(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "radar/a.md"), "---\ntitle: A\nquadrant: tools\nring: hold\n---\nx\n")
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "notes.txt"), "mine")
	for _, c := range []struct {
		name string
		out  string
		want string
	}{
		{"site folder", site, "it is the site folder"},
		{"parent of the site", filepath.Dir(site), "contains the site folder"},
		{"root", "/", "file system root"},
		{"foreign folder", other, "waymark did not create it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := treeHash(t, site)
			_, _, err := waymark(t, "build", "--site", site, "--out", c.out)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
			if treeHash(t, site) != before {
				t.Error("the site folder changed")
			}
		})
	}
	if _, _, err := waymark(t, "build", "--site", site, "--out", other, "--force"); err != nil {
		t.Errorf("--force: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(data) != "mine" {
		t.Error("--force lost the folder's own file")
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, cmd := range []string{"build", "check", "init"} {
		stdout, _, err := waymark(t, cmd, "--help")
		if err != nil {
			t.Errorf("%s --help: %v", cmd, err)
		}
		if !strings.Contains(stdout, "Usage: waymark "+cmd) {
			t.Errorf("%s --help printed %q", cmd, stdout)
		}
	}
	if out, _, err := waymark(t, "version"); err != nil || !strings.HasPrefix(out, "waymark ") {
		t.Errorf("version: %q, %v", out, err)
	}
	if _, _, err := waymark(t, "frobnicate"); err == nil {
		t.Error("an unknown command succeeded")
	}
}
