// Package meta cuts YAML front matter off markdown sources and decodes it,
// and configuration files, strictly into typed Go values.
//
// # Front matter
//
// A source may start with a UTF-8 byte-order mark (dropped) and blank lines,
// then a line "---", the YAML, and a closing "---". The body keeps its line
// numbers: Doc.BodyLine is the file line of the body's first line, so errors
// in the markdown point at the right place. Lines end at "\n", "\r\n" or a
// lone "\r", as in YAML and CommonMark; a lone "\r" becomes "\n" in Body.
// An opening "---" with no closing one is an error, not body text; so is a
// file that is not valid UTF-8, and front matter in TOML (between lines
// "+++", as Hugo writes it): it is refused rather than read, because
// waymark's checks of keys, types and lines are made on YAML, and rather
// than shown as body text.
//
// # Strict decoding
//
// Decode rejects unknown keys, duplicate keys and values of the wrong type,
// each as a diag.Problem with the file and line. Doc.Decode, for front
// matter, lets through the navigation keys of other documentation tools
// (ForeignKeys) that published decision folders carry. A document whose aliases
// would expand beyond 100,000 values is refused before anything expands
// them, so alias bombs fail fast. Inputs larger than MaxSize are refused
// before parsing.
package meta

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/diag"
)

// MaxSize is the largest source file waymark reads, in bytes.
const MaxSize = 8 << 20

// Doc is a source split into front matter and body.
type Doc struct {
	File     string     // path of the source, for messages
	Meta     *yaml.Node // the front matter document, nil when there is none
	MetaLine int        // file line of the front matter's first line
	Body     []byte     // everything after the closing "---"
	BodyLine int        // file line of Body's first line
}

var bom = []byte("\xef\xbb\xbf")

// Split cuts the front matter off src. It uses adrg/frontmatter to find the
// block and go.yaml.in/yaml/v3 to parse it into a node tree.
func Split(file string, src []byte) (*Doc, error) {
	if len(src) > MaxSize {
		return nil, diag.Errorf(file, 1, fmt.Sprintf("split it; files above %d MiB are refused", MaxSize>>20), "file is %d bytes", len(src))
	}
	src = loneCRs(bytes.TrimPrefix(src, bom))
	if !utf8.Valid(src) {
		return nil, diag.Errorf(file, invalidUTF8Line(src), "save the file as UTF-8", "invalid UTF-8")
	}
	doc := &Doc{File: file, Body: src, BodyLine: 1}
	open := openingLine(src, "---")
	if open == 0 {
		if toml := openingLine(src, "+++"); toml > 0 && closes(src, "+++") {
			return nil, diag.Errorf(file, toml, `write it as YAML between lines "---" (key: value)`,
				"front matter in TOML (between lines \"+++\") is not read")
		}
		return doc, nil
	}
	var raw []byte
	format := frontmatter.NewFormat("---", "---", func(data []byte, _ any) error {
		raw = data
		return nil
	})
	body, err := frontmatter.Parse(bytes.NewReader(src), nil, format)
	if err != nil {
		return nil, diag.Errorf(file, open, "", "reading front matter: %v", err)
	}
	if raw == nil {
		return nil, diag.Errorf(file, open, `close the front matter with a line "---"`, "front matter opened here is never closed")
	}
	doc.MetaLine = open + 1
	doc.Body = body
	doc.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return doc, nil
	}
	var node yaml.Node
	if err := yaml.Unmarshal(raw, &node); err != nil {
		return nil, yamlProblem(file, doc.MetaLine-1, err)
	}
	if err := checkAliases(file, doc.MetaLine-1, &node); err != nil {
		return nil, err
	}
	doc.Meta = &node
	return doc, nil
}

// loneCRs turns carriage returns that are not followed by a line feed into
// line feeds. YAML and CommonMark count a lone CR as a line break; counting
// lines by "\n" alone would put messages on the wrong line.
func loneCRs(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

// closes reports whether src has a second line that is delim, closing a
// block opened by its first.
func closes(src []byte, delim string) bool {
	seen := 0
	for line := range bytes.Lines(src) {
		if strings.TrimSpace(string(line)) == delim {
			if seen++; seen == 2 {
				return true
			}
		}
	}
	return false
}

// openingLine returns the line of the opening delim ("---"), or 0 when the
// source has no front matter: its first line that is not blank is not
// delim.
func openingLine(src []byte, delim string) int {
	line := 1
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		cur := src
		if end >= 0 {
			cur, src = src[:end], src[end+1:]
		} else {
			src = nil
		}
		switch strings.TrimSpace(string(cur)) {
		case "":
			line++
			continue
		case delim:
			return line
		}
		return 0
	}
	return 0
}

func invalidUTF8Line(src []byte) int {
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return line
}

// ParseYAML parses a whole YAML file, such as a configuration file.
func ParseYAML(file string, src []byte) (*yaml.Node, error) {
	if len(src) > MaxSize {
		return nil, diag.Errorf(file, 1, "", "file is %d bytes, more than the %d allowed", len(src), MaxSize)
	}
	src = loneCRs(bytes.TrimPrefix(src, bom))
	if !utf8.Valid(src) {
		return nil, diag.Errorf(file, invalidUTF8Line(src), "save the file as UTF-8", "invalid UTF-8")
	}
	var node yaml.Node
	if err := yaml.Unmarshal(src, &node); err != nil {
		return nil, yamlProblem(file, 0, err)
	}
	if err := checkAliases(file, 0, &node); err != nil {
		return nil, err
	}
	return &node, nil
}

var lineRE = regexp.MustCompile(`line (\d+): (.*)`)

// parserErrors are the messages of the YAML library's parser (as opposed
// to its scanner). It prints their lines counted from 0, one line early:
// an unclosed "[" on line 2 is reported at line 1.
var parserErrors = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlProblem turns a YAML library error into problems with file lines.
func yamlProblem(file string, offset int, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var errs []error
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		line := offset + 1
		if sub := lineRE.FindStringSubmatch(m); sub != nil {
			n, _ := strconv.Atoi(sub[1])
			line, m = offset+n, sub[2]
			if slices.Contains(parserErrors, m) {
				line++ // the library counts the lines of its parser's errors from 0
			}
		}
		if strings.Contains(m, "excessive aliasing") {
			errs = append(errs, diag.Errorf(file, line, "remove the YAML aliases", "YAML aliases expand too far"))
			continue
		}
		fix := "fix the YAML syntax"
		if strings.Contains(m, "; ") || strings.HasPrefix(m, "cannot unmarshal") {
			fix = "" // the message says what to write, or the fix below does
		}
		if strings.HasPrefix(m, "cannot unmarshal") {
			fix = "give the value the type this key expects"
		}
		errs = append(errs, diag.Errorf(file, line, fix, "%s", m))
	}
	return errors.Join(errs...)
}

// Decode decodes the front matter of doc strictly into v, a pointer to a
// struct with yaml tags. Top-level keys of ForeignKeys that v has no field
// for are left alone. A doc without front matter leaves v unchanged.
func (doc *Doc) Decode(v any) error {
	if doc.Meta == nil {
		return nil
	}
	return Decode(doc.File, doc.MetaLine-1, withoutForeign(doc.Meta, reflect.TypeOf(v).Elem()), v)
}

// ForeignKeys returns the front matter keys that other documentation tools
// read and waymark has no use for: the navigation of Jekyll's Just the
// Docs theme (which MADR's own decision folder uses) and of Docusaurus. A
// folder published with those tools has them in every record; refusing
// them would refuse the folder, and no waymark key is a typo of them.
func ForeignKeys() []string { return slices.Clone(foreignKeys) }

var foreignKeys = []string{
	"layout", "parent", "grand_parent", "nav_order", "nav_exclude", "has_children", "has_toc", "permalink",
	"sidebar_position", "sidebar_label", "sidebar_class_name",
}

// withoutForeign returns the front matter document n without its top-level
// foreign keys that t, a struct type, has no field for; n itself is not
// changed.
func withoutForeign(n *yaml.Node, t reflect.Type) *yaml.Node {
	if n.Kind != yaml.DocumentNode || len(n.Content) == 0 || n.Content[0].Kind != yaml.MappingNode || t.Kind() != reflect.Struct {
		return n
	}
	fields := fieldsOf(t)
	foreign := func(k *yaml.Node) bool {
		_, known := fields[k.Value]
		return !known && slices.Contains(foreignKeys, k.Value)
	}
	m := n.Content[0]
	var kept []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if !foreign(m.Content[i]) {
			kept = append(kept, m.Content[i], m.Content[i+1])
		}
	}
	if len(kept) == len(m.Content) {
		return n
	}
	mc, nc := *m, *n
	mc.Content = kept
	nc.Content = []*yaml.Node{&mc}
	return &nc
}

// Decode decodes node strictly into v; offset is added to the node's lines
// to make them file lines.
func Decode(file string, offset int, node *yaml.Node, v any) error {
	if node.Kind == yaml.DocumentNode {
		if len(node.Content) == 0 {
			return nil
		}
		node = node.Content[0]
	}
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		return nil
	}
	var errs []error
	checkKeys(file, offset, node, reflect.TypeOf(v).Elem(), &errs)
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := node.Decode(v); err != nil {
		var p *diag.Problem
		if errors.As(err, &p) {
			return err
		}
		return yamlProblem(file, offset, err)
	}
	return nil
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// checkKeys reports unknown and duplicate keys in mappings decoded into
// structs, recursing into nested structs, slices and pointers. Types with
// their own UnmarshalYAML check themselves.
func checkKeys(file string, offset int, node *yaml.Node, t reflect.Type, errs *[]error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) || node.Kind == yaml.AliasNode {
		return
	}
	switch t.Kind() {
	case reflect.Slice:
		if node.Kind == yaml.SequenceNode {
			for _, item := range node.Content {
				checkKeys(file, offset, item, t.Elem(), errs)
			}
		}
	case reflect.Map:
		if node.Kind == yaml.MappingNode {
			seen := map[string]int{}
			for i := 0; i+1 < len(node.Content); i += 2 {
				k := node.Content[i]
				if first, dup := seen[k.Value]; dup {
					*errs = append(*errs, diag.Errorf(file, offset+k.Line, "keep only one of them", "duplicate key %q (first at line %d)", k.Value, offset+first))
				}
				seen[k.Value] = k.Line
				checkKeys(file, offset, node.Content[i+1], t.Elem(), errs)
			}
		}
	case reflect.Struct:
		if node.Kind != yaml.MappingNode {
			return
		}
		fields := fieldsOf(t)
		seen := map[string]int{}
		for i := 0; i+1 < len(node.Content); i += 2 {
			k := node.Content[i]
			if first, dup := seen[k.Value]; dup {
				*errs = append(*errs, diag.Errorf(file, offset+k.Line, "keep only one of them", "duplicate key %q (first at line %d)", k.Value, offset+first))
				continue
			}
			seen[k.Value] = k.Line
			ft, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, diag.Errorf(file, offset+k.Line, "remove it or use one of: "+knownKeys(t), "unknown key %q", k.Value))
				continue
			}
			checkKeys(file, offset, node.Content[i+1], ft, errs)
		}
	}
}

func fieldsOf(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func knownKeys(t reflect.Type) string {
	var keys []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return strings.Join(keys, ", ")
}

// KeyLine returns the line of key in the top-level mapping of node, or 1.
func KeyLine(node *yaml.Node, key string) int {
	if node == nil {
		return 1
	}
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	if node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value == key {
				return node.Content[i].Line
			}
		}
	}
	return max(1, node.Line)
}

// Line returns the file line of key in the doc's front matter, or the line
// of the front matter's start when the key is absent.
func (doc *Doc) Line(key string) int {
	if doc.Meta == nil {
		return 1
	}
	return doc.MetaLine - 1 + KeyLine(doc.Meta, key)
}

// maxExpanded is the most nodes a YAML document may have once its aliases
// are expanded; front matter and configuration need a few hundred.
const maxExpanded = 100_000

// checkAliases refuses documents whose aliases expand into more than
// maxExpanded nodes ("billion laughs"), before anything expands them. The
// error names the line of the top-level entry that grows too large.
func checkAliases(file string, offset int, doc *yaml.Node) error {
	memo := map[*yaml.Node]int{}
	var size func(n *yaml.Node, depth int) int
	size = func(n *yaml.Node, depth int) int {
		if n == nil || depth > 200 {
			return maxExpanded + 1
		}
		if v, ok := memo[n]; ok {
			return v
		}
		total := 1
		if n.Kind == yaml.AliasNode {
			total += size(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			total += size(c, depth+1)
			if total > maxExpanded {
				break
			}
		}
		memo[n] = total
		return total
	}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	total := 1
	for i, c := range root.Content {
		total += size(c, 1)
		if total > maxExpanded {
			line := c.Line
			if root.Kind == yaml.MappingNode && i%2 == 1 {
				line = root.Content[i-1].Line
			}
			return diag.Errorf(file, offset+line, "remove the YAML aliases (*name) or expand them by hand",
				"YAML aliases expand to more than %d values", maxExpanded)
		}
	}
	return nil
}
