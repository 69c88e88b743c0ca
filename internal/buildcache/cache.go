// Package buildcache keeps the work of `waymark build` on disk, so that
// building a site again redoes only what changed since an earlier build.
//
// # What it keeps
//
// A Build is the render.Reuse of one build: the renderer asks it for
// rendered markdown, whole pages (templated and minified), minified files,
// the files made from the site's metadata (feed, sitemap, index.json) and
// the search index, and it answers from the cache when the entry's key
// matches, or lets the renderer do the work and keeps the result. Each key
// is a SHA-256 of everything the entry is made from:
//
//   - every key: waymark's own executable (so another version or build of
//     waymark never reads this one's entries), the site's configuration as
//     loaded (waymark.yaml with --base-url and --decisions applied) and
//     every file of the theme (the site's own over the built-in one);
//   - rendered markdown: the document's source path, URL, first line and
//     bytes, and every answer link rewriting can get (all page URLs and
//     published files);
//   - a page: its kind, path, its whole view (followed through pointers),
//     and its markdown's key;
//   - a minified file: its name and bytes;
//   - feed, sitemap, index.json and the search index: the whole loaded
//     site (records, blips, pages with their bodies, usage as judged, the
//     published files) and the day of the build.
//
// A Stamp is kept per output folder: what the last build into it read,
// its options and the fingerprint of what it published, so that a build
// of the same inputs into the untouched folder does nothing (stamp.go).
//
// Parse results are not kept. Loading reads every source anyway (its
// bytes are what a key would be made from), and parsing front matter is a
// small part of a build next to markdown, templates and minification; a
// decoded entry would cost about what parsing costs.
//
// # On disk
//
// The cache of a site is a folder of its own (Dir: the user's cache
// folder, waymark/, and the site folder's name with a hash of its path).
// Each entry is a file named by its key, under a folder per kind: a
// header with a CRC-32C checksum and the length, then the data. An entry
// is written to a temporary file and renamed into place, so a reader sees
// a whole entry or none; a damaged entry (a disk error, a truncated copy)
// fails its checksum, is reported through Options.Warn and is made and
// written again. Builds of the same site at the same time share the
// folder: entries are the same bytes under the same name whoever writes
// them.
//
// # Size
//
// The cache is kept under Options.MaxBytes: a build that wrote entries
// adds their size to a running total, and when the total passes the
// limit the least recently used entries (by modification time, which a
// read renews once an hour at most) are removed down to three quarters
// of it. Trimming holds the cache folder's lock (output.TryLock, the lock
// of output folders), and a build that finds it held skips trimming; an
// entry removed under a reading build is a miss there, made again.
package buildcache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// DefaultMaxBytes is the size the cache of a site is kept under when
// Options.MaxBytes is 0.
const DefaultMaxBytes = 2 << 30

// Options say where the cache is and what identifies this waymark.
type Options struct {
	Dir      string // the cache folder of this site (see Dir)
	MaxBytes int64  // 0: DefaultMaxBytes
	// Version identifies the waymark that builds: entries of another are
	// never read (Executable returns the hash of the running program).
	Version []byte
	// Warn receives a message for each damaged entry; nil drops them.
	Warn func(msg string)
}

// Cache is the cache folder of one site, opened for one build.
type Cache struct {
	dir     string
	max     int64
	version [32]byte
	warn    func(string)
	written atomic.Int64 // bytes of entries this process wrote
	mu      sync.Mutex
	warned  int
}

// Open opens (creating it) the cache folder opts.Dir.
func Open(opts Options) (*Cache, error) {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("build cache %s: %w; pass --cache-dir with a folder you can write, or --no-cache", opts.Dir, err)
	}
	c := &Cache{dir: opts.Dir, max: opts.MaxBytes, version: sha256.Sum256(opts.Version), warn: opts.Warn}
	if c.max <= 0 {
		c.max = DefaultMaxBytes
	}
	return c, nil
}

// Dir returns the cache folder of the site folder siteDir under root:
// the folder's name and a hash of its absolute path, so that two sites
// never share entries and the folder still says whose it is.
func Dir(root, siteDir string) (string, error) {
	abs, err := filepath.Abs(siteDir)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(root, filepath.Base(abs)+"-"+hex.EncodeToString(sum[:6])), nil
}

// DefaultRoot is the folder that holds the caches of all sites:
// waymark/ in the user's cache folder.
func DefaultRoot() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder: %w; set WAYMARK_CACHE_DIR or pass --cache-dir, or --no-cache", err)
	}
	return filepath.Join(d, "waymark"), nil
}

// Executable returns a hash of the running program's file, the version
// that keys every entry: a rebuilt waymark, even of the same commit with
// other changes, never reads entries another one wrote.
func Executable() ([]byte, error) {
	p, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := f.WriteTo(h); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// Close trims the cache when this build took it over its size.
func (c *Cache) Close() error {
	if c.written.Load() == 0 {
		return nil
	}
	return c.trim()
}

// warnf reports a damaged entry, ten at most per build.
func (c *Cache) warnf(format string, args ...any) {
	if c.warn == nil {
		return
	}
	c.mu.Lock()
	c.warned++
	n := c.warned
	c.mu.Unlock()
	switch {
	case n <= 10:
		c.warn(fmt.Sprintf(format, args...))
	case n == 11:
		c.warn("more damaged build cache entries; each is built again")
	}
}
