package preview

import (
	"bytes"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Paths the server answers itself; no build file can take them, since
// builds never write names starting with "__waymark".
const (
	eventsPath = "/__waymark/events"
	scriptPath = "/__waymark/reload.js"
)

// ServeHTTP answers every request: the reload stream and script, or a file
// of the current build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	// Other sites' pages may not load these responses as images, scripts
	// or styles. Framing stays allowed: editors show previews in frames.
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !s.allowedHost(r.Host) {
		http.Error(w, "waymark preview: this server does not answer for host "+strconv.Quote(r.Host)+"; open "+s.URL(), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write([]byte(reloadScript))
		return
	}
	name, ok := fileName(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	s.serveFile(w, r, name)
}

// allowedHost reports whether a Host header names this machine or one of
// the configured names.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	case "":
		return false
	}
	return slices.ContainsFunc(s.Hosts, func(h string) bool { return strings.EqualFold(h, host) })
}

// fileName maps a request's path to a name in the build's map. Paths with
// dot segments, backslashes, NUL bytes or encoded slashes are refused
// outright rather than cleaned, so that no two spellings reach one file.
func fileName(r *http.Request) (string, bool) {
	p := r.URL.Path
	raw := strings.ToLower(r.URL.EscapedPath())
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, true
}

// serveFile answers with a file of the current build.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	st := s.cur.Load()
	if st.files == nil {
		// No good build yet: every page is the overlay.
		if st.failed {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write(s.inject(errorPage, st))
			return
		}
		http.Error(w, "building", http.StatusServiceUnavailable)
		return
	}
	data, ok := st.files[name]
	status := http.StatusOK
	if !ok {
		if _, dir := st.files[name+"/index.html"]; dir && !strings.HasSuffix(name, ".html") {
			// The file's name is decoded: encode it again for the
			// Location header ("c#" would end the path there).
			target := "./" + (&url.URL{Path: path.Base(name)}).EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name, status = "404.html", http.StatusNotFound
		data, ok = st.files[name]
		if !ok {
			http.Error(w, "404 page not found", status)
			return
		}
	}
	ctype := contentType(name)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = s.inject(data, st)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// errorPage is the page shown before any build succeeded.
var errorPage = []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>waymark: the site has errors</title></head><body></body></html>`)

// inject adds the reload script, and the overlay when the last build
// failed, before the page's last </body>. The build's own bytes are not
// changed.
func (s *Server) inject(page []byte, st *state) []byte {
	tag := `<script src="` + scriptPath + `" data-version="` + strconv.FormatInt(st.version, 10) + `"></script>`
	var extra []byte
	if st.failed {
		extra = append(extra, st.overlay...)
	}
	extra = append(extra, tag...)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(extra))
	out = append(out, page[:i]...)
	out = append(out, extra...)
	return append(out, page[i:]...)
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}
