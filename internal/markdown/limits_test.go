package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Within its limits a pathological construct renders; beyond them, the
// document is refused with a problem naming the file and the line.
func TestPathologicalLimits(t *testing.T) {
	r := New(Options{})
	for _, c := range pathologicals {
		t.Run(c.name, func(t *testing.T) {
			doc := Doc{Source: "content/guide.md", URL: "guide/", Body: []byte(c.gen(c.n1)), BodyLine: 4}
			if _, err := r.Render(doc, site); err != nil {
				t.Errorf("n=%d: %v", c.n1, err)
			}
			if c.n2 == 0 {
				return
			}
			doc.Body = []byte(c.gen(c.n2))
			_, err := r.Render(doc, site)
			var p *diag.Problem
			if !errors.As(err, &p) {
				t.Fatalf("n=%d: err = %v, want a problem", c.n2, err)
			}
			if p.File != "content/guide.md" || p.Line < 4 || p.Fix == "" || p.Severity != diag.Error {
				t.Errorf("n=%d: problem %+v lacks file, line or fix", c.n2, p)
			}
			if _, lerr := r.Links(doc, site); lerr == nil || lerr.Error() != err.Error() {
				t.Errorf("Links: %v, Render: %v", lerr, err)
			}
		})
	}
}

func TestLimitLines(t *testing.T) {
	r := New(Options{})
	for _, c := range []struct {
		name, body string
		line       int
		want       string
	}{
		{"deep list", "# T\n\n" + nestedList(MaxNesting+1), 4 + 2 + MaxNesting, "nest more than 32 deep"},
		{"deep quote", "# T\n\ntext\n\n" + strings.Repeat(">", MaxNesting+5) + " a\n", 8, "nest more than 32 deep"},
		{"wide table", "# T\n\n|a|\n" + strings.Repeat("|-", MaxTableColumns+1) + "|\n", 7, "table has 1001 columns"},
		{"table cells", "# T\n\n|a|b|\n|-|-|\n" + strings.Repeat("x\n", MaxTableCells/2), 7, "cells (2 columns"},
		{"unclosed links", "# T\n\n" + strings.Repeat("[a](", 200_000), 6, `"](" here are not closed`},
		{"definitions", "# T\n\nText.\n\n" + strings.Repeat("[a]: /b\n", 5000), 8, "5000 link reference definitions in a paragraph of 5000 lines"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := r.Render(Doc{Source: "decisions/0002-b.md", URL: "decisions/0002-b/", Body: []byte(c.body), BodyLine: 4}, site)
			var p *diag.Problem
			if !errors.As(err, &p) {
				t.Fatalf("err = %v, want a problem", err)
			}
			if p.Line != c.line || !strings.Contains(p.Message, c.want) {
				t.Errorf("got %v, want line %d and %q", p, c.line, c.want)
			}
		})
	}
}

// Legitimate documents near the limits render.
func TestWithinLimits(t *testing.T) {
	r := New(Options{})
	for _, c := range []struct{ name, body, want string }{
		{"long data URI", "![x](data:image/png;base64," + strings.Repeat("A", 2<<20) + ")", "<img"},
		{"many links", strings.Repeat("[a](https://example.com/(x)) ", 50_000), `href="https://example.com/(x)"`},
		{"list 31 deep", nestedList(MaxNesting - 1), "<li>a"},
		{"wide table", "|" + strings.Repeat("a|", MaxTableColumns) + "\n|" + strings.Repeat("-|", MaxTableColumns) + "\n", "<th>a</th>"},
		{"definitions", strings.Repeat("[a]: /b\n", 2000) + "\n[a]", `href="/b"`},
		{"bracket text", strings.Repeat("see [1] and (2) ", 100_000), "see [1] and (2)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := r.Render(Doc{Source: "content/guide.md", URL: "guide/", Body: []byte(c.body), BodyLine: 1}, site)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.HTML), c.want) {
				t.Errorf("output lacks %q", c.want)
			}
		})
	}
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}
