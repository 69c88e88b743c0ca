package site

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/markdown"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// linkSite has good and broken links in a record, a blip and a page.
func linkSite() fstest.MapFS {
	return fstest.MapFS{
		"waymark.yaml": file("title: Links\nbaseURL: https://example.com/\n"),
		"decisions/0001-use-queues.md": file("---\nstatus: accepted\ndate: 2024-01-02\n---\n# Use queues\n\n" +
			"See [the blip](../radar/kafka.md), [a picture](img/flow.png) and [nothing](0009-missing.md).\n"),
		"decisions/img/flow.png": file("png"),
		"radar/kafka.md": file("---\ntitle: Kafka\nquadrant: platforms\nring: hold\n---\nWhy: [record](../decisions/0001-use-queues.md).\n\n" +
			"Broken: [gone](gone.md), ![img](missing.png)\n"),
		"content/about.md": file("---\ntitle: About\n---\n[home](../decisions/0001-use-queues.md) and [far away](../../outside.md)\n"),
	}
}

func warnings(ps []*diag.Problem, message string) []string {
	var out []string
	for _, p := range ps {
		if p.Message == message || message == "" {
			out = append(out, p.Error())
		}
	}
	return out
}

// TestCheckLinks finds exactly the broken links, with their lines, and
// agrees with what rendering the same markdown reports.
func TestCheckLinks(t *testing.T) {
	s, err := Load(Options{Site: linkSite()})
	if err != nil {
		t.Fatal(err)
	}
	before := len(s.Problems.Sorted())
	s.CheckLinks()
	var got []string
	for _, p := range s.Problems.Sorted() {
		if p.Fix == "point it at an existing file, relative to this one" {
			got = append(got, p.Error())
		}
	}
	if len(s.Problems.Sorted())-before != len(got) {
		t.Errorf("CheckLinks added %d problems, %d of them broken links", len(s.Problems.Sorted())-before, len(got))
	}
	if len(got) != 4 {
		t.Fatalf("broken links = %d, want 4:\n%q", len(got), got)
	}

	// Rendering every document finds the same ones.
	md := markdown.New(markdown.Options{})
	var rendered []string
	for _, d := range s.Docs() {
		res, err := md.Render(d, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range res.Broken {
			rendered = append(rendered, BrokenLink(d.Source, b).Error())
		}
	}
	slices.Sort(rendered)
	slices.Sort(got)
	if !slices.Equal(got, rendered) {
		t.Errorf("CheckLinks and Render disagree:\ncheck:  %q\nrender: %q", got, rendered)
	}
	for _, want := range []string{"decisions/0001-use-queues.md:7", "radar/kafka.md:8", "content/about.md:4"} {
		if !slices.ContainsFunc(got, func(g string) bool { return len(g) >= len(want) && g[:len(want)] == want }) {
			t.Errorf("no broken link reported at %s in %q", want, got)
		}
	}
}

// TestLoadInvalid returns the problems and an error that is ErrInvalid.
func TestLoadInvalid(t *testing.T) {
	fsys := linkSite()
	fsys["radar/bad.md"] = file("---\ntitle: Bad\nquadrant: nowhere\nring: hold\n---\n")
	s, err := Load(Options{Site: fsys})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if s.Problems.Err() == nil || err.Error() != s.Problems.Err().Error() {
		t.Errorf("err prints %q, want the problems: %v", err, s.Problems.Err())
	}
}

// countingReuse keeps parse results, as package incremental does.
type countingReuse struct {
	afresh
	mu     sync.Mutex // Load parses in parallel
	parsed map[string]any
	made   int
}

func (c *countingReuse) Parse(p string, parse func(string) any) any {
	c.mu.Lock()
	v, ok := c.parsed[p]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = parse(p)
	c.mu.Lock()
	c.made++
	c.parsed[p] = v
	c.mu.Unlock()
	return v
}

// TestReuseParse loads a second time from the kept parse results, and the
// site is the same.
func TestReuseParse(t *testing.T) {
	r := &countingReuse{parsed: map[string]any{}}
	first, err := Load(Options{Site: linkSite(), Reuse: r})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.made, 3; got != want {
		t.Fatalf("first load parsed %d files, want %d", got, want)
	}
	second, err := Load(Options{Site: linkSite(), Reuse: r})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.made, 3; got != want {
		t.Errorf("second load parsed again: %d parses in all, want %d", got, want)
	}
	if got, want := second.Decisions.Records[0].Title, first.Decisions.Records[0].Title; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if first.Decisions.Records[0] == second.Decisions.Records[0] {
		t.Error("both loads share one record: linking must work on copies of kept parse results")
	}
}

// TestCheckLinksInNotes: a history note is markdown of its blip's page;
// check reports its broken links at the history key's line.
func TestCheckLinksInNotes(t *testing.T) {
	fsys := fstest.MapFS{
		"radar/kafka.md": file("---\ntitle: Kafka\nquadrant: platforms\nring: hold\nhistory:\n  - {date: 2024-01-01, ring: hold, note: \"see [Pulsar](pulsar.md) and [Kafka](kafka.md)\"}\n---\n"),
	}
	s, err := Load(Options{Site: fsys})
	if err != nil {
		t.Fatal(err)
	}
	s.CheckLinks()
	got := warnings(s.Problems.Sorted(), "")
	want := `radar/kafka.md:5: warning: broken link "pulsar.md"`
	if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, want) }) {
		t.Errorf("problems lack %q:\n%s", want, strings.Join(got, "\n"))
	}
	if n := len(slices.DeleteFunc(got, func(p string) bool { return !strings.Contains(p, "broken link") })); n != 1 {
		t.Errorf("%d broken links, want 1", n)
	}
}
