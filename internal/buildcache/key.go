package buildcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"reflect"
	"slices"
)

// hasher takes the SHA-256 of what a cache entry is made from. Small
// writes are gathered in a buffer: a view is thousands of short strings.
// Every variable-length part is written with its length, so that no two
// different inputs write the same bytes.
type hasher struct {
	h   hash.Hash
	buf []byte
	// indexes says whether unexported maps and structs are hashed: a
	// page's view takes them in (a method could show them); the whole
	// site does not, since there they are indexes of what its slices hold,
	// memos (the licence policy's verdicts) and locks.
	indexes bool
}

func newHasher() *hasher { return &hasher{h: sha256.New(), buf: make([]byte, 0, 8<<10)} }

func (h *hasher) flush() {
	h.h.Write(h.buf)
	h.buf = h.buf[:0]
}

func (h *hasher) u64(v uint64) {
	if len(h.buf)+8 > cap(h.buf) {
		h.flush()
	}
	h.buf = binary.LittleEndian.AppendUint64(h.buf, v)
}

func (h *hasher) bytes(b []byte) {
	h.u64(uint64(len(b)))
	if len(b) > cap(h.buf)/2 {
		h.flush()
		h.h.Write(b)
		return
	}
	if len(h.buf)+len(b) > cap(h.buf) {
		h.flush()
	}
	h.buf = append(h.buf, b...)
}

func (h *hasher) str(s string) {
	h.u64(uint64(len(s)))
	if len(s) > cap(h.buf)/2 {
		h.flush()
		h.h.Write([]byte(s))
		return
	}
	if len(h.buf)+len(s) > cap(h.buf) {
		h.flush()
	}
	h.buf = append(h.buf, s...)
}

func (h *hasher) key(k [32]byte) { h.bytes(k[:]) }

func (h *hasher) sum() (k [32]byte) {
	h.flush()
	h.h.Sum(k[:0])
	return k
}

// maxDepth bounds how deep value follows pointers: a cycle is not
// hashable, and its page is never taken from the cache.
const maxDepth = 64

// value writes v, following pointers; it reports false for what has no
// stable hash (a func, a channel, a cycle), which then is never cached.
func (h *hasher) value(v reflect.Value, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch v.Kind() {
	case reflect.Invalid:
		h.u64(0)
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.u64(1)
		} else {
			h.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.u64(0)
			return true
		}
		h.u64(1)
		if v.Kind() == reflect.Interface {
			h.str(v.Elem().Type().String())
		}
		return h.value(v.Elem(), depth+1)
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := v.Field(i)
			if !h.indexes && (f.Kind() == reflect.Map || f.Kind() == reflect.Struct) && !t.Field(i).IsExported() {
				continue
			}
			if !h.value(f, depth+1) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.bytes(v.Bytes())
			return true
		}
		h.u64(uint64(v.Len()))
		for i := range v.Len() {
			if !h.value(v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Map:
		// Independent of iteration order: the entries' hashes, sorted.
		sums := make([][32]byte, 0, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			e := &hasher{h: sha256.New(), buf: make([]byte, 0, 512), indexes: h.indexes}
			if !e.value(iter.Key(), depth+1) || !e.value(iter.Value(), depth+1) {
				return false
			}
			sums = append(sums, e.sum())
		}
		slices.SortFunc(sums, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
		h.u64(uint64(len(sums)))
		for _, s := range sums {
			h.key(s)
		}
	default: // func, chan, unsafe pointer, complex
		return false
	}
	return true
}
