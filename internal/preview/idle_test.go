package preview

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestIdleConnectionsClosed: a kept-alive connection that asks nothing
// more is closed after IdleTimeout, while a reload stream opened before it
// outlives it and still gets the next reload.
func TestIdleConnectionsClosed(t *testing.T) {
	dir := copySite(t)
	const idle = 200 * time.Millisecond
	s := start(t, dir, func(s *Server) { s.IdleTimeout = idle })
	es, _ := connect(t, s, nil)

	conn, err := net.Dial("tcp", s.Address().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	ask := func() {
		t.Helper()
		if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+s.Address().String()+"\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Close {
			t.Fatalf("GET /: %d, connection closed: %v", resp.StatusCode, resp.Close)
		}
	}
	// Two requests on one connection: it is kept alive.
	ask()
	ask()
	asked := time.Now()
	// Then it waits; the server must close it. The deadline only bounds
	// how long the test waits for that.
	if err := conn.SetReadDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	n, err := r.Read(make([]byte, 1))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("an idle connection still open after %s (IdleTimeout %s)", time.Since(asked).Round(time.Millisecond), idle)
	}
	if n != 0 || err == nil {
		t.Fatalf("read %d bytes, %v; want the connection closed", n, err)
	}
	if d := time.Since(asked); d < idle {
		t.Errorf("closed after %s, before IdleTimeout %s", d, idle)
	}

	// The reload stream, open longer than IdleTimeout now, still works.
	writeFile(t, dir, record, readFile(t, dir, record)+"\nEdited while a connection idled.\n")
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("reload stream after IdleTimeout: event %q, want reload", e.name)
	}
	if _, body := get(t, s, recordPage); !strings.Contains(body, "Edited while a connection idled.") {
		t.Fatal("new text not served")
	}
}
