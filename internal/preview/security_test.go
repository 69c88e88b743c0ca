package preview

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// canary is written into files outside the site's sources; no response
// may ever contain it.
const canary = "CANARY-d41d8cd98f00b204"

// guardedSite is the default site with secrets around it: a canary file
// beside the site folder, in a public-secret folder beside and inside it,
// a symlinked file and a symlinked folder in decisions/ pointing at them,
// and a record linking out of the site.
func guardedSite(t *testing.T) string {
	t.Helper()
	dir := copySite(t)
	outside := filepath.Dir(dir)
	secret := canary + "\n"
	writeFile(t, outside, "canary.txt", secret)
	writeFile(t, outside, "canary.md", "# "+canary+"\n")
	writeFile(t, outside, "public-secret/canary.txt", secret)
	writeFile(t, dir, "public-secret/canary.txt", secret)
	writeFile(t, dir, "public/index.html", "an old build "+canary)
	writeFile(t, dir, ".git/config", secret)
	for link, target := range map[string]string{
		"decisions/leak.txt":               filepath.Join(outside, "canary.txt"),
		"decisions/0099-leak.md":           filepath.Join(outside, "canary.md"),
		"decisions/leakdir":                filepath.Join(outside, "public-secret"),
		"content/secret":                   filepath.Join(outside, "public-secret"),
		"decisions/images/leak-sibling.md": filepath.Join(dir, "public-secret", "canary.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	// A file of the site folder that markdown links is published on
	// purpose (a repository's docs/img/); these links leave the site
	// folder or name a hidden file, and nothing links the site's own
	// public-secret/, whose name starts like the output folder's.
	writeFile(t, dir, "content/links-out.md", "---\ntitle: Links out\n---\nSee [the canary](../../canary.txt), ![it](../../public-secret/canary.txt) and [git](../.git/config).\n")
	return dir
}

// rawRequest sends request text over TCP and returns the status code and
// the whole response.
func rawRequest(t *testing.T, s *Server, request string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", s.Address().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%q: %v", request, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var b strings.Builder
	_ = resp.Header.Write(&b)
	return resp.StatusCode, b.String() + "\n" + string(body)
}

func noCORS(t *testing.T, what, response string) {
	t.Helper()
	if strings.Contains(strings.ToLower(response), "access-control-") {
		t.Errorf("%s: response has a CORS header", what)
	}
	if strings.Contains(response, canary) {
		t.Errorf("%s: response contains the canary", what)
	}
}

// TestPathsOutsideTheBuild sends, over raw TCP, every way of spelling a
// path out of the site that has bitten other preview servers. None gets
// anything but the build's own files.
func TestPathsOutsideTheBuild(t *testing.T) {
	dir := guardedSite(t)
	s := start(t, dir)
	host := s.Address().String()
	for _, c := range []struct {
		target string
		want   []int // acceptable statuses
	}{
		{"/../canary.txt", []int{400}},
		{"/../../canary.txt", []int{400}},
		{"/..%2fcanary.txt", []int{400}},
		{"/..%2Fcanary.txt", []int{400}},
		{"/%2e%2e/canary.txt", []int{400}},
		{"/%2E%2E/%2e%2e/canary.txt", []int{400}},
		{"/%2e%2e%2fcanary.txt", []int{400}},
		{"/decisions/%2e%2e/%2e%2e/canary.txt", []int{400}},
		{"/decisions/images/../../../canary.txt", []int{400}},
		{"/./canary.txt", []int{400}},
		{"/.%2e/canary.txt", []int{400}},
		{"/..\\canary.txt", []int{400}},
		{"/decisions\\..\\..\\canary.txt", []int{400}},
		{"/%5c..%5ccanary.txt", []int{400}},
		{"/canary.txt%00.html", []int{400}},
		{"/index.html%00", []int{400}},
		{"/%00", []int{400}},
		{"/index.html#/../../canary.txt", []int{400, 404}},
		{"/#/../canary.txt", []int{400, 404}},
		{"/%23/../canary.txt", []int{400}},
		{"//canary.txt", []int{404}},
		{"///../canary.txt", []int{400}},
		{"/public-secret/canary.txt", []int{404}},
		{"/public/../public-secret/canary.txt", []int{400}},
		{"/public/index.html", []int{404}},
		{"/.git/config", []int{404}},
		{"/decisions/leak.txt", []int{404}},
		{"/decisions/0099-leak/", []int{404}},
		{"/decisions/leakdir/canary.txt", []int{404}},
		{"/secret/canary/", []int{404}},
		{"/decisions/images/leak-sibling/", []int{404}},
		{"/canary.txt?raw", []int{404}},
		{"/canary.txt?import&raw=../canary.txt", []int{404}},
		{"/radar/kafka/index.html?raw=../../../canary.txt", []int{200}},
		{"/decisions/images/", []int{404}}, // a folder without a page: no listing
		{"/assets/", []int{404}},
		{"/links-out/", []int{200}},
		{"http://127.0.0.1/../canary.txt", []int{400}},
		{"*", []int{400, 405}},
	} {
		code, resp := rawRequest(t, s, "GET "+c.target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		if !contains(c.want, code) {
			t.Errorf("GET %s: status %d, want one of %v", c.target, code, c.want)
		}
		noCORS(t, "GET "+c.target, resp)
		if code == 404 && !strings.Contains(resp, "Page not found") {
			t.Errorf("GET %s: 404 without the site's 404 page", c.target)
		}
	}
	// The folder listing of decisions/images does not exist: its 404 names
	// no file in it.
	if _, resp := rawRequest(t, s, "GET /decisions/images/ HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); strings.Contains(resp, "message-flow.svg") {
		t.Error("a folder URL lists its files")
	}
	// The same through Go's client, which cleans some paths itself.
	for _, p := range []string{"/../canary.txt", "/decisions/leak.txt", "/public-secret/canary.txt", "/secret/canary.txt"} {
		resp, err := http.Get(s.URL() + strings.TrimPrefix(p, "/"))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(body), canary) {
			t.Errorf("client GET %s: %d", p, resp.StatusCode)
		}
	}
	// Every file the build made is clean too.
	for name, data := range s.cur.Load().files {
		if strings.Contains(string(data), canary) {
			t.Errorf("the build published the canary in %s", name)
		}
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// TestForeignHost: only requests naming this machine are answered, which
// defeats DNS rebinding.
func TestForeignHost(t *testing.T) {
	s := start(t, copySite(t))
	_, port, _ := net.SplitHostPort(s.Address().String())
	for _, c := range []struct {
		request string
		want    int
	}{
		{"GET / HTTP/1.1\r\nHost: evil.test\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: evil.test:" + port + "\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: localhost.evil.test:" + port + "\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.test\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: 192.168.0.5:" + port + "\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: 0.0.0.0:" + port + "\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: localhost.\r\n", 421},
		{"GET /__waymark/events HTTP/1.1\r\nHost: evil.test\r\n", 421},
		{"GET /assets/style.css HTTP/1.1\r\nHost: evil.test\r\n", 421},
		{"GET http://evil.test/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n", 421},
		{"GET / HTTP/1.0\r\n", 421},
		{"GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: LOCALHOST\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: [::1]:" + port + "\r\n", 200},
		{"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n", 405},
		{"OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.test\r\nAccess-Control-Request-Method: GET\r\n", 405},
		{"OPTIONS /__waymark/events HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.test\r\nAccess-Control-Request-Method: GET\r\n", 405},
	} {
		code, resp := rawRequest(t, s, c.request+"Connection: close\r\n\r\n")
		if code != c.want {
			t.Errorf("%q: status %d, want %d", c.request, code, c.want)
		}
		noCORS(t, c.request, resp)
		if c.want == 421 && strings.Contains(resp, "Acme") {
			t.Errorf("%q: a refused request got the site", c.request)
		}
	}
	// A name given in Hosts is answered.
	named := start(t, copySite(t), func(s *Server) { s.Hosts = []string{"preview.internal"} })
	if code, _ := rawRequest(t, named, "GET / HTTP/1.1\r\nHost: preview.internal\r\nConnection: close\r\n\r\n"); code != 200 {
		t.Errorf("configured host: %d", code)
	}
}

// TestReloadChannelOrigin: the reload stream accepts its own pages (and
// clients that send no Origin) and refuses every other origin.
func TestReloadChannelOrigin(t *testing.T) {
	s := start(t, copySite(t))
	_, port, _ := net.SplitHostPort(s.Address().String())
	for _, c := range []struct {
		origin string
		extra  http.Header
		want   int
	}{
		{"http://evil.test", nil, 403},
		{"null", nil, 403},
		{"http://192.168.0.5:" + port, nil, 403},
		{"http://10.0.0.1:" + port, nil, 403},
		{"http://127.0.0.1:1", nil, 403},
		{"https://127.0.0.1:" + port, nil, 403},
		{"http://127.0.0.1:" + port + ".evil.test", nil, 403},
		{"http://localhost.evil.test:" + port, nil, 403},
		{"file://", nil, 403},
		{"", http.Header{"Sec-Fetch-Site": {"cross-site"}}, 403},
		{"", http.Header{"Sec-Fetch-Site": {"same-site"}}, 403},
		{"http://127.0.0.1:" + port, nil, 200},
		{"http://localhost:" + port, nil, 200},
		{"http://[::1]:" + port, nil, 200},
		{"", nil, 200},
		{"", http.Header{"Sec-Fetch-Site": {"same-origin"}}, 200},
	} {
		h := http.Header{}
		for k, v := range c.extra {
			h[k] = v
		}
		if c.origin != "" {
			h.Set("Origin", c.origin)
		}
		st, code := connect(t, s, h)
		if code != c.want {
			t.Errorf("Origin %q %v: status %d, want %d", c.origin, c.extra, code, c.want)
		}
		if st != nil {
			if cors := st.resp.Header.Get("Access-Control-Allow-Origin"); cors != "" {
				t.Errorf("Origin %q: Access-Control-Allow-Origin %q", c.origin, cors)
			}
			st.resp.Body.Close()
		}
	}
	// The channel is one-way: what a client sends is never read.
	code, resp := rawRequest(t, s, "POST /__waymark/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
	if code != 405 {
		t.Errorf("POST to the reload channel: %d", code)
	}
	noCORS(t, "POST events", resp)
}

// TestListenAddresses: a missing host means loopback; other addresses
// are not loopback and so get the command's warning.
func TestListenAddresses(t *testing.T) {
	for _, c := range []struct {
		in, want string
		loopback bool
	}{
		{"", "127.0.0.1:1313", true},
		{":0", "127.0.0.1:0", true},
		{":1313", "127.0.0.1:1313", true},
		{"localhost:8080", "localhost:8080", true},
		{"[::1]:0", "[::1]:0", true},
		{"127.0.0.2:0", "127.0.0.2:0", true},
		{"0.0.0.0:1313", "0.0.0.0:1313", false},
		{"[::]:1313", "[::]:1313", false},
		{"192.168.0.5:1313", "192.168.0.5:1313", false},
	} {
		got, err := ListenAddr(c.in)
		if err != nil || got != c.want {
			t.Errorf("ListenAddr(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if IsLoopback(got) != c.loopback {
			t.Errorf("IsLoopback(%q) = %v", got, !c.loopback)
		}
	}
	if _, err := ListenAddr("1313"); err == nil {
		t.Error("ListenAddr(1313): no error")
	}
	// ":0" listens on loopback only.
	s := start(t, copySite(t), func(s *Server) { s.Addr = ":0" })
	if ip := s.Address().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf(":0 listens on %v", ip)
	}
	// A busy port is an error from Open, at once.
	busy := &Server{Addr: s.Address().String(), Rebuild: func([]string) Result { return Result{Files: map[string][]byte{}} }}
	if err := busy.Open(); err == nil {
		busy.Close()
		t.Error("a second server on the same port opened")
	}
}
