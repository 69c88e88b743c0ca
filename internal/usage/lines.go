package usage

import (
	"bytes"

	"github.com/go-json-experiment/json/jsontext"
)

// lineFinder finds the line of each component's `"key": "value"`, asked
// for in the order the decoder gave the components. That is the order
// of the file, and generators write a component's package URL before its
// nested components; so the next occurrence of the key after the last
// one found is nearly always the one asked for, and is found without a
// map of every value (which cost a seventh of reading an SBOM). When it
// is not, the value's first line in the file is looked up in such a map,
// made once.
type lineFinder struct {
	data   []byte
	key    string
	needle []byte
	at     int              // offset after the last value found in order
	line   int              // line at offset at
	all    map[string][]int // every value's lines; made when the order breaks
}

func newLineFinder(data []byte, key string) *lineFinder {
	return &lineFinder{data: data, key: key, needle: []byte(`"` + key + `"`), line: 1}
}

// find returns the line of value, or 0 when the file does not have it.
func (f *lineFinder) find(value string) int {
	if start, end := nextString(f.data, f.needle, f.at); start >= 0 && quotedEqual(f.data[start:end+1], value) {
		f.line += bytes.Count(f.data[f.at:start], []byte{'\n'})
		f.at = end + 1
		return f.line
	}
	if f.all == nil {
		f.all = stringLines(f.data, f.key)
	}
	return nthLine(f.all[value], 0)
}

// quotedEqual reports whether a JSON string as written (quotes, escapes
// and all) is value.
func quotedEqual(quoted []byte, value string) bool {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1:len(quoted)-1]) == value
	}
	u, err := jsontext.AppendUnquote(nil, quoted)
	return err == nil && string(u) == value
}
