package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Kafka vs RabbitMQ: prototype-first!", []string{"kafka", "vs", "rabbitmq", "prototype", "first"}},
		{"ci/cd, C# and .NET Core 3.1", []string{"ci", "cd", "c", "and", "net", "core", "3", "1"}},
		{"Ärger mit der Straße", []string{"arger", "mit", "der", "strasse"}},
		{"café CAFÉ cafe\u0301 naïve Øresund Łódź", []string{"cafe", "cafe", "cafe", "naive", "oresund", "lodz"}},
		{"ΣΊΣΥΦΟΣ Σίσυφος", []string{"σισυφοσ", "σισυφοσ"}},
		{"Очередь сообщений", []string{"очередь", "сообщении"}},
		{"数据库 と キュー", []string{"数据", "据库", "と", "キュ", "ュー"}},
		{"Kafka数据", []string{"kafka", "数据"}},
		{"İstanbul ıspanak", []string{"istanbul", "ispanak"}},
		{"x² Ⅻ", []string{"x²", "ⅻ"}},
		{"</script><!-- \"quotes\" & <b>", []string{"script", "quotes", "b"}},
		{strings.Repeat("a", 40), []string{strings.Repeat("a", MaxTokenRunes)}},
		{strings.Repeat("é", 40), []string{strings.Repeat("e", MaxTokenRunes)}},
		{"", nil},
		{" -- ", nil},
	} {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	if got, want := Normalize("Crème Brûlée, SSH.NET"), "creme brulee, ssh.net"; got != want {
		t.Errorf("Normalize = %q, want %q", got, want)
	}
}

func TestTextFromHTML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<h2 id="why">Why <em>un</em>usual<a class="anchor" href="#why" aria-label="Link">#</a></h2><p>a &amp; b&nbsp;c &lt;d&gt;</p>`, "Why unusual a & b\u00a0c <d>"},
		{"<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>three\nfour</p>", "one \ntwo \n\nthree\nfour"},
		{"<p>one</p><p>two</p>", "one two"},
		{`<pre class="chroma"><code><span class="kd">func</span> <span class="nf">main</span>()</code></pre>`, "func main()"},
		{`<p>x</p><!-- a > b --><p>y</p>`, "x y"},
		{`<p>x</p><script>alert(1)</script><style>p{}</style><p>y</p>`, "x y"},
		{`<table><tr><td>Kafka</td><td>yes</td></tr></table>`, "Kafka yes"},
		{`<p>a & b &unknown; c</p>`, "a & b &unknown; c"},
		{``, ""},
	} {
		if got := TextFromHTML(c.in); got != c.want {
			t.Errorf("TextFromHTML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOneEditPrefix(t *testing.T) {
	for _, c := range []struct {
		t, v string
		want bool
	}{
		{"rabit", "rabbitmq", true}, // a letter left out
		{"kafak", "kafka", true},    // neighbours swapped
		{"kfaka", "kafka", true},    // neighbours swapped at the start
		{"postgers", "postgresql", true},
		{"kubernets", "kubernetes", true},
		{"dockre", "docker", true},
		{"kafkaa", "kafka", true}, // a letter too many
		{"kafxa", "kafka", true},  // a wrong letter
		{"eafka", "kafka", false}, // the first letter must be right
		{"rabit", "rapid", false}, // two edits
		{"kafka", "kaf", false},   // too short a start
		{"terraform", "terraform", true},
		{"café", "cafe", true},
	} {
		if got := OneEditPrefix(c.t, c.v); got != c.want {
			t.Errorf("OneEditPrefix(%q, %q) = %v, want %v", c.t, c.v, got, c.want)
		}
	}
}

// fixture is a small site's documents and body texts.
func fixture() ([]Doc, []string) {
	messaging := []Tag{{"messaging", "messaging"}}
	docs := []Doc{
		{Type: "decision", Label: "ADR-0001", Title: "Use Kafka for business transactions", URL: "decisions/0001-use-kafka/",
			Status: "superseded", Tags: messaging, Words: []string{"decision", "superseded"}},
		{Type: "blip", Title: "Apache Kafka", URL: "radar/kafka/", Ring: "hold", Sector: "platforms",
			Tags: []Tag{{"messaging", "messaging"}, {"streaming", "Streaming"}}, Words: []string{"blip", "Hold", "Platforms"}},
		{Type: "blip", Title: "RabbitMQ", URL: "radar/rabbitmq/", Ring: "trial", Sector: "platforms", Tags: messaging,
			Words: []string{"blip", "Trial", "Platforms"}},
		{Type: "page", Title: "About", URL: "about/", Words: []string{"page"}},
		{Type: "decision", Label: "ADR-0002", Title: "Prototype first", URL: "decisions/0002-prototype-first/",
			Status: "accepted", Tags: []Tag{{"kafka", "Kafka"}, {"process", "process"}}, Words: []string{"decision", "accepted"}},
		{Type: "page", Title: `</script><!-- "quotes" & <b>`, URL: "odd/", Words: []string{"page"}},
		{Type: "page", Title: "Ärger im Büro", URL: "de/", Words: []string{"page"}},
		{Type: "page", Title: "数据库的选择", URL: "zh/", Words: []string{"page"}},
	}
	bodies := []string{
		"We publish business transactions to Kafka. Kafka keeps them; Kafka consumers read them. Kafka lost messages.",
		"Apache Kafka is a distributed log. We lost messages with it at low volume.",
		"RabbitMQ is a message broker: a message sits in a durable queue until a consumer acknowledges it.",
		"This site records our decisions. It once mentioned kafka in passing.",
		"Prototype before you commit to a message broker.",
		`A page whose title breaks naive templates: </script><!-- "quotes".`,
		"Über Ärger mit Straßenbahnen.",
		"我们选择了新的数据库。",
	}
	return docs, bodies
}

// build indexes docs with b's limits and returns the files by name.
func build(t testing.TB, b *Builder, bodies []string) map[string][]byte {
	t.Helper()
	for i, body := range bodies {
		b.Add(i, body)
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := Unwrap(strings.TrimSuffix(f.Name, ".js"), f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			t.Fatalf("%s does not hold valid JSON: %s", f.Name, f.Data)
		}
		out[f.Name] = f.Data
	}
	return out
}

func open(t testing.TB, files map[string][]byte) *Index {
	t.Helper()
	ix, err := Open(func(name string) ([]byte, error) {
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("%s: no such file", name)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// urls searches and returns the URLs of the hits, best first.
func urls(t testing.TB, ix *Index, q string, f Filter) []string {
	t.Helper()
	hits, err := ix.Search(q, f)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.URL)
	}
	return out
}

// searchCases are queries on the fixture and the URLs they must find, in
// order.
var searchCases = []struct {
	q    string
	f    Filter
	want []string
}{
	// Title above tags above body; shorter titles first.
	{"kafka", Filter{}, []string{"radar/kafka/", "decisions/0001-use-kafka/", "decisions/0002-prototype-first/", "about/"}},
	{"KAFKA", Filter{}, []string{"radar/kafka/", "decisions/0001-use-kafka/", "decisions/0002-prototype-first/", "about/"}},
	// Prefixes, as while typing.
	{"kaf", Filter{}, []string{"radar/kafka/", "decisions/0001-use-kafka/", "decisions/0002-prototype-first/", "about/"}},
	{"rabb", Filter{}, []string{"radar/rabbitmq/"}},
	// One typo.
	{"rabit", Filter{}, []string{"radar/rabbitmq/"}},
	{"kafak", Filter{}, []string{"radar/kafka/", "decisions/0001-use-kafka/", "decisions/0002-prototype-first/", "about/"}},
	{"eafka", Filter{}, nil},
	// Every term must match.
	{"kafka business", Filter{}, []string{"decisions/0001-use-kafka/"}},
	{"message queue", Filter{}, []string{"radar/rabbitmq/"}},
	// A term scores its best match in a document: the tag "messaging"
	// (16 × 3) in the first three, the body's "message" (1 × 3) in the last.
	{"messag", Filter{}, []string{"decisions/0001-use-kafka/", "radar/kafka/", "radar/rabbitmq/", "decisions/0002-prototype-first/"}},
	// Facets are words too.
	{"kafka hold", Filter{}, []string{"radar/kafka/"}},
	{"adr-0002", Filter{}, []string{"decisions/0002-prototype-first/"}},
	// Filters narrow.
	{"kafka", Filter{Type: "decision"}, []string{"decisions/0001-use-kafka/", "decisions/0002-prototype-first/"}},
	{"kafka", Filter{Status: "accepted"}, []string{"decisions/0002-prototype-first/"}},
	{"kafka", Filter{Ring: "hold"}, []string{"radar/kafka/"}},
	{"", Filter{Tag: "messaging"}, []string{"decisions/0001-use-kafka/", "radar/kafka/", "radar/rabbitmq/"}},
	{"", Filter{Sector: "platforms", Ring: "trial"}, []string{"radar/rabbitmq/"}},
	{"kafka", Filter{Tag: "no-such-tag"}, nil},
	{"", Filter{}, nil},
	// Accents, other scripts, odd titles.
	{"arger", Filter{}, []string{"de/"}},
	{"ÄRGER buro", Filter{}, []string{"de/"}},
	{"strassenbahnen", Filter{}, []string{"de/"}},
	{"数据库", Filter{}, []string{"zh/"}},
	{"数据", Filter{}, []string{"zh/"}},
	{`</script><!-- "quotes"`, Filter{}, []string{"odd/"}},
}

func TestSearch(t *testing.T) {
	docs, bodies := fixture()
	ix := open(t, build(t, NewBuilder(docs), bodies))
	for _, c := range searchCases {
		if got := urls(t, ix, c.q, c.f); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q, %+v) = %q, want %q", c.q, c.f, got, c.want)
		}
	}
}

// TestSearchSplit checks that results do not depend on how the index is
// cut into files: with tiny files every term has its own.
func TestSearchSplit(t *testing.T) {
	docs, bodies := fixture()
	b := NewBuilder(docs)
	b.ShardBytes, b.VocabBytes = 1, 1
	files := build(t, b, bodies)
	if _, ok := files["t/20.js"]; !ok {
		t.Fatalf("tiny limits made only %d files", len(files))
	}
	ix := open(t, files)
	for _, c := range searchCases {
		if got := urls(t, ix, c.q, c.f); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q, %+v) = %q, want %q", c.q, c.f, got, c.want)
		}
	}
	// A query reads the table and only the postings its terms need.
	ix = open(t, files)
	if _, err := ix.Search("rabbitmq", Filter{}); err != nil {
		t.Fatal(err)
	}
	shards := 0
	for _, name := range ix.Loaded {
		if strings.HasPrefix(name, "t/") {
			shards++
		}
	}
	if shards != 1 {
		t.Errorf("one-term query loaded %d shards: %q", shards, ix.Loaded)
	}
}

func TestWeights(t *testing.T) {
	docs, bodies := fixture()
	ix := open(t, build(t, NewBuilder(docs), bodies))
	weight := func(term, url string) int {
		if _, err := ix.matches(term); err != nil {
			t.Fatal(err)
		}
		st, ok := ix.find(term)
		if !ok {
			t.Fatalf("term %q not indexed", term)
		}
		for k, d := range st.docs {
			if ix.table.docs[d].url == url {
				return st.weights[k]
			}
		}
		return 0
	}
	for _, c := range []struct {
		term, url string
		want      int
	}{
		{"kafka", "radar/kafka/", TitleWeight + TitleBonus/2 + 1},              // title of two words, once in the body
		{"kafka", "decisions/0001-use-kafka/", TitleWeight + TitleBonus/5 + 3}, // four times in the body: 1 + log2(4)
		{"kafka", "decisions/0002-prototype-first/", TagWeight},
		{"kafka", "about/", 1},
		{"messaging", "radar/rabbitmq/", TagWeight},
		{"hold", "radar/kafka/", FacetWeight},
		{"0001", "decisions/0001-use-kafka/", FacetWeight},
	} {
		if got := weight(c.term, c.url); got != c.want {
			t.Errorf("weight of %q in %s = %d, want %d", c.term, c.url, got, c.want)
		}
	}
}

// TestOddTitle: a title that would end a script element or open a comment
// stays data: escaped in the JSON, and back intact when read.
func TestOddTitle(t *testing.T) {
	docs, bodies := fixture()
	files := build(t, NewBuilder(docs), bodies)
	for name, data := range files {
		if bytes.ContainsAny(data, "<>&") {
			t.Errorf("%s holds a raw <, > or &", name)
		}
	}
	hits, err := open(t, files).Search("quotes", Filter{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits = %v, %v", hits, err)
	}
	if got, want := hits[0].Title, `</script><!-- "quotes" & <b>`; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	docs, bodies := fixture()
	a := build(t, NewBuilder(docs), bodies)
	// Add in another order, as parallel rendering may.
	b := NewBuilder(docs)
	for i := len(bodies) - 1; i >= 0; i-- {
		b.Add(i, bodies[i])
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !bytes.Equal(a[f.Name], f.Data) {
			t.Errorf("%s differs between builds:\n%s\n%s", f.Name, a[f.Name], f.Data)
		}
	}
}

func TestEmpty(t *testing.T) {
	ix := open(t, build(t, NewBuilder(nil), nil))
	if got := urls(t, ix, "kafka", Filter{}); got != nil {
		t.Errorf("empty index found %q", got)
	}
}

// FuzzTokens checks that tokenising never panics and that every token is
// non-empty, normalized and at most MaxTokenRunes runes long.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Kafka vs RabbitMQ", "Ärger 数据库 ΣΊΣΥΦΟΣ", "\xff\xfe", "e\u0301\u0301", "ー々"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokens(s) {
			if tok == "" || utf8.RuneCountInString(tok) > MaxTokenRunes {
				t.Fatalf("Tokens(%q) gave %q", s, tok)
			}
			if again := Tokens(tok); len(again) != 1 || again[0] != tok {
				t.Fatalf("token %q of %q tokenises to %q", tok, s, again)
			}
		}
	})
}

// FuzzTextFromHTML checks that text extraction never panics.
func FuzzTextFromHTML(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<!--", "<a class=\"anchor\">#", "&amp", "<script>", "<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { _ = TextFromHTML(s) })
}

// TestTokenHash checks the hash each computes while scanning against the
// hash of the token it passes on.
func TestTokenHash(t *testing.T) {
	var tk tokenizer
	for _, s := range []string{"Kafka vs RabbitMQ", "Ärger 数据库 ΣΊΣΥΦΟΣ", strings.Repeat("Ab", 40), strings.Repeat("é", 40), "x² Ⅻ"} {
		tk.each(s, func(tok []byte) {
			if got, want := tk.hash, fnv(tok); got != want {
				t.Errorf("%q in %q: hash %d, want %d", tok, s, got, want)
			}
		})
	}
}

// TestCountBody checks that the fast path of indexing a body finds the
// tokens Tokens finds, with the same counts.
func TestCountBody(t *testing.T) {
	for _, s := range []string{
		"Kafka vs RabbitMQ: prototype-first! kafka kafka", "Ärger 数据库 ΣΊΣΥΦΟΣ x² Ⅻ …—", strings.Repeat("ab", 40) + " " + strings.Repeat("Ab", 40),
		"café\u00a0cafe\u0301 end", "a\u2028b", "",
	} {
		b := NewBuilder([]Doc{{}})
		w := &worker{}
		w.doc = 1
		w.countBody(b, []byte(s))
		got := map[string]int{}
		for k, p := range w.ps {
			got[b.terms[p.term]] = int(w.count[k])
		}
		want := map[string]int{}
		for _, tok := range Tokens(s) {
			want[tok]++
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("countBody(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestAddHTML: indexing rendered HTML gives the index of its text.
func TestAddHTML(t *testing.T) {
	docs, bodies := fixture()
	want := build(t, NewBuilder(docs), bodies)
	b := NewBuilder(docs)
	for i, body := range bodies {
		b.AddHTML(i, "<p>"+html.EscapeString(body)+"</p>\n<pre><code><span>x</span></code></pre>")
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Name] = f.Data
	}
	ix, wix := open(t, got), open(t, want)
	for _, q := range []string{"kafka", "rabit", "message queue", "arger", "数据"} {
		if g, w := urls(t, ix, q, Filter{}), urls(t, wix, q, Filter{}); !slices.Equal(g, w) {
			t.Errorf("%q: %q from HTML, %q from text", q, g, w)
		}
	}
	if g := urls(t, ix, "x", Filter{}); len(g) != len(bodies) {
		t.Errorf("x, in every code block: %q", g)
	}
}

// TestContinueSame edits one document at a time, continuing the last
// builder as the preview does: every file must equal a fresh build's, and
// the postings files whose terms did not change must be the last build's
// slices, so that the preview sees at once that they are unchanged.
func TestContinueSame(t *testing.T) {
	docs, bodies := fixture()
	edits := []struct {
		name string
		doc  int
		body string
		kept bool // every postings file is the last build's
	}{
		{"unchanged", 3, bodies[3], true},
		{"word added", 3, bodies[3] + " Zebras graze.", false},
		{"word removed", 3, "This site records our decisions.", false},
		{"weight raised", 2, bodies[2] + " queue queue queue queue queue queue queue.", false},
		{"unchanged again", 2, bodies[2] + " queue queue queue queue queue queue queue.", true},
		{"new first term", 4, "Aardvark " + bodies[4], false},
		{"emptied", 1, "", false},
	}
	small := func(b *Builder) *Builder {
		b.ShardBytes, b.VocabBytes = 64, 64
		return b
	}
	prev := small(NewBuilder(docs))
	prevFiles := build(t, prev, bodies)
	bodies = slices.Clone(bodies)
	for _, e := range edits {
		bodies[e.doc] = e.body
		next := prev.ContinueSame()
		for i := range docs {
			if i != e.doc {
				next.Reuse(i, prev, i)
			}
		}
		next.Add(e.doc, e.body)
		files, err := next.Files()
		if err != nil {
			t.Fatal(err)
		}
		want := build(t, small(NewBuilder(docs)), bodies)
		if len(files) != len(want) {
			t.Errorf("%s: %d files, a fresh build makes %d", e.name, len(files), len(want))
		}
		kept, shards := 0, 0
		got := map[string][]byte{}
		for _, f := range files {
			got[f.Name] = f.Data
			if !bytes.Equal(f.Data, want[f.Name]) {
				t.Errorf("%s: %s is\n%s\na fresh build's is\n%s", e.name, f.Name, f.Data, want[f.Name])
			}
			if strings.HasPrefix(f.Name, "t/") {
				shards++
				if old := prevFiles[f.Name]; len(old) > 0 && &old[0] == &f.Data[0] {
					kept++
				}
			}
		}
		if shards < 5 {
			t.Fatalf("%s: only %d postings files; the test needs several", e.name, shards)
		}
		if e.kept && kept != shards {
			t.Errorf("%s: %d of %d postings files kept, want all", e.name, kept, shards)
		}
		if !e.kept && (kept == 0 || kept == shards) {
			t.Errorf("%s: %d of %d postings files kept, want some but not all", e.name, kept, shards)
		}
		prev, prevFiles = next, got
	}
}

func TestUnwrap(t *testing.T) {
	file := wrap("t/3", []byte(`[["kafka",0,9]]`))
	if got, want := string(file), `waymarkSearchData("t/3",[["kafka",0,9]]);`; got != want {
		t.Fatalf("wrap = %s, want %s", got, want)
	}
	for _, c := range []struct {
		id, file string
		ok       bool
	}{
		{"t/3", string(file), true},
		{"t/4", string(file), false},                 // another file's content
		{"t/3", `waymarkSearchData("t/3",[]`, false}, // cut short
		{"t/3", `[["kafka",0,9]]`, false},            // plain JSON
		{"t/3", `evil();waymarkSearchData("t/3",[]);`, false},
	} {
		data, err := Unwrap(c.id, []byte(c.file))
		if (err == nil) != c.ok {
			t.Errorf("Unwrap(%q, %q): error %v, want ok=%v", c.id, c.file, err, c.ok)
		}
		if c.ok && string(data) != `[["kafka",0,9]]` {
			t.Errorf("Unwrap(%q, %q) = %s", c.id, c.file, data)
		}
	}
}

// TestContinueEdited edits documents' fields, not only their bodies, and
// continues the last builder as the preview does after a title or status
// edit: the files must equal a fresh build's whether the documents keep
// their numbers (patched) or not (inverted again).
func TestContinueEdited(t *testing.T) {
	docs, bodies := fixture()
	edits := []struct {
		name string
		edit func(docs []Doc) []Doc
		doc  int // the document added again; the others are reused
	}{
		{"title", func(d []Doc) []Doc { d[2].Title = "RabbitMQ broker"; return d }, 2},
		{"status and tags", func(d []Doc) []Doc {
			d[0].Status, d[0].Tags = "accepted", []Tag{{"queues", "Queues"}}
			return d
		}, 0},
		{"a document gone", func(d []Doc) []Doc { return slices.Delete(d, 3, 4) }, -1},
	}
	prev := NewBuilder(docs)
	build(t, prev, bodies)
	for _, e := range edits {
		next := e.edit(slices.Clone(docs))
		nextBodies := bodies
		if len(next) != len(docs) {
			nextBodies = slices.Delete(slices.Clone(bodies), 3, 4)
		}
		b := prev.ContinueEdited(next)
		for i := range next {
			j := slices.IndexFunc(docs, func(d Doc) bool { return d.URL == next[i].URL })
			if i == e.doc || j < 0 {
				b.Add(i, nextBodies[i])
			} else {
				b.Reuse(i, prev, j)
			}
		}
		files, err := b.Files()
		if err != nil {
			t.Fatal(err)
		}
		want := build(t, NewBuilder(next), nextBodies)
		if len(files) != len(want) {
			t.Errorf("%s: %d files, a fresh build makes %d", e.name, len(files), len(want))
		}
		for _, f := range files {
			if !bytes.Equal(f.Data, want[f.Name]) {
				t.Errorf("%s: %s is\n%s\na fresh build's is\n%s", e.name, f.Name, f.Data, want[f.Name])
			}
		}
		prev, docs, bodies = b, next, nextBodies
	}
}
