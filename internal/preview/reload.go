package preview

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

// event is one Server-Sent Event.
type event struct {
	name, data string
}

// hub fans events out to the connected reload streams.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
}

func (h *hub) init() { h.clients = map[chan event]struct{}{} }

func (h *hub) add() chan event {
	c := make(chan event, 16)
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	return c
}

func (h *hub) remove(c chan event) {
	h.mu.Lock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c)
	}
	h.mu.Unlock()
}

// send queues e for every stream. A stream too slow to take it is closed:
// its browser reconnects, is told the current version and reloads.
func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- e:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

// count returns the number of connected streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// events is the reload stream. It is one-way: nothing the client sends is
// read. Requests from another origin are refused.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if !s.sameOrigin(r) {
		http.Error(w, "waymark preview: the reload channel is only for pages of "+s.URL(), http.StatusForbidden)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := s.hub.add()
	defer s.hub.remove(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	// Reconnect quickly after a restart; say which build is live.
	fmt.Fprintf(w, "retry: 500\n\nevent: hello\ndata: %d\n\n", s.cur.Load().version)
	flusher.Flush()
	for {
		select {
		case e, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			flusher.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// sameOrigin accepts requests that carry no Origin (same-origin
// EventSource requests and non-browser clients) or whose Origin is this
// server under an allowed host name. "null", other hosts, other ports and
// other addresses are refused; so is a browser's own word that the request
// is cross-site.
func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	origins := r.Header.Values("Origin")
	if len(origins) == 0 {
		return true
	}
	if len(origins) > 1 {
		return false
	}
	u, err := url.Parse(origins[0])
	if err != nil || u.Scheme != "http" || u.Path != "" || u.User != nil || !s.allowedHost(u.Host) {
		return false
	}
	_, port, _ := net.SplitHostPort(s.ln.Addr().String())
	return u.Port() == port
}

// cssData is the data of a "css" event: the new version and the URL paths
// of the changed stylesheets.
func cssData(version int64, names []string) string {
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = "/" + n
	}
	data, _ := json.Marshal(struct {
		Version string   `json:"version"`
		Paths   []string `json:"paths"`
	}{strconv.FormatInt(version, 10), paths})
	return string(data)
}

// reloadScript keeps a page up to date; see the package comment.
const reloadScript = `(() => {
  "use strict";
  const me = document.currentScript;
  let version = me ? me.dataset.version : "";
  const es = new EventSource("/__waymark/events");
  es.addEventListener("hello", (e) => {
    if (e.data !== version) location.reload();
    else window.waymarkConnected = true; // for tests: the page is listening
  });
  es.addEventListener("reload", () => { es.close(); location.reload(); });
  es.addEventListener("css", (e) => {
    const msg = JSON.parse(e.data);
    version = msg.version;
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(link.href, location.href);
      if (u.origin === location.origin && msg.paths.includes(u.pathname)) {
        u.searchParams.set("v", msg.version);
        link.href = u.href;
      }
    }
  });
})();
`
