package buildcache

import (
	"encoding/binary"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/search"
)

// encodeBody writes rendered output with the broken links of its
// markdown: their number, each line and target, then the output.
func encodeBody(broken []markdown.BrokenLink, out []byte) []byte {
	b := make([]byte, 0, len(out)+16)
	b = binary.AppendUvarint(b, uint64(len(broken)))
	for _, l := range broken {
		b = binary.AppendUvarint(b, uint64(l.Line))
		b = binary.AppendUvarint(b, uint64(len(l.Target)))
		b = append(b, l.Target...)
	}
	return append(b, out...)
}

// decodeBody reads what encodeBody wrote.
func decodeBody(data []byte) ([]markdown.BrokenLink, []byte, bool) {
	n, data, ok := uvarint(data)
	if !ok || n > uint64(len(data)) {
		return nil, nil, false
	}
	var broken []markdown.BrokenLink
	for range n {
		var line, size uint64
		if line, data, ok = uvarint(data); !ok {
			return nil, nil, false
		}
		if size, data, ok = uvarint(data); !ok || size > uint64(len(data)) {
			return nil, nil, false
		}
		broken = append(broken, markdown.BrokenLink{Line: int(line), Target: string(data[:size])})
		data = data[size:]
	}
	return broken, data, true
}

// encodeMarkdown writes rendered markdown: its headings (their number,
// then each level, text and id), then what encodeBody writes.
func encodeMarkdown(res markdown.Result) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(res.Headings)))
	for _, h := range res.Headings {
		b = binary.AppendUvarint(b, uint64(h.Level))
		b = binary.AppendUvarint(b, uint64(len(h.Text)))
		b = append(b, h.Text...)
		b = binary.AppendUvarint(b, uint64(len(h.ID)))
		b = append(b, h.ID...)
	}
	return append(b, encodeBody(res.Broken, res.HTML)...)
}

// decodeMarkdown reads what encodeMarkdown wrote.
func decodeMarkdown(data []byte) (markdown.Result, bool) {
	n, data, ok := uvarint(data)
	if !ok || n > uint64(len(data)) {
		return markdown.Result{}, false
	}
	var hs []markdown.Heading
	for range n {
		var level uint64
		var text, id []byte
		if level, data, ok = uvarint(data); !ok {
			return markdown.Result{}, false
		}
		if text, data, ok = chunk(data); !ok {
			return markdown.Result{}, false
		}
		if id, data, ok = chunk(data); !ok {
			return markdown.Result{}, false
		}
		hs = append(hs, markdown.Heading{Level: int(level), Text: string(text), ID: string(id)})
	}
	broken, html, ok := decodeBody(data)
	return markdown.Result{HTML: html, Broken: broken, Headings: hs}, ok
}

// encodeFiles writes named files: their number, then each name and data.
func encodeFiles(files []search.File) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(files)))
	for _, f := range files {
		b = binary.AppendUvarint(b, uint64(len(f.Name)))
		b = append(b, f.Name...)
		b = binary.AppendUvarint(b, uint64(len(f.Data)))
		b = append(b, f.Data...)
	}
	return b
}

// decodeFiles reads what encodeFiles wrote.
func decodeFiles(data []byte) ([]search.File, bool) {
	n, data, ok := uvarint(data)
	if !ok || n > uint64(len(data)) {
		return nil, false
	}
	files := make([]search.File, 0, n)
	for range n {
		var name, body []byte
		if name, data, ok = chunk(data); !ok {
			return nil, false
		}
		if body, data, ok = chunk(data); !ok {
			return nil, false
		}
		files = append(files, search.File{Name: string(name), Data: body})
	}
	return files, len(data) == 0
}

func uvarint(data []byte) (uint64, []byte, bool) {
	v, k := binary.Uvarint(data)
	if k <= 0 {
		return 0, nil, false
	}
	return v, data[k:], true
}

func chunk(data []byte) ([]byte, []byte, bool) {
	n, data, ok := uvarint(data)
	if !ok || n > uint64(len(data)) {
		return nil, nil, false
	}
	return data[:n], data[n:], true
}
