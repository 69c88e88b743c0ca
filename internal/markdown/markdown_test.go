package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/internal/diag"
)

// files is a Resolver over a fixed set of sources and assets.
type files map[string]string

func (f files) Page(source string) (string, bool) {
	u, ok := f[source]
	return u, ok && strings.HasSuffix(source, ".md")
}

func (f files) Asset(p string) (string, bool) {
	u, ok := f[p]
	return u, ok && !strings.HasSuffix(p, ".md")
}

var site = files{
	"decisions/0001-a.md":        "decisions/0001-a/",
	"decisions/0002-b.md":        "decisions/0002-b/",
	"radar/kafka.md":             "radar/kafka/",
	"decisions/images/flow.png":  "decisions/images/flow.png",
	"content/guide.md":           "guide/",
	"content/img/diagram v2.svg": "img/diagram v2.svg",
}

func render(t *testing.T, r *Renderer, source, url, body string) Result {
	t.Helper()
	res, err := r.Render(Doc{Source: source, URL: url, Body: []byte(body), BodyLine: 5}, site)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestLinks(t *testing.T) {
	r := New(Options{})
	for _, c := range []struct {
		name, source, url, body, want string
	}{
		{"sibling record", "decisions/0002-b.md", "decisions/0002-b/", "[a](0001-a.md)", `href="../../decisions/0001-a/index.html"`},
		{"fragment kept", "decisions/0002-b.md", "decisions/0002-b/", "[a](0001-a.md#context)", `href="../../decisions/0001-a/index.html#context"`},
		{"blip from record", "decisions/0002-b.md", "decisions/0002-b/", "[k](../radar/kafka.md)", `href="../../radar/kafka/index.html"`},
		{"image beside record", "decisions/0002-b.md", "decisions/0002-b/", "![f](images/flow.png)", `src="../../decisions/images/flow.png"`},
		{"content page to image with space", "content/guide.md", "guide/", "![d](img/diagram%20v2.svg)", `src="../img/diagram%20v2.svg"`},
		{"absolute URL untouched", "content/guide.md", "guide/", "[x](https://example.com/a.md)", `href="https://example.com/a.md"`},
		{"fragment only", "content/guide.md", "guide/", "[x](#top)", `href="#top"`},
		{"mailto", "content/guide.md", "guide/", "[x](mailto:a@b.c)", `href="mailto:a@b.c"`},
		{"autolink", "content/guide.md", "guide/", "see https://example.com now", `<a href="https://example.com">`},
		{"heading anchor", "content/guide.md", "guide/", "## Decision Outcome", `<h2 id="decision-outcome">Decision Outcome<a class="anchor" href="#decision-outcome" aria-label="Link to this section">#</a></h2>`},
		{"highlighted code", "content/guide.md", "guide/", "```go\nfunc f() {}\n```", `<span class="kd">func</span>`},
		{"unknown language escaped", "content/guide.md", "guide/", "```nosuch\n<b>\n```", `<pre><code class="language-nosuch">&lt;b&gt;`},
		{"mermaid diagram as text", "content/guide.md", "guide/", "```mermaid\ngraph LR\n  A[\"<b>\"] --> B\n```", "<pre class=\"mermaid\">graph LR\n  A[&quot;&lt;b&gt;&quot;] --&gt; B\n</pre>"},
		{"table", "content/guide.md", "guide/", "| a |\n|---|\n| b |", `<td>b</td>`},
		{"strikethrough", "content/guide.md", "guide/", "~~old~~", `<del>old</del>`},
		{"task list", "content/guide.md", "guide/", "- [x] done", `checked="" disabled="" type="checkbox"`},
		{"footnote", "content/guide.md", "guide/", "a[^1]\n\n[^1]: note", `class="footnote-ref"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := render(t, r, c.source, c.url, c.body)
			if !strings.Contains(string(res.HTML), c.want) {
				t.Errorf("output lacks %s:\n%s", c.want, res.HTML)
			}
			if len(res.Broken) != 0 {
				t.Errorf("broken links reported: %v", res.Broken)
			}
		})
	}
}

func TestBrokenLinks(t *testing.T) {
	res := render(t, New(Options{}), "decisions/0002-b.md", "decisions/0002-b/",
		"# T\n\nText [gone](0009-gone.md).\n\n![missing](images/none.png)\n\n[outside](../../etc/passwd)\n")
	want := []BrokenLink{{Line: 7, Target: "0009-gone.md"}, {Line: 9, Target: "images/none.png"}, {Line: 11, Target: "../../etc/passwd"}}
	if len(res.Broken) != len(want) {
		t.Fatalf("broken = %v, want %v", res.Broken, want)
	}
	for i := range want {
		if res.Broken[i] != want[i] {
			t.Errorf("broken[%d] = %v, want %v", i, res.Broken[i], want[i])
		}
	}
}

// TestDangerousInput: raw HTML and script URLs never reach the page.
func TestDangerousInput(t *testing.T) {
	payloads := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`[x](javascript:alert(1))`,
		`[x](JAVASCRIPT:alert(1))`,
		`[x](javascript&colon;alert(1))`,
		`[x](java&Tab;script:alert(1))`,
		`[x](vbscript:msgbox(1))`,
		`[x](data:text/html;base64,PHNjcmlwdD4=)`,
		`<iframe src="https://evil.test"></iframe>`,
		`<div style="background:url(javascript:alert(1))">x</div>`,
		`<svg onload=alert(1)>`,
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, p := range payloads {
			out := strings.ToLower(string(render(t, r, "content/guide.md", "guide/", p+"\n").HTML))
			for _, bad := range []string{"<script", "onerror", "onload", "javascript:", "vbscript:", "<iframe", "data:text/html"} {
				if strings.Contains(out, bad) {
					t.Errorf("unsafe=%v: %q rendered %q, which contains %q", unsafe, p, out, bad)
				}
			}
		}
	}
	// With the opt-in, harmless HTML survives sanitising.
	out := string(render(t, New(Options{Unsafe: true}), "content/guide.md", "guide/", "<b>bold</b> <em>em</em>\n").HTML)
	if !strings.Contains(out, "<b>bold</b>") {
		t.Errorf("unsafe mode dropped harmless HTML: %s", out)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"# T\n[a](0001-a.md)", "```go\nx\n```", "| a |\n|-|\n", "[^1]\n\n[^1]: x", "<b>x</b>", "![i](images/flow.png)"} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		res, err := r.Render(Doc{Source: "decisions/0002-b.md", URL: "decisions/0002-b/", Body: []byte(body), BodyLine: 1}, site)
		if err != nil {
			// Only a limit refuses a document, with its file and line.
			var p *diag.Problem
			if !errors.As(err, &p) || p.File != "decisions/0002-b.md" || p.Line < 1 {
				t.Fatalf("%q: %v", body, err)
			}
			return
		}
		if strings.Contains(strings.ToLower(string(res.HTML)), "<script") {
			t.Errorf("script tag in output of %q", body)
		}
		for _, b := range res.Broken {
			if b.Line < 1 {
				t.Errorf("broken link with line %d", b.Line)
			}
		}
	})
}

// TestHeadings checks that a table of contents gets the ids the rendered
// headings carry, repeated titles and markup included.
func TestHeadings(t *testing.T) {
	body := "# Title\n\n## Context and `problem`\n\ntext\n\n### Options\n\n## Options\n\n```\n## not a heading\n```\n\n#### Deep\n"
	res := render(t, New(Options{}), "content/x.md", "x/", body)
	got := res.Headings
	want := []Heading{{2, "Context and problem", "context-and-problem"}, {3, "Options", "options"}, {2, "Options", "options-1"}}
	if len(got) != len(want) {
		t.Fatalf("Headings = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("heading %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	html := string(res.HTML)
	for _, h := range want {
		if !strings.Contains(html, `id="`+h.ID+`"`) {
			t.Errorf("the rendered page has no heading with id %q", h.ID)
		}
	}
}

// FuzzHeadings: any body gives headings without a panic, each of level 2
// or 3, with an id the rendered HTML carries.
func FuzzHeadings(f *testing.F) {
	for _, s := range []string{"## A\n### B\n## A\n", "# T\n\n## `x` *y*\n", "- ## in a list\n> ## quoted\n", "## \n##\n"} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		res, err := r.Render(Doc{Source: "content/x.md", URL: "x/", Body: []byte(body), BodyLine: 1}, site)
		if err != nil {
			return // a document over a limit: its error is tested elsewhere
		}
		for _, h := range res.Headings {
			if h.Level != 2 && h.Level != 3 {
				t.Errorf("heading of level %d", h.Level)
			}
			if !bytes.Contains(res.HTML, []byte(`id="`+h.ID+`"`)) {
				t.Errorf("heading %+v: the HTML has no such id", h)
			}
		}
	})
}

// TestSummary takes the first paragraph as plain text, past headings and
// other blocks, and cuts a long one at a word.
func TestSummary(t *testing.T) {
	long := strings.Repeat("word ", 100)
	for _, tt := range []struct{ name, body, want string }{
		{"plain", "First *para*graph with `code`\nand a [link](x.md).\n\nSecond.\n", "First paragraph with code and a link."},
		{"after a heading and a list", "## Why\n\n- a list\n\n> quoted\n\nThe text.\n", "The text."},
		{"only a heading", "## Why\n", ""},
		{"empty", "", ""},
		{"raw html dropped", "<div>x</div>\n\nText <b>bold</b>.\n", "Text bold."},
		{"long", long, strings.TrimSpace(strings.Repeat("word ", 59)) + "…"},
		{"entity", "Fish &amp; chips\n", "Fish & chips"},
	} {
		if got := Summary([]byte(tt.body), 300); got != tt.want {
			t.Errorf("%s: Summary = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzSummary: any body gives a summary without a panic, on one line, in
// valid UTF-8 when the body is, and no longer than asked.
func FuzzSummary(f *testing.F) {
	for _, s := range []string{"A *b* `c`\n\nD\n", "# T\n\n- x\n\ny\n", "Plain words\nover two lines.\n\nMore.\n", "\n\nWhy it is here.\n", "[a]: b\n\ntext [a]\n", strings.Repeat("x ", 400)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got := Summary([]byte(body), 40)
		if _, ok := plainParagraph([]byte(body)); ok && utf8.ValidString(body) {
			if parsed := parsedSummary([]byte(body), 40); got != parsed {
				t.Errorf("plain paragraph %q summarised as %q, but the parser says %q", body, got, parsed)
			}
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("summary %q spans lines", got)
		}
		if utf8.ValidString(body) && !utf8.ValidString(got) {
			t.Errorf("summary %q is not valid UTF-8", got)
		}
		if n := utf8.RuneCountInString(got); n > 41 {
			t.Errorf("summary of %d characters, want at most 41", n)
		}
	})
}
