package search

import (
	"bytes"
	"fmt"
	"strconv"
)

// Each file of the index is a script rather than plain JSON, so that a
// search page opened from disk, where browsers refuse fetch, can still load
// it with a script element. A file holds one call:
//
//	waymarkSearchData("t/3",[…]);
//
// Over HTTP search.js fetches the file and parses the JSON inside the call
// (Unwrap does the same in Go); from disk it defines waymarkSearchData and
// adds the file as a script. JSON is valid JavaScript, and Go's encoder
// escapes U+2028 and U+2029 and <, > and & in it.
const dataCall = "waymarkSearchData"

// fileName returns the name of the file of the index with the given id
// ("docs", "t/3", "v/0").
func fileName(id string) string { return id + ".js" }

// appendHead appends the start of the file with the given id, up to its
// JSON.
func appendHead(b []byte, id string) []byte {
	b = append(b, dataCall+"("...)
	b = strconv.AppendQuote(b, id) // ids are short ASCII paths: Go's and JSON's quoting agree
	return append(b, ',')
}

// dataTail ends every file of the index.
const dataTail = ");"

// wrap returns the file with the given id holding data (JSON).
func wrap(id string, data []byte) []byte {
	out := appendHead(make([]byte, 0, len(data)+len(id)+len(dataCall)+6), id)
	out = append(out, data...)
	return append(out, dataTail...)
}

// Unwrap returns the JSON inside the file of the index with the given id.
func Unwrap(id string, file []byte) ([]byte, error) {
	head := appendHead(nil, id)
	if !bytes.HasPrefix(file, head) || !bytes.HasSuffix(file, []byte(dataTail)) {
		return nil, fmt.Errorf("%s: not a file of the search index", fileName(id))
	}
	return file[len(head) : len(file)-len(dataTail)], nil
}
