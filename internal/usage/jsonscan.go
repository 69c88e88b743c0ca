package usage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

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

// jsonProblem turns an encoding/json error into a problem at its line,
// naming the JSON path of a value of the wrong type.
func jsonProblem(file string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return diag.Errorf(file, lineAt(data, int(syn.Offset)), "fix the JSON syntax", "not valid JSON: %v", syn)
	case errors.As(err, &typ):
		where := pathAt(data, int(typ.Offset))
		if where == "" {
			where = "the document"
		}
		return diag.Errorf(file, lineAt(data, int(typ.Offset)), "write "+where+" as the format's schema says",
			"%s: a JSON %s where a %s belongs", where, typ.Value, goKind(typ.Type.String()))
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

// goKind names a Go type as a JSON kind for messages.
func goKind(t string) string {
	switch {
	case strings.Contains(t, "string") || strings.HasSuffix(t, "Version") || strings.HasSuffix(t, "Type"):
		return "string"
	case strings.HasPrefix(t, "[]") || strings.HasPrefix(t, "*[]"):
		return "list"
	case strings.Contains(t, "int") || strings.Contains(t, "float"):
		return "number"
	case t == "bool":
		return "true or false"
	}
	return "object"
}

// stringLines finds every `"key": "value"` in data and returns the lines
// each value was found on, in file order: cheap positions for components
// that the decoders do not report.
func stringLines(data []byte, key string) map[string][]int {
	out := map[string][]int{}
	needle := []byte(`"` + key + `"`)
	line, last := 1, 0
	for i := 0; ; {
		j := bytes.Index(data[i:], needle)
		if j < 0 {
			return out
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
			return out
		}
		line += bytes.Count(data[last:k], []byte{'\n'})
		last = k
		v := string(data[k+1 : end])
		if strings.IndexByte(v, '\\') >= 0 {
			if u, err := strconv.Unquote(`"` + v + `"`); err == nil {
				v = u
			}
		}
		out[v] = append(out[v], line)
		i = end + 1
	}
}
