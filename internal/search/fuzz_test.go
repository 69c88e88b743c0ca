package search

import (
	"slices"
	"testing"
)

// FuzzIndex indexes a document with any title and body (as text or as
// HTML) beside a plain one: the files must be valid JSON (build checks),
// the index must open, and each of the title's first tokens must find
// the document.
func FuzzIndex(f *testing.F) {
	docs, bodies := fixture()
	for i, d := range docs {
		f.Add(d.Title, bodies[i], i%2 == 0)
	}
	f.Add("", "", false)
	f.Add("ß Straße ǅ ﬁ", "<p>a<b>b</b>c &amp; &#x1F600; <script>x</script></p>", true)
	f.Add("ー々〆 カタカナ", "<!-- unclosed", true)
	f.Fuzz(func(t *testing.T, title, body string, html bool) {
		docs := []Doc{{Type: "page", Title: title, URL: "a/"}, {Type: "page", Title: "Other", URL: "b/"}}
		b := NewBuilder(docs)
		if html {
			b.AddHTML(0, body)
		} else {
			b.Add(0, body)
		}
		b.Add(1, "plain words")
		files, err := b.Files()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][]byte{}
		for _, f := range files {
			m[f.Name] = f.Data
		}
		ix := open(t, m)
		toks := Tokens(title)
		for _, tok := range toks[:min(3, len(toks))] {
			if got := urls(t, ix, tok, Filter{}); !slices.Contains(got, "a/") {
				t.Errorf("title %q: its token %q finds %q, not a/", title, tok, got)
			}
		}
	})
}
