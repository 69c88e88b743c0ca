package meta_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// problems unpacks err, which may join several errors, into problems and
// fails the test for any error that is not a *diag.Problem.
func problems(t testing.TB, err error) []*diag.Problem {
	t.Helper()
	ps, others := diag.Split(err)
	for _, e := range others {
		t.Fatalf("error %q (%T) is not a *diag.Problem", e, e)
	}
	return ps
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		meta     bool // front matter decoded into a node
		metaLine int
		body     string
		bodyLine int
	}{
		{
			name: "no front matter", src: "# Title\n\nText.\n",
			body: "# Title\n\nText.\n", bodyLine: 1,
		},
		{
			name: "empty file", src: "",
			body: "", bodyLine: 1,
		},
		{
			name: "front matter", src: "---\ntitle: x\n---\n# Body\n",
			meta: true, metaLine: 2, body: "# Body\n", bodyLine: 4,
		},
		{
			name: "longer front matter", src: "---\ntitle: x\nstatus: accepted\ntags: [a, b]\n---\n\n# Body\ntext\n",
			meta: true, metaLine: 2, body: "\n# Body\ntext\n", bodyLine: 6,
		},
		{
			name: "byte-order mark", src: "\ufeff---\ntitle: x\n---\nbody\n",
			meta: true, metaLine: 2, body: "body\n", bodyLine: 4,
		},
		{
			name: "byte-order mark without front matter", src: "\ufeff# T\n",
			body: "# T\n", bodyLine: 1,
		},
		{
			name: "an unclosed +++ is text", src: "+++\n# Title\n",
			body: "+++\n# Title\n", bodyLine: 1,
		},
		{
			name: "+++ after text is text", src: "# Title\n+++\nx\n+++\n",
			body: "# Title\n+++\nx\n+++\n", bodyLine: 1,
		},
		{
			name: "leading blank lines", src: "\n\n---\ntitle: x\n---\nbody\n",
			meta: true, metaLine: 4, body: "body\n", bodyLine: 6,
		},
		{
			name: "leading whitespace-only lines", src: "  \n\t\n---\ntitle: x\n---\nbody\n",
			meta: true, metaLine: 4, body: "body\n", bodyLine: 6,
		},
		{
			name: "byte-order mark and blank lines", src: "\ufeff\n---\ntitle: x\n---\nbody\n",
			meta: true, metaLine: 3, body: "body\n", bodyLine: 5,
		},
		{
			name: "CRLF line endings", src: "---\r\ntitle: x\r\n---\r\nbody\r\n",
			meta: true, metaLine: 2, body: "body\r\n", bodyLine: 4,
		},
		{
			name: "lone CR line endings", src: "---\rtitle: x\r---\rbody\rmore\r",
			meta: true, metaLine: 2, body: "body\nmore\n", bodyLine: 4,
		},
		{
			name: "CR CR LF is two line breaks", src: "---\r\ntitle: x\r\r\n---\r\nbody\r\n",
			meta: true, metaLine: 2, body: "body\r\n", bodyLine: 5,
		},
		{
			name: "delimiters with trailing spaces", src: "--- \ntitle: x\n---  \nbody\n",
			meta: true, metaLine: 2, body: "body\n", bodyLine: 4,
		},
		{
			name: "empty front matter", src: "---\n---\nbody\n",
			metaLine: 2, body: "body\n", bodyLine: 3,
		},
		{
			name: "blank front matter", src: "---\n\n  \n---\nbody\n",
			metaLine: 2, body: "body\n", bodyLine: 5,
		},
		{
			name: "comment-only front matter", src: "---\n# nothing\n---\nbody\n",
			meta: true, metaLine: 2, body: "body\n", bodyLine: 4,
		},
		{
			name: "thematic breaks in the body stay", src: "---\na: 1\n---\nx\n---\ny\n",
			meta: true, metaLine: 2, body: "x\n---\ny\n", bodyLine: 4,
		},
		{
			name: "rule after text is not front matter", src: "text\n---\na: 1\n---\n",
			body: "text\n---\na: 1\n---\n", bodyLine: 1,
		},
		{
			name: "four dashes are not a delimiter", src: "----\na: 1\n----\n",
			body: "----\na: 1\n----\n", bodyLine: 1,
		},
		{
			name: "closing delimiter at end of file", src: "---\na: 1\n---",
			meta: true, metaLine: 2, body: "", bodyLine: 3,
		},
		{
			name: "no newline after body", src: "---\na: 1\n---\nlast",
			meta: true, metaLine: 2, body: "last", bodyLine: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := meta.Split("a.md", []byte(tt.src))
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if got, want := doc.File, "a.md"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if got, want := doc.Meta != nil, tt.meta; got != want {
				t.Errorf("Meta != nil = %v, want %v", got, want)
			}
			if got, want := doc.MetaLine, tt.metaLine; got != want {
				t.Errorf("MetaLine = %d, want %d", got, want)
			}
			if got, want := string(doc.Body), tt.body; got != want {
				t.Errorf("Body = %q, want %q", got, want)
			}
			if got, want := doc.BodyLine, tt.bodyLine; got != want {
				t.Errorf("BodyLine = %d, want %d", got, want)
			}
			// The body's first line is the file's line BodyLine.
			if len(doc.Body) > 0 {
				lines := strings.Split(string(editorLines([]byte(strings.TrimPrefix(tt.src, "\ufeff")))), "\n")
				first, _, _ := strings.Cut(string(doc.Body), "\n")
				if got, want := lines[doc.BodyLine-1], first; got != want {
					t.Errorf("file line %d = %q, body starts with %q", doc.BodyLine, got, want)
				}
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		text string // in Error()
	}{
		{"never closed", "---\ntitle: x\n\n# Body\n", 1, `close the front matter with a line "---"`},
		{"never closed after blank lines", "\n\n---\ntitle: x\n", 3, "never closed"},
		{"never closed after a byte-order mark", "\ufeff\n---\ntitle: x\n", 2, "never closed"},
		{"only an opening line", "---", 1, "never closed"},
		{"only an opening line and newline", "---\n", 1, "never closed"},
		{"invalid UTF-8 in the body", "---\ntitle: x\n---\nok\nbad \xff here\n", 5, "invalid UTF-8; save the file as UTF-8"},
		{"invalid UTF-8 in the front matter", "---\ntitle: \xc3\x28\n---\n", 2, "invalid UTF-8"},
		{"invalid UTF-8 on line 1", "\xfe", 1, "invalid UTF-8"},
		{"truncated rune at the end", "a\nb\nc\xe2\x82", 3, "invalid UTF-8"},
		// The YAML library's own line, moved down by the front matter's offset.
		{"YAML syntax error", "---\ntitle: x\nb: x\n  c: y\n---\n", 4, "mapping values are not allowed in this context; fix the YAML syntax"},
		{"YAML syntax error after blank lines", "\n\n---\na: 1\nb: @x\n---\n", 5, "cannot start any token"},
		{"YAML error without a line", "---\na: 1\nb: *nope\n---\n", 2, "unknown anchor"},
		// The library's parser counts from 0; its scanner from 1.
		{"unclosed flow sequence", "---\na: 1\ntags: [a, b\ntitle: x\n---\n", 3, "did not find expected ',' or ']'"},
		{"unclosed flow sequence after blank lines", "\n---\na: 1\n\ntags: [a,\n  b\nc: d\n---\n", 5, "did not find expected ',' or ']'"},
		{"unclosed flow mapping", "---\na: 1\nb: {c: 1\nd: 2\n---\n", 3, "did not find expected ',' or '}'"},
		{"extra closing bracket", "---\na: 1\nb: [x]]\n---\n", 3, "did not find expected key"},
		{"flow sequence then indented key", "---\na: 1\nb: [a, b]\n  c: 2\n---\n", 4, "did not find expected key"},
		{"TOML front matter", "+++\ntitle = \"x\"\n+++\n# Body\n", 1, `front matter in TOML (between lines "+++") is not read; write it as YAML`},
		{"TOML front matter after blank lines", "\n\n+++\na = 1\n+++\n", 3, "TOML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := meta.Split("decisions/0001-x.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("Split returned %+v, want an error", doc)
			}
			ps := problems(t, err)
			if got, want := len(ps), 1; got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			p := ps[0]
			if got, want := p.File, "decisions/0001-x.md"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if got, want := p.Line, tt.line; got != want {
				t.Errorf("Line = %d, want %d (%v)", got, want, err)
			}
			if got, want := p.Severity, diag.Error; got != want {
				t.Errorf("Severity = %v, want %v", got, want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not contain %q", err, tt.text)
			}
			if !strings.HasPrefix(err.Error(), "decisions/0001-x.md:") {
				t.Errorf("error %q does not start with file:line", err)
			}
		})
	}
}

func TestSplitMaxSize(t *testing.T) {
	src := bytes.Repeat([]byte("a"), meta.MaxSize+1)
	_, err := meta.Split("big.md", src)
	ps := problems(t, err)
	if got, want := len(ps), 1; got != want {
		t.Fatalf("%d problems, want %d", got, want)
	}
	if got, want := ps[0].File, "big.md"; got != want {
		t.Errorf("File = %q, want %q", got, want)
	}
	if got, want := ps[0].Line, 1; got != want {
		t.Errorf("Line = %d, want %d", got, want)
	}
	if got, want := ps[0].Fix, "split it"; !strings.Contains(got, want) {
		t.Errorf("Fix = %q, want it to contain %q", got, want)
	}

	// Exactly MaxSize is still read.
	src = bytes.Repeat([]byte("a"), meta.MaxSize)
	if _, err := meta.Split("max.md", src); err != nil {
		t.Errorf("Split of MaxSize bytes: %v", err)
	}
}

func TestParseYAML(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int // 0: no error
		text string
	}{
		{"plain", "title: x\n", 0, ""},
		{"empty", "", 0, ""},
		{"byte-order mark", "\ufefftitle: x\n", 0, ""},
		{"invalid UTF-8", "title: x\nb: \xff\n", 2, "invalid UTF-8"},
		{"syntax error", "a: 1\nb: 2\nc: \"\\q\"\n", 3, "found unknown escape character; fix the YAML syntax"},
		{"unclosed flow sequence", "title: x\nnav: [a, b\nfooter: y\n", 2, "did not find expected ',' or ']'"},
		// Opened on the library's line 0, the error names where its parser
		// stopped instead.
		{"unclosed flow sequence on line 1", "nav: [a, b\nfooter: y\n", 2, "did not find expected ',' or ']'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node, err := meta.ParseYAML("waymark.yaml", []byte(tt.src))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("ParseYAML: %v", err)
				}
				if node == nil {
					t.Fatal("ParseYAML returned a nil node")
				}
				return
			}
			ps := problems(t, err)
			if got, want := len(ps), 1; got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			if got, want := ps[0].File, "waymark.yaml"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if got, want := ps[0].Line, tt.line; got != want {
				t.Errorf("Line = %d, want %d (%v)", got, want, err)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not contain %q", err, tt.text)
			}
		})
	}
	_, err := meta.ParseYAML("big.yaml", bytes.Repeat([]byte("#"), meta.MaxSize+1))
	if ps := problems(t, err); len(ps) != 1 || ps[0].File != "big.yaml" {
		t.Errorf("ParseYAML of an oversized file = %v, want one problem about big.yaml", err)
	}
}

func TestKeyLine(t *testing.T) {
	src := "\n---\ntitle: x\n\nstatus: accepted\ntags:\n  - a\n---\nbody\n"
	doc, err := meta.Split("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  string
		line int
	}{
		{"title", 3},
		{"status", 5},
		{"tags", 6},
		{"missing", 3}, // the front matter's first line
	}
	for _, tt := range tests {
		if got, want := doc.Line(tt.key), tt.line; got != want {
			t.Errorf("Line(%q) = %d, want %d", tt.key, got, want)
		}
	}
	plain, err := meta.Split("b.md", []byte("no front matter\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := plain.Line("title"), 1; got != want {
		t.Errorf("Line without front matter = %d, want %d", got, want)
	}
	if got, want := meta.KeyLine(nil, "x"), 1; got != want {
		t.Errorf("KeyLine(nil) = %d, want %d", got, want)
	}
}

// page is a typical front matter shape for the decoding tests.
type page struct {
	Title   meta.Text      `yaml:"title"`
	Count   int            `yaml:"count"`
	Tags    meta.Strings   `yaml:"tags"`
	Date    meta.Date      `yaml:"date"`
	Links   []link         `yaml:"links"`
	Extra   map[string]int `yaml:"extra"`
	Nested  *link          `yaml:"nested"`
	Ignored string         `yaml:"-"`
}

type link struct {
	Href string `yaml:"href"`
	Text string `yaml:"text"`
}

func decode(t testing.TB, src string, v any) error {
	t.Helper()
	doc, err := meta.Split("p.md", []byte(src))
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	return doc.Decode(v)
}

func TestDecode(t *testing.T) {
	src := `
---
title: Use Kafka
count: 3
tags: [a, b]
date: 2024-02-29
links:
  - href: https://example.com
    text: Example
extra: {x: 1, y: 2}
nested: {href: /n}
---
body
`
	var p page
	if err := decode(t, src, &p); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got, want := p.Title, meta.Text("Use Kafka"); got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got, want := p.Count, 3; got != want {
		t.Errorf("Count = %d, want %d", got, want)
	}
	if got, want := strings.Join(p.Tags, "|"), "a|b"; got != want {
		t.Errorf("Tags = %q, want %q", got, want)
	}
	if got, want := p.Date, (meta.Date{Year: 2024, Month: time.February, Day: 29}); got != want {
		t.Errorf("Date = %v, want %v", got, want)
	}
	if got, want := len(p.Links), 1; got != want {
		t.Fatalf("%d links, want %d", got, want)
	}
	if got, want := p.Links[0].Text, "Example"; got != want {
		t.Errorf("Links[0].Text = %q, want %q", got, want)
	}
	if got, want := p.Extra["y"], 2; got != want {
		t.Errorf("Extra[y] = %d, want %d", got, want)
	}
	if p.Nested == nil || p.Nested.Href != "/n" {
		t.Errorf("Nested = %+v, want href /n", p.Nested)
	}
}

// TestForeignKeys: the navigation keys of Jekyll's Just the Docs and of
// Docusaurus at the top of front matter are let through; anywhere else,
// misspelt, in a configuration file, or when the struct has a field of
// that name, they are what they always were.
func TestForeignKeys(t *testing.T) {
	type withLayout struct {
		Title  string `yaml:"title"`
		Layout string `yaml:"layout"`
	}
	for _, c := range []struct {
		name, src string
		v         any
		wantErr   string // "" for none
	}{
		{"just the docs", "---\nparent: Decisions\nnav_order: 4\ngrand_parent: Docs\nlayout: default\nnav_exclude: false\nhas_children: false\ntitle: Use Kafka\n---\n", &page{}, ""},
		{"docusaurus", "---\nsidebar_position: 2\nsidebar_label: Kafka\ntitle: Use Kafka\n---\n", &page{}, ""},
		{"only foreign keys", "---\nparent: Decisions\nnav_order: 4\n---\n", &page{}, ""},
		{"misspelt", "---\nnav_ordr: 4\n---\n", &page{}, `p.md:2: unknown key "nav_ordr"`},
		{"nested", "---\nnested: {href: /n, parent: x}\n---\n", &page{}, `p.md:2: unknown key "parent"`},
		{"a field of that name", "---\nlayout: wide\ntitle: T\n---\n", &withLayout{}, ""},
		{"duplicate foreign key", "---\nnav_order: 1\nnav_order: 2\n---\n", &page{}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := decode(t, c.src, c.v)
			if c.wantErr == "" && err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("Decode: %v, want %q", err, c.wantErr)
			}
		})
	}
	var w withLayout
	if err := decode(t, "---\nlayout: wide\n---\n", &w); err != nil || w.Layout != "wide" {
		t.Errorf("a struct's own layout field = %q, %v; want it decoded", w.Layout, err)
	}
	// Configuration files are not front matter.
	var node yaml.Node
	if err := yaml.Unmarshal([]byte("parent: x\n"), &node); err != nil {
		t.Fatal(err)
	}
	if err := meta.Decode("waymark.yaml", 0, &node, &page{}); err == nil || !strings.Contains(err.Error(), `unknown key "parent"`) {
		t.Errorf("configuration with parent: %v, want unknown key", err)
	}
}

func TestDecodeNothing(t *testing.T) {
	for _, src := range []string{"no front matter\n", "---\n---\nbody\n", "---\n~\n---\n", "---\n# only a comment\n---\n"} {
		p := page{Title: "kept"}
		if err := decode(t, src, &p); err != nil {
			t.Errorf("Decode(%q): %v", src, err)
		}
		if got, want := p.Title, meta.Text("kept"); got != want {
			t.Errorf("Decode(%q) changed Title to %q", src, got)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	// The front matter opens on line 3, so its line n is file line n+3.
	const head = "\n\n---\n"
	tests := []struct {
		name  string
		yaml  string
		lines []int    // one problem per line, in order
		texts []string // in Error()
	}{
		{
			name:  "unknown key",
			yaml:  "title: x\nauthor: me\n",
			lines: []int{5},
			texts: []string{`p.md:5: unknown key "author"; remove it or use one of: title, count, tags, date, links, extra, nested`},
		},
		{
			name:  "two unknown keys",
			yaml:  "x: 1\ntitle: t\ny: 2\n",
			lines: []int{4, 6},
			texts: []string{`unknown key "x"`, `unknown key "y"`},
		},
		{
			name:  "unknown key in a list of structs",
			yaml:  "links:\n  - href: a\n  - href: b\n    rel: nofollow\n",
			lines: []int{7},
			texts: []string{`p.md:7: unknown key "rel"; remove it or use one of: href, text`},
		},
		{
			name:  "unknown key in a pointer to a struct",
			yaml:  "nested:\n  href: a\n  bogus: 1\n",
			lines: []int{6},
			texts: []string{`unknown key "bogus"`},
		},
		{
			name:  "ignored field is unknown",
			yaml:  "ignored: x\n",
			lines: []int{4},
			texts: []string{`unknown key "ignored"`},
		},
		{
			name:  "duplicate key",
			yaml:  "title: a\ncount: 1\ntitle: b\n",
			lines: []int{6},
			texts: []string{`p.md:6: duplicate key "title" (first at line 4); keep only one of them`},
		},
		{
			name:  "duplicate key in a map",
			yaml:  "extra:\n  a: 1\n  a: 2\n",
			lines: []int{6},
			texts: []string{`duplicate key "a" (first at line 5)`},
		},
		{
			name:  "duplicate key in a list item",
			yaml:  "links:\n  - href: a\n    href: b\n",
			lines: []int{6},
			texts: []string{`duplicate key "href" (first at line 5)`},
		},
		{
			name:  "wrong type",
			yaml:  "title: x\ncount: many\n",
			lines: []int{5},
			texts: []string{"p.md:5: cannot unmarshal !!str `many` into int; give the value the type this key expects"},
		},
		{
			name:  "wrong type deeper",
			yaml:  "extra:\n  a: 1\n  b: two\n",
			lines: []int{6},
			texts: []string{"p.md:6: cannot unmarshal !!str `two` into int"},
		},
		{
			name:  "two wrong types",
			yaml:  "count: many\nextra: {a: x}\n",
			lines: []int{4, 5},
			texts: []string{"`many`", "`x`"},
		},
		{
			name:  "list for a single value",
			yaml:  "count: 1\ntitle: [a, b]\n",
			lines: []int{5},
			texts: []string{"expected a single value"},
		},
		{
			name:  "map where tags are expected",
			yaml:  "tags: {a: 1}\n",
			lines: []int{4},
			texts: []string{"expected a list or a comma-separated string"},
		},
		{
			name:  "nested list in tags",
			yaml:  "tags:\n  - a\n  - [b]\n",
			lines: []int{6},
			texts: []string{"expected a list of plain values"},
		},
		{
			name:  "bad date",
			yaml:  "date: 2024-13-01\n",
			lines: []int{4},
			texts: []string{`p.md:4: date "2024-13-01" is not YYYY-MM-DD`},
		},
		{
			name:  "date as a list",
			yaml:  "title: t\ndate: [2024-01-01]\n",
			lines: []int{5},
			texts: []string{"expected a date YYYY-MM-DD"},
		},
		{
			name:  "lines counted across lone carriage returns",
			yaml:  "title: x\r\rcount: many\n",
			lines: []int{6},
			texts: []string{"p.md:6: cannot unmarshal !!str `many` into int"},
		},
		{
			name:  "front matter is a list",
			yaml:  "- a\n- b\n",
			lines: []int{4},
			texts: []string{"cannot unmarshal !!seq"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p page
			err := decode(t, head+tt.yaml+"---\nbody\n", &p)
			ps := problems(t, err)
			if got, want := len(ps), len(tt.lines); got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			for i, p := range ps {
				if got, want := p.File, "p.md"; got != want {
					t.Errorf("problem %d: File = %q, want %q", i, got, want)
				}
				if got, want := p.Line, tt.lines[i]; got != want {
					t.Errorf("problem %d: Line = %d, want %d (%v)", i, got, want, p)
				}
				if got, want := p.Severity, diag.Error; got != want {
					t.Errorf("problem %d: Severity = %v, want %v", i, got, want)
				}
				if p.Fix == "" {
					t.Errorf("problem %d (%v) says nothing about a fix", i, p)
				}
			}
			for _, text := range tt.texts {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q does not contain %q", err, text)
				}
			}
		})
	}
}

// billionLaughs returns a 9-level alias bomb: 9^9 "lol"s once expanded.
func billionLaughs(key string) string {
	var b strings.Builder
	b.WriteString("---\n" + key + ":\n")
	b.WriteString(`  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		b.WriteString("  " + string(c) + ": &" + string(c) + " [")
		for i := range 9 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
	}
	b.WriteString("---\n")
	return b.String()
}

func TestDecodeAliasBomb(t *testing.T) {
	type anyData struct {
		Data any `yaml:"data"`
	}
	type mapData struct {
		Data map[string]any `yaml:"data"`
	}
	type listData struct {
		Data map[string][]any `yaml:"data"`
	}
	tests := []struct {
		name string
		src  string
		v    any
	}{
		{"into any", billionLaughs("data"), &anyData{}},
		{"into a map", billionLaughs("data"), &mapData{}},
		{"into a map of lists", billionLaughs("data"), &listData{}},
		{"under an unknown key", billionLaughs("bomb"), &anyData{}},
		{"into a typed struct", billionLaughs("links"), &page{}},
	}
	// The bomb may be refused by Split or by Decode; either way quickly,
	// with a problem about the file.
	splitAndDecode := func(src string, v any) error {
		doc, err := meta.Split("p.md", []byte(src))
		if err != nil {
			return err
		}
		return doc.Decode(v)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := splitAndDecode(tt.src, tt.v)
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("decoding an alias bomb took %v, want < 1s", elapsed)
			}
			ps := problems(t, err)
			if len(ps) == 0 {
				t.Fatal("decoding an alias bomb succeeded, want an error")
			}
			for _, p := range ps {
				if got, want := p.File, "p.md"; got != want {
					t.Errorf("File = %q, want %q", got, want)
				}
				if p.Line < 1 {
					t.Errorf("Line = %d, want a file line", p.Line)
				}
			}
		})
	}
	t.Run("message", func(t *testing.T) {
		err := splitAndDecode(billionLaughs("data"), &anyData{})
		ps := problems(t, err)
		if got, want := len(ps), 1; got != want {
			t.Fatalf("%d problems (%v), want %d", got, err, want)
		}
		if got, want := ps[0].Line, 2; got != want {
			t.Errorf("Line = %d, want %d (the data key)", got, want)
		}
		if got, want := err.Error(), "remove the YAML aliases"; !strings.Contains(got, want) {
			t.Errorf("error %q does not contain %q", got, want)
		}
	})
	t.Run("config file", func(t *testing.T) {
		start := time.Now()
		_, err := meta.ParseYAML("waymark.yaml", []byte(strings.TrimPrefix(strings.TrimSuffix(billionLaughs("data"), "---\n"), "---\n")))
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("parsing an alias bomb took %v, want < 1s", elapsed)
		}
		ps := problems(t, err)
		if len(ps) != 1 || ps[0].File != "waymark.yaml" || ps[0].Line != 1 {
			t.Errorf("ParseYAML of an alias bomb: %v, want one problem at waymark.yaml:1", err)
		}
	})
	t.Run("modest aliases are fine", func(t *testing.T) {
		var v anyData
		if err := splitAndDecode("---\ndata:\n  a: &a [x, y]\n  b: [*a, *a]\n---\n", &v); err != nil {
			t.Errorf("Decode: %v", err)
		}
	})
}

func TestStrings(t *testing.T) {
	type tagged struct {
		Tags meta.Strings `yaml:"tags"`
	}
	tests := []struct {
		name string
		yaml string
		want []string // nil: field left nil
	}{
		{"list", "tags: [a, b, c]", []string{"a", "b", "c"}},
		{"block list", "tags:\n  - a\n  - b", []string{"a", "b"}},
		{"comma string", "tags: a, b ,c", []string{"a", "b", "c"}},
		{"quoted comma string", `tags: "Jane Doe, John Roe"`, []string{"Jane Doe", "John Roe"}},
		{"one value", "tags: solo", []string{"solo"}},
		{"empty parts dropped", "tags: a,, ,b,", []string{"a", "b"}},
		{"placeholder in a string", "tags: '{list everyone involved}'", []string{}},
		{"placeholders mixed in a string", "tags: '{name}, alice, {other}'", []string{"alice"}},
		{"placeholders in a list", "tags: ['{x}', b, '{y}']", []string{"b"}},
		// MADR 4's template leaves placeholders unquoted; YAML reads them as
		// flow mappings whose keys have no values.
		{"unquoted placeholder", "tags: {list everyone involved in the decision}", []string{}},
		{"unquoted placeholder with a semicolon", "tags: {list everyone whose opinions are sought (typically subject-matter experts); and with whom there is a two-way communication}", []string{}},
		{"unquoted placeholder over lines", "tags:\n  {\n    list everyone involved,\n  }", []string{}},
		{"half a placeholder kept", "tags: ['{x', 'y}']", []string{"{x", "y}"}},
		{"numbers and booleans kept as written", "tags: [1, no, 0x10]", []string{"1", "no", "0x10"}},
		{"empty list", "tags: []", []string{}},
		{"empty string", "tags: ''", []string{}},
		{"null", "tags: ~", nil},
		{"absent", "other: 1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v tagged
			var err error
			if tt.name == "absent" {
				err = decode(t, "---\n---\n", &v)
			} else {
				err = decode(t, "---\n"+tt.yaml+"\n---\n", &v)
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got, want := v.Tags == nil, tt.want == nil; got != want {
				t.Errorf("Tags == nil is %v, want %v", got, want)
			}
			if got, want := strings.Join(v.Tags, "|"), strings.Join(tt.want, "|"); got != want {
				t.Errorf("Tags = %q, want %q", got, want)
			}
			if got, want := len(v.Tags), len(tt.want); got != want {
				t.Errorf("len(Tags) = %d, want %d", got, want)
			}
		})
	}
}

func TestText(t *testing.T) {
	type text struct {
		V meta.Text `yaml:"v"`
	}
	tests := []struct {
		yaml string
		want meta.Text
	}{
		{"v: no", "no"},
		{"v: NO", "NO"},
		{"v: yes", "yes"},
		{"v: off", "off"},
		{"v: false", "false"},
		{"v: 'no'", "no"},
		{"v: 1.0", "1.0"},
		{"v: 0x10", "0x10"},
		{"v: 012", "012"},
		{"v: 2024-01-05", "2024-01-05"},
		{"v: '  padded  '", "padded"},
		{"v: ~", ""},
		{"v: null", ""},
		{"v:", ""},
		{"v: '{title of the decision}'", ""},
		{"v: '{x} and {y}'", ""},
		{"v: '{x} and y'", "{x} and y"},
		{"v: {YYYY-MM-DD when the decision was last updated}", ""},
		{"v: { short title, representative of solved problem }", ""},
		{"v: |\n  two\n  lines", "two\nlines"},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var v text
			if err := decode(t, "---\n"+tt.yaml+"\n---\n", &v); err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got, want := v.V, tt.want; got != want {
				t.Errorf("Text = %q, want %q", got, want)
			}
		})
	}
	// Real maps are still errors, for Text and for Strings.
	for _, tt := range []struct {
		src  string
		line int
	}{{"v: {a: 1}", 2}, {"v:\n  a:", 3}, {"v: {}", 2}, {"v: {a: [b]}", 2}, {"v: {[a]: }", 2}} {
		var v text
		err := decode(t, "---\n"+tt.src+"\n---\n", &v)
		ps := problems(t, err)
		if len(ps) != 1 || ps[0].Line != tt.line || !strings.Contains(ps[0].Message, "expected a single value") {
			t.Errorf("Text from %q: %v, want one problem at line %d", tt.src, err, tt.line)
		}
		var l struct {
			V meta.Strings `yaml:"v"`
		}
		err = decode(t, "---\n"+tt.src+"\n---\n", &l)
		ps = problems(t, err)
		if len(ps) != 1 || ps[0].Line != tt.line || !strings.Contains(ps[0].Message, "expected a list or a comma-separated string") {
			t.Errorf("Strings from %q: %v, want one problem at line %d", tt.src, err, tt.line)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for an error
	}{
		{"2016-07-15", "2016-07-15"},
		{"2024-02-29", "2024-02-29"},
		{" 2016-07-15 ", "2016-07-15"},
		{"2016-07-15T10:00", "2016-07-15"},
		{"2016-07-15T23:59:59-11:00", "2016-07-15"},
		{"2016-07-15 10:00:00", "2016-07-15"},
		{"0001-01-01", "0001-01-01"},
		{"2023-02-29", ""},
		{"2016-13-01", ""},
		{"2016-00-10", ""},
		{"2016-07-32", ""},
		{"2016-7-15", ""},
		{"16-07-15", ""},
		{"2016/07/15", ""},
		{"15.07.2016", ""},
		{"July 15, 2016", ""},
		{"2016-07-15x", ""},
		{"2016-07", ""},
		{"", ""},
		{"today", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := meta.ParseDate(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, d)
				}
				if !strings.Contains(err.Error(), "is not YYYY-MM-DD") {
					t.Errorf("error %q does not explain the format", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got, want := d.String(), tt.want; got != want {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, want)
			}
		})
	}
}

func TestDateYAML(t *testing.T) {
	type dated struct {
		D meta.Date `yaml:"d"`
	}
	tests := []struct {
		yaml string
		want string
		line int // error line, 0 when none
	}{
		{"d: 2016-07-15", "2016-07-15", 0},
		{"d: '2016-07-15'", "2016-07-15", 0},
		{"d: 2016-07-15T10:00:00Z", "2016-07-15", 0},
		{"d: ~", "", 0},
		{"d: 2016-7-15", "", 2},
		{"d: 15/07/2016", "", 2},
		{"d: 20160715", "", 2},
		{"d: {y: 2016}", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var v dated
			err := decode(t, "---\n"+tt.yaml+"\n---\n", &v)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if got, want := v.D.String(), tt.want; got != want {
					t.Errorf("Date = %q, want %q", got, want)
				}
				return
			}
			ps := problems(t, err)
			if got, want := len(ps), 1; got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			if got, want := ps[0].Line, tt.line; got != want {
				t.Errorf("Line = %d, want %d", got, want)
			}
		})
	}
}

func date(y int, m time.Month, d int) meta.Date { return meta.Date{Year: y, Month: m, Day: d} }

func TestDateAddMonths(t *testing.T) {
	tests := []struct {
		from meta.Date
		n    int
		want meta.Date
	}{
		{date(2024, time.January, 15), 0, date(2024, time.January, 15)},
		{date(2024, time.January, 15), 1, date(2024, time.February, 15)},
		{date(2024, time.January, 31), 1, date(2024, time.February, 29)},
		{date(2023, time.January, 31), 1, date(2023, time.February, 28)},
		{date(2024, time.March, 31), -1, date(2024, time.February, 29)},
		{date(2024, time.March, 31), 1, date(2024, time.April, 30)},
		{date(2024, time.August, 31), -6, date(2024, time.February, 29)},
		{date(2024, time.August, 31), 10, date(2025, time.June, 30)},
		{date(2024, time.December, 15), 1, date(2025, time.January, 15)},
		{date(2024, time.January, 31), -1, date(2023, time.December, 31)},
		{date(2024, time.February, 29), 12, date(2025, time.February, 28)},
		{date(2024, time.February, 29), 48, date(2028, time.February, 29)},
		{date(2024, time.May, 31), -27, date(2022, time.February, 28)},
		{date(2024, time.July, 1), 120, date(2034, time.July, 1)},
	}
	for _, tt := range tests {
		if got, want := tt.from.AddMonths(tt.n), tt.want; got != want {
			t.Errorf("%v.AddMonths(%d) = %v, want %v", tt.from, tt.n, got, want)
		}
	}
}

func TestDateFormatting(t *testing.T) {
	d := date(2016, time.July, 5)
	if got, want := d.String(), "2016-07-05"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got, want := d.Human(), "5 July 2016"; got != want {
		t.Errorf("Human = %q, want %q", got, want)
	}
	if got, want := d.Time(), time.Date(2016, time.July, 5, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Time = %v, want %v", got, want)
	}
	j, err := d.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(j), `"2016-07-05"`; got != want {
		t.Errorf("MarshalJSON = %s, want %s", got, want)
	}
	var zero meta.Date
	if got, want := zero.IsZero(), true; got != want {
		t.Errorf("zero IsZero = %v, want %v", got, want)
	}
	if got, want := zero.String()+zero.Human(), ""; got != want {
		t.Errorf("zero formats as %q, want %q", got, want)
	}
	j, _ = zero.MarshalJSON()
	if got, want := string(j), `""`; got != want {
		t.Errorf("zero MarshalJSON = %s, want %s", got, want)
	}
	tests := []struct {
		a, b meta.Date
		want int
	}{
		{date(2016, time.July, 5), date(2016, time.July, 5), 0},
		{date(2016, time.July, 5), date(2016, time.July, 6), -1},
		{date(2016, time.December, 1), date(2016, time.February, 1), 1},
		{date(999, time.January, 1), date(2016, time.January, 1), -1},
		{zero, date(2016, time.January, 1), -1},
		{date(2016, time.January, 1), zero, 1},
		{zero, zero, 0},
	}
	for _, tt := range tests {
		if got, want := tt.a.Compare(tt.b), tt.want; got != want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, want)
		}
	}
}

// TestDateOrderIsTextOrder checks that String pads as YYYY-MM-DD for
// every year a date can have, and that Compare orders dates as their
// text sorts, on a spread of years, months and days.
func TestDateOrderIsTextOrder(t *testing.T) {
	var dates []meta.Date
	for _, y := range []int{1, 9, 10, 99, 100, 999, 1000, 1999, 2016, 9999} {
		for _, m := range []time.Month{time.January, time.September, time.October, time.December} {
			for _, d := range []int{1, 9, 10, 31} {
				dates = append(dates, date(y, m, d))
			}
		}
	}
	for _, a := range dates {
		if got, want := a.String(), fmt.Sprintf("%04d-%02d-%02d", a.Year, a.Month, a.Day); got != want {
			t.Errorf("String = %q, want %q", got, want)
		}
		for _, b := range dates {
			if got, want := a.Compare(b), strings.Compare(a.String(), b.String()); got != want {
				t.Errorf("%v.Compare(%v) = %d; their text compares %d", a, b, got, want)
			}
		}
	}
}
