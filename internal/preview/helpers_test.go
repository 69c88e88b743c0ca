package preview

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/incremental"
	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// copySite copies the default site (the repository root's sources) into a
// new folder and returns it.
func copySite(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..")
	for _, name := range []string{"waymark.yaml", "decisions", "radar", "content"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rebuilder builds dir incrementally, as waymark serve does.
func rebuilder(dir string) RebuildFunc {
	in := incremental.New(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	return func(changed []string) Result {
		s, files, err := in.Build(changed)
		return Result{Files: files, Problems: s.Problems.Sorted(), Err: err}
	}
}

// cleanBuild builds dir from scratch into memory.
func cleanBuild(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	s, err := site.Load(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	m := render.NewMemory()
	if err := render.Render(m, s); err != nil {
		t.Fatal(err)
	}
	return m.Files
}

// syncWriter is a log that tests can read while the server writes.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// start opens a server for dir on 127.0.0.1:0 that watches dir, and
// closes it when the test ends.
func start(t testing.TB, dir string, configure ...func(*Server)) *Server {
	t.Helper()
	s := &Server{Addr: "127.0.0.1:0", Dir: dir, Source: os.DirFS(dir), Rebuild: rebuilder(dir), Log: &syncWriter{}}
	for _, f := range configure {
		f(s)
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// get fetches a URL path from s and returns the status and body.
func get(t testing.TB, s *Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(s.URL(), "/") + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

// waitFor polls cond until it holds, failing the test after a deadline.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeFile saves a site file, creating folders, as editors that write a
// hidden temporary file and rename it do: a build never sees it half
// written, however busy the machine (TestSaveStyles tries the other ways).
func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), ".~"+filepath.Base(p))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// stream is a connected reload stream.
type stream struct {
	events chan event
	resp   *http.Response
}

// connect opens the reload stream of s with the given request headers and
// returns it after the hello event, or the refusing response's status.
func connect(t testing.TB, s *Server, header http.Header) (*stream, int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"__waymark/events", nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, resp.StatusCode
	}
	st := &stream{events: make(chan event, 64), resp: resp}
	go func() {
		defer close(st.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				st.events <- e
				e = event{}
			}
		}
	}()
	if e := st.next(t); e.name != "hello" {
		t.Fatalf("first event %q, want hello", e.name)
	}
	return st, http.StatusOK
}

// next returns the next event, failing after a deadline.
func (st *stream) next(t testing.TB) event {
	t.Helper()
	select {
	case e, ok := <-st.events:
		if !ok {
			t.Fatal("reload stream closed")
		}
		return e
	case <-time.After(20 * time.Second):
		t.Fatal("no reload event within 20s")
	}
	return event{}
}

// nextReload checks that the next event is the reload of version v (so
// that no event came before it), and that the page at path then has text.
func nextReload(t testing.TB, st *stream, s *Server, v int64, path, text string) {
	t.Helper()
	if e := st.next(t); e.name != "reload" || e.data != fmt.Sprint(v) {
		t.Fatalf("event %q %s, want reload %d", e.name, e.data, v)
	}
	if _, body := get(t, s, path); !strings.Contains(body, text) {
		t.Fatalf("after reload %d, %s does not have %q", v, path, text)
	}
	if got := s.cur.Load().version; got != v {
		t.Fatalf("version %d after reload %d: a build published without an event", got, v)
	}
}
