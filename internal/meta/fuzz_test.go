package meta_test

import (
	"bytes"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

var fuzzSeeds = []string{
	"",
	"# Title\n",
	"---\ntitle: x\n---\nbody\n",
	"\ufeff---\ntitle: x\n---\nbody\n",
	"\n\n---\ntitle: x\n---\n",
	"---\r\ntitle: x\r\n---\r\nbody\r\n",
	"---\n---\n",
	"---\ntitle: x\n",
	"---",
	"---\ntitle: \xff\n---\n",
	"---\ntitle: x\ntitle: y\n---\n",
	"---\nunknown: 1\n---\n",
	"---\ncount: many\n---\n",
	"---\ntags: a, {b}, c\ndate: 2024-02-30\n---\n",
	"---\nlinks:\n  - href: a\n    rel: b\n---\n",
	"---\nextra: {a: 1, a: 2}\n---\n",
	"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n",
	"---\ntitle: [a, {b: c}]\n---\n",
	"---\n- a\n- b\n---\n",
	"---\n<<: {title: x}\n---\n",
	"---\ntitle: !!binary aGk=\n---\n",
	"---\n? [a, b]\n: c\n---\n",
	"---\rtitle: x\r---\rbody\r",
	"---\r\ntitle: x\r\r\ncount: many\r\n---\r\n",
}

// editorLines returns src with every lone "\r" made a "\n": the lines YAML,
// CommonMark and most editors see.
func editorLines(src []byte) []byte {
	out := bytes.Clone(src)
	for i, c := range out {
		if c == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add("decisions/0001-x.md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		doc, err := meta.Split(name, src)
		if err != nil {
			for _, p := range problems(t, err) {
				if p.File != name {
					t.Fatalf("problem %q names file %q, want %q", p, p.File, name)
				}
				if p.Line < 1 {
					t.Fatalf("problem %q has line %d", p, p.Line)
				}
			}
			return
		}
		text := editorLines(bytes.TrimPrefix(src, []byte("\ufeff")))
		if !bytes.HasSuffix(text, doc.Body) {
			t.Fatalf("Body %q is not the end of the source %q", doc.Body, src)
		}
		prefix := text[:len(text)-len(doc.Body)]
		if got, want := doc.BodyLine, 1+bytes.Count(prefix, []byte("\n")); got != want {
			t.Fatalf("BodyLine = %d, want %d", got, want)
		}
		if doc.MetaLine != 0 && (doc.MetaLine < 2 || doc.MetaLine > doc.BodyLine) {
			t.Fatalf("MetaLine = %d outside 2..BodyLine %d", doc.MetaLine, doc.BodyLine)
		}
		if doc.Meta != nil && doc.MetaLine == 0 {
			t.Fatal("front matter without a MetaLine")
		}
	})
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "radar/kafka.md"
		doc, err := meta.Split(name, src)
		if err != nil {
			return
		}
		lines := 1 + bytes.Count(editorLines(src), []byte("\n"))
		for _, v := range []any{&page{}, &struct {
			Data any `yaml:"data"`
		}{}} {
			err := doc.Decode(v)
			for _, p := range problems(t, err) {
				if p.File != name {
					t.Fatalf("problem %q names file %q, want %q", p, p.File, name)
				}
				if p.Line < 1 || p.Line > lines {
					t.Fatalf("problem %q has line %d, file has %d lines", p, p.Line, lines)
				}
			}
			_ = doc.Line("title")
		}
	})
}
