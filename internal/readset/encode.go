package readset

import (
	"encoding/binary"
	"errors"
)

// Append appends rs to b in a form Decode reads back.
func (rs Reads) Append(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(rs)))
	for _, r := range rs {
		b = append(b, byte(r.Kind))
		b = binary.AppendUvarint(b, uint64(len(r.Path)))
		b = append(b, r.Path...)
		b = append(b, r.Sum[:]...)
	}
	return b
}

// errDecode is the error of bytes that are no encoded Reads.
var errDecode = errors.New("readset: not an encoded read set")

// Decode reads what Append wrote at the start of b and returns the rest.
func Decode(b []byte) (Reads, []byte, error) {
	n, k := binary.Uvarint(b)
	// Each read takes at least 34 bytes: a count beyond that is damage.
	if k <= 0 || n > uint64(len(b))/34 {
		return nil, nil, errDecode
	}
	b = b[k:]
	rs := make(Reads, 0, n)
	for range n {
		if len(b) < 1 {
			return nil, nil, errDecode
		}
		kind := Kind(b[0])
		l, k := binary.Uvarint(b[1:])
		if k <= 0 || l > uint64(len(b)) || uint64(len(b)) < 1+uint64(k)+l+32 || kind < File || kind > Link {
			return nil, nil, errDecode
		}
		b = b[1+k:]
		r := Read{Kind: kind, Path: string(b[:l])}
		copy(r.Sum[:], b[l:l+32])
		b = b[l+32:]
		rs = append(rs, r)
	}
	return rs, b, nil
}
