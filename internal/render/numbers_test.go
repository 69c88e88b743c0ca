package render

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"regexp"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// numbersSite has records whose numbers a number minifier would shorten
// (1000 → 1e3, 20000 → 2e4) and one it would not.
func numbersSite() fstest.MapFS {
	return fstest.MapFS{
		"waymark.yaml":                 {Data: []byte("title: Numbers\n")},
		"decisions/0007-small.md":      {Data: []byte("# Small\n\nStatus: accepted\n")},
		"decisions/1000-thousand.md":   {Data: []byte("# Thousand\n\nStatus: accepted\n")},
		"decisions/20000-twenty-k.md":  {Data: []byte("# Twenty thousand\n\nStatus: accepted\n")},
		"decisions/120000-hundreds.md": {Data: []byte("# Many\n\nStatus: accepted\n")},
	}
}

var numberRE = regexp.MustCompile(`"number":([^,}]*)`)

// numbersIn returns the "number" values of data, as written.
func numbersIn(t testing.TB, data []byte) []string {
	t.Helper()
	var got []string
	for _, m := range numberRE.FindAllSubmatch(data, -1) {
		got = append(got, string(m[1]))
	}
	slices.Sort(got)
	// And a strict integer decoder takes them.
	var idx struct{ Decisions []struct{ Number int } }
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil {
		t.Errorf("index.json does not decode into integers: %v", err)
	}
	return got
}

// TestIndexJSONNumbersAsWritten checks that index.json keeps record
// numbers as the integers they are, not the shorter 1e3 of a minifier.
func TestIndexJSONNumbersAsWritten(t *testing.T) {
	_, out := buildFS(t, numbersSite())
	want := []string{"1000", "120000", "20000", "7"}
	if got := numbersIn(t, out["index.json"]); !slices.Equal(got, want) {
		t.Errorf("numbers in index.json = %q, want %q", got, want)
	}
}

// TestMinifyLeavesInputAlone checks that minifying a file never changes
// the bytes it was given: the preview keeps them and hands them in again.
func TestMinifyLeavesInputAlone(t *testing.T) {
	s, _ := buildFS(t, numbersSite())
	th, err := LoadTheme(s)
	if err != nil {
		t.Fatal(err)
	}
	r := New(s, th, nil)
	for _, tt := range []struct{ name, mime, in string }{
		{"a.json", "application/json", `{"n": 1000, "m": 20000, "f": 0.50}`},
		{"a.css", "text/css", `a { margin: 1000px 0.50em }`},
		{"a.svg", "image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1000.0" height="0.50"/></svg>`},
	} {
		data := []byte(tt.in)
		for range 3 {
			if err := r.write(NewMemory(), tt.name, tt.mime, data); err != nil {
				t.Fatal(err)
			}
		}
		if got := string(data); got != tt.in {
			t.Errorf("%s after minifying: input became %q, want %q", tt.name, got, tt.in)
		}
	}
}

// TestIndexJSONMinified checks that index.json, written as encoded
// without a pass of the minifier, is what the minifier would make of it.
func TestIndexJSONMinified(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"numbers": numbersSite(), "usage": sitetest.Txtar(t, "../site/testdata/usage.txtar")} {
		s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
		if err != nil {
			t.Fatal(err)
		}
		out := NewMemory()
		if err := Render(out, s); err != nil {
			t.Fatal(err)
		}
		data := out.Files["index.json"]
		min, err := newMinifier(true).Bytes("application/json", bytes.Clone(data))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(min, data) || !bytes.Contains(data, []byte(`"projects":[{`)) && name == "usage" {
			t.Errorf("%s: index.json of %d bytes is %d bytes minified", name, len(data), len(min))
		}
	}
}
