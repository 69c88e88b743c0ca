package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// lockedBuffer is an output the command writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var urlRE = regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)

// TestServe runs `waymark serve` on a new site: it prints the URL, serves
// the site from memory (no public/ folder appears), and stops cleanly
// when its context ends, as on Ctrl-C.
func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := run(context.Background(), []string{"init", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--site", dir, "--addr", ":0"}, &stdout, &stderr) }()

	url := serveURL(t, &stdout, &stderr)
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "/__waymark/reload.js") {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if strings.Contains(stderr.String(), "warning: listening") {
		t.Errorf(":0 warned of a non-loopback address: %s", stderr.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/ (%v)", err)
	}
}

// serveURL waits for a running serve to print its URL.
func serveURL(t *testing.T, stdout, stderr *lockedBuffer) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed; stdout %q, stderr %q", stdout.String(), stderr.String())
		}
	}
}

// TestServeGitDates: the preview dates a record that states no date by
// its first commit, as build does.
func TestServeGitDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := run(context.Background(), []string{"init", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "decisions", "0002-undated.md"), []byte("# Undated\n\nNo date stated.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "first"}} {
		sitetest.Git(t, dir, "2019-05-06T10:00:00Z", args...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--site", dir, "--addr", ":0"}, &stdout, &stderr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	url := serveURL(t, &stdout, &stderr)
	resp, err := http.Get(url + "decisions/0002-undated/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<time datetime="2019-05-06">`) || !strings.Contains(string(body), "first commit") {
		t.Fatalf("the undated record's page (%d) does not show the date of its first commit", resp.StatusCode)
	}
}

// TestServeBusyPort: a port in use is an error that names --addr.
func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := filepath.Join(t.TempDir(), "site")
	if err := run(context.Background(), []string{"init", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), []string{"serve", "--site", dir, "--addr", ln.Addr().String()}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--addr") || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("busy port: %v, want an error naming --addr", err)
	}
}
