package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/meta"
)

// jsonValue is a JSON value and the file line where it starts.
type jsonValue struct {
	raw   json.RawMessage
	start int // byte offset in the file
	line  int
}

// jsonFile reads the JSON file being imported: its top-level object's
// values by key, each with its line. A file holding a bare array is
// taken as the value of "entries".
func (im *importer) jsonFile(fsys fs.FS) (data []byte, top map[string]jsonValue, ok bool) {
	data, err := fs.ReadFile(fsys, im.file)
	if err != nil {
		im.errorf(0, "", "cannot read: %v", err)
		return nil, nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("[")) {
		start := bytes.Index(data, []byte("["))
		return data, map[string]jsonValue{"entries": {raw: trimmed, start: start, line: lineAt(data, start)}}, true
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		im.jsonError(data, 0, dec.InputOffset(), err, "the file is not a JSON object")
		return nil, nil, false
	}
	top = map[string]jsonValue{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			im.jsonError(data, 0, dec.InputOffset(), err, "")
			return nil, nil, false
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			im.jsonError(data, 0, dec.InputOffset(), err, "")
			return nil, nil, false
		}
		start := int(dec.InputOffset()) - len(raw)
		top[key] = jsonValue{raw: raw, start: start, line: lineAt(data, start)}
	}
	return data, top, true
}

// elements splits a JSON array into its elements, each with its line.
func (im *importer) elements(data []byte, v jsonValue, what string) []jsonValue {
	base := v.start
	dec := json.NewDecoder(bytes.NewReader(v.raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		im.errorf(v.line, "make "+what+" a list: [ … ]", "%s is not a list", what)
		return nil
	}
	var out []jsonValue
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			im.jsonError(data, base, dec.InputOffset(), err, "")
			return nil
		}
		start := base + int(dec.InputOffset()) - len(raw)
		out = append(out, jsonValue{raw: raw, start: start, line: lineAt(data, start)})
	}
	return out
}

// decode decodes one value, reporting a type error at its line.
func (im *importer) decode(data []byte, v jsonValue, into any, where string) bool {
	err := json.Unmarshal(v.raw, into)
	if err == nil {
		return true
	}
	line := v.line
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line = lineAt(data, v.start+int(te.Offset))
		im.errorf(line, "fix the value's type", "%s: %s is %s, want %s", where, cmpOr(te.Field, "value"), te.Value, te.Type)
		return false
	}
	im.errorf(line, "", "%s: %v", where, err)
	return false
}

func (im *importer) jsonError(data []byte, base int, off int64, err error, msg string) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		im.errorf(lineAt(data, base+int(se.Offset)), "fix the JSON syntax", "%v", se)
		return
	}
	if msg == "" && err != nil {
		msg = err.Error()
	}
	im.errorf(lineAt(data, base+int(off)), "", "%s", msg)
}

// lineAt returns the line of byte offset off in data.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// parseDate reads the dates radar tools write: YYYY-MM-DD with or without
// a time, an RFC 3339 timestamp, or a month as YYYY-MM or YYYY.MM (its
// first day).
func parseDate(s string) (meta.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := meta.ParseDate(s); err == nil {
		return d, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return meta.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
	}
	for _, layout := range []string{"2006-01", "2006.01", "2006.1"} {
		if t, err := time.Parse(layout, s); err == nil {
			return meta.Date{Year: t.Year(), Month: t.Month(), Day: 1}, nil
		}
	}
	return meta.Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
}

// writeJSON writes v indented, without HTML escaping, ending in a newline.
func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
