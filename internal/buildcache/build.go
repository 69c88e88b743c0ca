package buildcache

import (
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/site"
)

// Build is the cache as the render.Reuse of one build of a loaded site.
type Build struct {
	c      *Cache
	salt   [32]byte // waymark, the configuration, the theme
	epoch  [32]byte // the answers of link rewriting
	site   [32]byte // the whole loaded site, for files made from all of it
	siteOK bool     // the site could be hashed

	mu     sync.Mutex
	docs   map[[32]byte][]markdown.BrokenLink // markdown key → broken links, for the page entries
	pages  map[string]pageKey                 // page path → the key Page handed out
	hits   int
	misses int
}

type pageKey struct {
	full [32]byte
	doc  [32]byte
}

var _ render.Reuse = (*Build)(nil)

// For returns the Reuse of a build of s with theme th. It reads every
// file of the theme and hashes the whole site: what keys depend on.
func (c *Cache) For(s *site.Site, th *render.Theme) (*Build, error) {
	b := &Build{c: c, docs: map[[32]byte][]markdown.BrokenLink{}, pages: map[string]pageKey{}}
	h := newHasher()
	h.key(c.version)
	if !h.value(reflect.ValueOf(s.Config), 0) {
		return nil, errUnhashable("the configuration")
	}
	err := fs.WalkDir(th.Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(th.Files(), p)
		if err != nil {
			return err
		}
		h.str(p)
		h.bytes(data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.salt = h.sum()

	h = newHasher()
	for _, kv := range []map[string]string{s.PageURLs(), s.Assets} {
		h.u64(uint64(len(kv)))
		for _, k := range slices.Sorted(maps.Keys(kv)) {
			h.str(k)
			h.str(kv[k])
		}
	}
	b.epoch = h.sum()

	h = newHasher()
	h.key(b.salt)
	h.key(b.epoch)
	h.str(time.Now().Format(time.DateOnly))
	b.siteOK = true
	for _, v := range []any{s.Decisions, s.Radar, s.Pages, s.Usage} {
		b.siteOK = b.siteOK && h.value(reflect.ValueOf(v), 0)
	}
	b.site = h.sum()
	return b, nil
}

type errUnhashable string

func (e errUnhashable) Error() string { return string(e) + " cannot be hashed for the build cache" }

// docKey is the key of a document's rendered markdown.
func (b *Build) docKey(doc *markdown.Doc) [32]byte {
	h := newHasher()
	h.key(b.salt)
	h.key(b.epoch)
	h.str(doc.Source)
	h.str(doc.URL)
	h.u64(uint64(doc.BodyLine))
	h.bytes(doc.Body)
	return h.sum()
}

// Markdown returns the kept rendering of doc, or renders and keeps it.
func (b *Build) Markdown(doc *markdown.Doc, make func() (markdown.Result, error)) (markdown.Result, error) {
	key := b.docKey(doc)
	if data, ok := b.c.get("md", key); ok {
		if res, ok := decodeMarkdown(data); ok {
			b.remember(key, res.Broken)
			return res, nil
		}
	}
	res, err := make()
	if err == nil {
		b.c.put("md", key, encodeMarkdown(res))
		b.remember(key, res.Broken)
	}
	return res, err
}

func (b *Build) remember(key [32]byte, broken []markdown.BrokenLink) {
	b.mu.Lock()
	b.docs[key] = broken
	b.mu.Unlock()
}

// Page returns the kept output of p when everything it is made from is
// the same. The returned key is the first bytes of the full one, which
// KeepPage finds again by p's path.
func (b *Build) Page(p page.Page) (uint64, []byte, []markdown.BrokenLink, bool) {
	h := newHasher()
	h.indexes = true
	h.key(b.salt)
	h.str(p.Kind)
	h.str(p.Path)
	if !h.value(reflect.ValueOf(p.View), 0) {
		return 0, nil, nil, false
	}
	var pk pageKey
	if p.Body != nil {
		pk.doc = b.docKey(p.Body)
		h.key(pk.doc)
	}
	pk.full = h.sum()
	short := uint64(pk.full[0]) | uint64(pk.full[1])<<8 | uint64(pk.full[2])<<16 | uint64(pk.full[3])<<24 | 1
	if data, ok := b.c.get("page", pk.full); ok {
		if broken, out, ok := decodeBody(data); ok {
			b.count(true)
			return short, out, broken, true
		}
	}
	b.count(false)
	b.mu.Lock()
	b.pages[p.Path] = pk
	b.mu.Unlock()
	return short, nil, nil, false
}

func (b *Build) count(hit bool) {
	b.mu.Lock()
	if hit {
		b.hits++
	} else {
		b.misses++
	}
	b.mu.Unlock()
}

// KeepPage keeps a rendered page with the broken links of its markdown.
func (b *Build) KeepPage(path string, key uint64, out []byte) {
	b.mu.Lock()
	pk, ok := b.pages[path]
	broken := b.docs[pk.doc]
	b.mu.Unlock()
	if !ok || key == 0 {
		return
	}
	b.c.put("page", pk.full, encodeBody(broken, out))
}

// Generated returns the kept file made from the site's metadata.
func (b *Build) Generated(name string, make func() ([]byte, error)) ([]byte, error) {
	return b.whole("gen", name, make)
}

// whole returns a kept file made from the whole site, or makes and keeps
// it.
func (b *Build) whole(kind, name string, make func() ([]byte, error)) ([]byte, error) {
	if !b.siteOK {
		return make()
	}
	h := newHasher()
	h.key(b.site)
	h.str(name)
	key := h.sum()
	if data, ok := b.c.get(kind, key); ok {
		return data, nil
	}
	data, err := make()
	if err == nil {
		b.c.put(kind, key, data)
	}
	return data, err
}

// Minified returns the kept minification of the same bytes.
func (b *Build) Minified(name string, data []byte, make func() ([]byte, error)) ([]byte, error) {
	h := newHasher()
	h.key(b.salt)
	h.str(name)
	h.bytes(data)
	key := h.sum()
	if out, ok := b.c.get("min", key); ok {
		return out, nil
	}
	out, err := make()
	if err == nil {
		b.c.put("min", key, out)
	}
	return out, err
}

// SameText is false: every build of the command starts from the sources.
func (b *Build) SameText() bool { return false }

// Search returns the kept search index of the same site.
func (b *Build) Search(make func() ([]search.File, error)) ([]search.File, error) {
	var files []search.File
	data, err := b.whole("search", "index", func() ([]byte, error) {
		var err error
		files, err = make()
		if err != nil {
			return nil, err
		}
		return encodeFiles(files), nil
	})
	if err != nil || files != nil {
		return files, err
	}
	if files, ok := decodeFiles(data); ok {
		return files, nil
	}
	return make()
}

// Stats returns how many pages were taken from the cache and how many
// were rendered.
func (b *Build) Stats() (hits, misses int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hits, b.misses
}
