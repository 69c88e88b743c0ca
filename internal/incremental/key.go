package incremental

import (
	"hash/maphash"
	"reflect"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/page"
)

// Pages are reused from the previous build by fingerprint: a hash of
// everything a page is made from (kind, path, the whole view, followed
// through pointers, and its markdown with the resolver's answers). A view
// type that holds a func or a channel cannot be fingerprinted, and its
// pages are always rendered.

type pageEntry struct {
	key uint64
	out []byte
}

// docKey fingerprints a document and the resolver's answers: what its
// rendered markdown depends on.
func (m *memo) docKey(doc *markdown.Doc) uint64 {
	var h maphash.Hash
	h.SetSeed(m.seed)
	h.WriteString(doc.Source)
	h.WriteByte(0)
	h.WriteString(doc.URL)
	maphash.WriteComparable(&h, doc.BodyLine)
	maphash.WriteComparable(&h, m.epoch)
	h.Write(doc.Body)
	return h.Sum64()
}

// jobKey fingerprints everything a templated page is made from: its kind,
// path, view and markdown. ok is false when the view holds something that
// cannot be fingerprinted (a func, a channel, a cycle); such a page is
// always rendered.
func (m *memo) pageKey(p page.Page, docKey uint64) (key uint64, ok bool) {
	var h maphash.Hash
	h.SetSeed(m.seed)
	h.WriteString(p.Kind)
	h.WriteByte(0)
	h.WriteString(p.Path)
	h.WriteByte(0)
	if !m.hashValue(&h, reflect.ValueOf(p.View), 0) {
		return 0, false
	}
	maphash.WriteComparable(&h, docKey)
	return h.Sum64() | 1, true // never 0, which means "no key"
}

// hashValue writes v into h, following pointers; it reports false for
// what it cannot fingerprint.
func (m *memo) hashValue(h *maphash.Hash, v reflect.Value, depth int) bool {
	if depth > 64 {
		return false
	}
	switch v.Kind() {
	case reflect.Invalid:
		h.WriteByte(0)
	case reflect.String:
		maphash.WriteComparable(h, v.Len())
		h.WriteString(v.String())
	case reflect.Bool:
		maphash.WriteComparable(h, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		maphash.WriteComparable(h, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		maphash.WriteComparable(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		maphash.WriteComparable(h, v.Float())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return true
		}
		h.WriteByte(1)
		if v.Kind() == reflect.Interface {
			h.WriteString(v.Elem().Type().String())
		}
		return m.hashValue(h, v.Elem(), depth+1)
	case reflect.Struct:
		h.WriteString(v.Type().String())
		for i := range v.NumField() {
			if !m.hashValue(h, v.Field(i), depth+1) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		maphash.WriteComparable(h, v.Len())
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.Write(v.Bytes())
			return true
		}
		for i := range v.Len() {
			if !m.hashValue(h, v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Map:
		// Independent of iteration order: add up the entries' hashes.
		var sum uint64
		iter := v.MapRange()
		for iter.Next() {
			var e maphash.Hash
			e.SetSeed(m.seed)
			if !m.hashValue(&e, iter.Key(), depth+1) || !m.hashValue(&e, iter.Value(), depth+1) {
				return false
			}
			sum += e.Sum64()
		}
		maphash.WriteComparable(h, v.Len())
		maphash.WriteComparable(h, sum)
	default: // func, chan, unsafe pointer, complex
		return false
	}
	return true
}

// Page returns the previous build's output of p when nothing it is made
// from changed; either way it returns the key of p's new output.
func (m *memo) Page(p page.Page) (uint64, []byte, []markdown.BrokenLink, bool) {
	var dk uint64
	if p.Body != nil {
		dk = m.docKey(p.Body)
	}
	key, ok := m.pageKey(p, dk)
	if !ok {
		return 0, nil, nil, false
	}
	m.mu.Lock()
	e, hit := m.pages[p.Path]
	var body bodyEntry
	if p.Body != nil {
		body, ok = m.bodies[p.Body.Source]
		hit = hit && ok && body.key == dk
	}
	m.mu.Unlock()
	if !hit || e.key != key {
		return key, nil, nil, false
	}
	return key, e.out, body.res.Broken, true
}

// KeepPage keeps a page's output under its key.
func (m *memo) KeepPage(name string, key uint64, out []byte) {
	if key == 0 {
		return
	}
	m.mu.Lock()
	m.pages[name] = pageEntry{key, out}
	m.mu.Unlock()
}

// prunePages forgets pages the site no longer has.
func (m *memo) prunePages() {
	keep := make(map[string]bool, len(m.jobs))
	for _, p := range m.jobs {
		keep[p.Path] = true
	}
	for p := range m.pages {
		if !keep[p] {
			delete(m.pages, p)
		}
	}
}
