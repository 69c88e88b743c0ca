package usage

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/waymark-dev/waymark/internal/diag"
)

// checkJSON refuses JSON nested deeper than MaxDepth before a decoder
// sees it. It only counts brackets outside strings; the decoder judges
// everything else.
func checkJSON(file string, data []byte) error {
	depth := 0
	for i := 0; i < len(data); {
		j := bytes.IndexAny(data[i:], `"{}[]`)
		if j < 0 {
			return nil
		}
		i += j
		switch data[i] {
		case '"':
			// Skip the string: to the next quote not escaped.
			for i++; i < len(data); {
				k := bytes.IndexAny(data[i:], `"\`)
				if k < 0 {
					return nil
				}
				i += k
				if data[i] == '\\' {
					i += 2
					continue
				}
				break
			}
		case '{', '[':
			depth++
			if depth > MaxDepth {
				return diag.Errorf(file, lineAt(data, i), "flatten the file; no SBOM needs that depth", "JSON nested more than %d levels deep", MaxDepth)
			}
		default:
			depth--
		}
		i++
	}
	return nil
}

// lineAt returns the line of the byte at offset.
func lineAt(data []byte, offset int) int {
	offset = max(0, min(offset, len(data)))
	return bytes.Count(data[:offset], []byte{'\n'}) + 1
}

// jsonProblem turns an encoding/json (or JSON v2) error into a problem at its line,
// naming the JSON path of a value of the wrong type.
func jsonProblem(file string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var syn2 *jsontext.SyntacticError
	var sem2 *jsonv2.SemanticError
	switch {
	case errors.As(err, &syn2):
		return diag.Errorf(file, lineAt(data, int(syn2.ByteOffset)), "fix the JSON syntax", "not valid JSON: %v", cmp.Or[error](syn2.Err, syn2))
	case errors.As(err, &sem2) && sem2.JSONKind != 0 && sem2.GoType != nil:
		where := pathAt(data, int(sem2.ByteOffset))
		if where == "" {
			where = "the document"
		}
		return diag.Errorf(file, lineAt(data, int(sem2.ByteOffset)), "write "+where+" as the format's schema says",
			"%s: a JSON %s where %s belongs", where, kindName(sem2.JSONKind), goKind(sem2.GoType))
	case errors.As(err, &sem2):
		where := pathAt(data, int(sem2.ByteOffset))
		if where == "" {
			where = "the document"
		}
		return diag.Errorf(file, lineAt(data, int(sem2.ByteOffset)), "write "+where+" as the format's schema says", "%s: %v", where, cmp.Or[error](sem2.Err, sem2))
	case errors.As(err, &syn):
		return diag.Errorf(file, lineAt(data, int(syn.Offset)), "fix the JSON syntax", "not valid JSON: %v", syn)
	case errors.As(err, &typ):
		where := pathAt(data, int(typ.Offset))
		if where == "" {
			where = "the document"
		}
		return diag.Errorf(file, lineAt(data, int(typ.Offset)), "write "+where+" as the format's schema says",
			"%s: a JSON %s where %s belongs", where, typ.Value, goKind(typ.Type))
	case errors.Is(err, errEmpty):
		return diag.Errorf(file, 1, "write the SBOM again", "the file is empty")
	}
	var p *diag.Problem
	if errors.As(err, &p) {
		return p
	}
	return diag.Errorf(file, 1, "check that the file is what its name says", "%v", err)
}

var errEmpty = errors.New("empty file")

// pathAt returns the JSON path of the value that ends at offset, such as
// components[3].version: encoding/json names struct fields but neither
// array indices nor map keys.
func pathAt(data []byte, offset int) string {
	type frame struct {
		array     bool
		index     int
		key       string
		expectKey bool
	}
	var stack []frame
	for i := 0; i < len(data) && i < offset; i++ {
		switch c := data[i]; c {
		case '"':
			start := i + 1
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].expectKey && i <= len(data) {
				stack[n-1].key, stack[n-1].expectKey = string(data[start:min(i, len(data))]), false
			}
		case '{', '[':
			stack = append(stack, frame{array: c == '[', expectKey: c == '{'})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].array {
					stack[n-1].index++
				} else {
					stack[n-1].expectKey = true
				}
			}
		}
	}
	var b strings.Builder
	for _, f := range stack {
		switch {
		case f.array:
			fmt.Fprintf(&b, "[%d]", f.index)
		case f.key == "":
		case plainKey(f.key):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		default:
			fmt.Fprintf(&b, "[%s]", strconv.Quote(f.key))
		}
	}
	return b.String()
}

// plainKey reports whether a key can follow a dot in a path.
func plainKey(k string) bool {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// kindName names the kind of a JSON value as encoding/json's errors do.
func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return k.String()
}

// goKind names a Go type as a JSON kind for messages, with its article.
// Types named ...Version or ...Type are strings in JSON (cyclonedx-go
// decodes them from strings).
func goKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n := t.Name(); strings.HasSuffix(n, "Version") || strings.HasSuffix(n, "Type") {
		return "a string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16,
		reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return "an object"
}

// stringLines finds every `"key": "value"` in data and returns the lines
// each value was found on, in file order: cheap positions for components
// that the decoders do not report.
func stringLines(data []byte, key string) map[string][]int {
	out := map[string][]int{}
	needle := []byte(`"` + key + `"`)
	line, last := 1, 0
	for i := 0; ; {
		start, end := nextString(data, needle, i)
		if start < 0 {
			return out
		}
		line += bytes.Count(data[last:start], []byte{'\n'})
		last = start
		v := string(data[start+1 : end])
		if strings.IndexByte(v, '\\') >= 0 {
			if u, err := jsontext.AppendUnquote(nil, data[start:end+1]); err == nil {
				v = string(u)
			}
		}
		out[v] = append(out[v], line)
		i = end + 1
	}
}

// nextString finds the next `"key": "value"` (needle is the quoted key)
// in data from offset from, and returns the offsets of the value's quotes;
// start is -1 when there is none. A key followed by anything but a string
// is passed over.
func nextString(data, needle []byte, from int) (start, end int) {
	for i := from; ; {
		j := bytes.Index(data[i:], needle)
		if j < 0 {
			return -1, -1
		}
		k := i + j + len(needle)
		for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n' || data[k] == ':') {
			k++
		}
		i = k
		if k >= len(data) || data[k] != '"' {
			continue
		}
		end := k + 1
		for end < len(data) && data[end] != '"' {
			if data[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(data) {
			return -1, -1
		}
		return k, end
	}
}
