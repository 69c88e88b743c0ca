package render

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// TestBadInput loads sites with one bad file each: every case gives one
// clear error naming the file and line, never a panic or silent success.
func TestBadInput(t *testing.T) {
	okBlip := "---\ntitle: A\nquadrant: tools\nring: hold\n---\nbody\n"
	bomb := "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\ntitle: *i\n---\n"
	for _, c := range []struct {
		name, file, data, want string
	}{
		{"unknown config key", "waymark.yaml", "title: T\nbaseurl: x\n", `waymark.yaml:2: unknown key "baseurl"`},
		{"unknown blip key", "radar/a.md", "---\ntitle: A\nquadrant: tools\nring: hold\ncolour: red\n---\n", `radar/a.md:5: unknown key "colour"`},
		{"bad ring", "radar/a.md", "---\ntitle: A\nquadrant: tools\nring: hodl\n---\n", `radar/a.md:4: unknown ring "hodl"; use one of adopt, trial, assess, hold`},
		{"unknown quadrant", "radar/a.md", "---\ntitle: A\nquadrant: toolz\nring: hold\n---\n", `radar/a.md:3: unknown quadrant "toolz"; use one of techniques, tools, platforms, languages-and-frameworks`},
		{"missing closing ---", "radar/a.md", "---\ntitle: A\nquadrant: tools\nring: hold\n\nbody\n", `radar/a.md:1: front matter opened here is never closed`},
		{"invalid UTF-8", "decisions/0001-x.md", "---\nstatus: accepted\n---\n# X\n\nbad \xff byte\n", `decisions/0001-x.md:6: invalid UTF-8`},
		{"duplicate keys", "decisions/0001-x.md", "---\nstatus: accepted\ndate: 2020-01-01\nstatus: rejected\n---\n# X\n", `decisions/0001-x.md:4: duplicate key "status" (first at line 2)`},
		{"alias bomb", "radar/a.md", bomb, `radar/a.md:`},
		{"bad date", "decisions/0001-x.md", "---\nstatus: accepted\ndate: 12/31/2020\n---\n# X\n", `decisions/0001-x.md:3:`},
		{"wrong type", "radar/a.md", "---\ntitle: A\nquadrant: tools\nring: hold\nhistory: yes\n---\n", `radar/a.md:5:`},
		{"content page over a reserved URL", "content/radar.md", "---\ntitle: R\n---\n", `content/radar.md:1: page "radar" would replace`},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"radar/ok.md": {Data: []byte(okBlip)}}
			fsys[c.file] = &fstest.MapFile{Data: []byte(c.data)}
			start := time.Now()
			s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
			if err == nil {
				t.Fatalf("loaded without error; problems: %v", s.Problems.Sorted())
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q, want it to contain %q", err, c.want)
			}
			if errs, _, _ := s.Problems.Count(); errs != 1 {
				t.Errorf("%d errors, want exactly 1: %v", errs, err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d) // an alias bomb must fail fast, not expand
			}
		})
	}
}

// TestByteOrderMark accepts a UTF-8 BOM, as Windows editors write it.
func TestByteOrderMark(t *testing.T) {
	fsys := fstest.MapFS{
		"waymark.yaml":        {Data: []byte("\xef\xbb\xbftitle: BOM site\n")},
		"radar/a.md":          {Data: []byte("\xef\xbb\xbf---\ntitle: A\nquadrant: tools\nring: hold\n---\nbody\n")},
		"decisions/0001-x.md": {Data: []byte("\xef\xbb\xbf---\nstatus: accepted\n---\n# X\n")},
	}
	s, _ := buildFS(t, fsys)
	if got, want := s.Config.Title, "BOM site"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := s.Radar.Blips[0].Ring, "hold"; got != want {
		t.Errorf("ring = %q, want %q", got, want)
	}
	if got, want := s.Decisions.Records[0].Status, "accepted"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
}

// TestPathologicalMarkdown builds a site with documents beyond the
// markdown limits: each is an error naming its file and line, and every
// other page is still built.
func TestPathologicalMarkdown(t *testing.T) {
	var deep strings.Builder
	for i := range 200 {
		deep.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	fsys := fstest.MapFS{
		"radar/ok.md":         {Data: []byte("---\ntitle: A\nquadrant: tools\nring: hold\n---\nplain body\n")},
		"radar/bad.md":        {Data: []byte("---\ntitle: B\nquadrant: tools\nring: hold\n---\n\n" + strings.Repeat("[a](", 1_000_000) + "\n")},
		"decisions/0001-x.md": {Data: []byte("---\nstatus: accepted\n---\n# X\n\n" + deep.String())},
	}
	s, files := buildFS(t, fsys)
	var errs []string
	for _, p := range s.Problems.Sorted() {
		if p.Severity == diag.Error {
			errs = append(errs, p.Error())
		}
	}
	want := []string{"decisions/0001-x.md:38: lists and block quotes nest more than 32 deep", `radar/bad.md:7: links opened with "](" here are not closed`}
	if len(errs) != len(want) {
		t.Fatalf("errors = %q, want %q", errs, want)
	}
	for i := range want {
		if !strings.HasPrefix(errs[i], want[i]) {
			t.Errorf("error %d = %q, want %q…", i, errs[i], want[i])
		}
	}
	if !strings.Contains(string(files["radar/ok/index.html"]), "plain body") {
		t.Error("the page of radar/ok.md was not built")
	}
}

// TestDistinctTags gives C++, C# and C pages of their own, and warns about
// a tag that can make no page instead of dropping it silently.
func TestDistinctTags(t *testing.T) {
	fsys := fstest.MapFS{
		"decisions/0001-a.md": {Data: []byte("---\nstatus: accepted\ntags: [C++, c]\n---\n# A\n")},
		"decisions/0002-b.md": {Data: []byte("---\nstatus: accepted\ntags:\n  - C#\n  - \"!!!\"\n---\n# B\n")},
		"radar/ok.md":         {Data: []byte("---\ntitle: A\nquadrant: tools\nring: hold\ntags: [C++, \"???\"]\n---\nbody\n")},
		"content/about.md":    {Data: []byte("---\ntitle: About\n\ntags: [\"#\"]\n---\ntext\n")},
	}
	s, files := buildFS(t, fsys)
	for page, want := range map[string][]string{
		"tags/c-plus-plus/index.html": {"0001", "radar/ok/"},
		"tags/c-sharp/index.html":     {"0002"},
		"tags/c/index.html":           {"0001"},
	} {
		html := string(files[page])
		if html == "" {
			t.Errorf("%s not built", page)
		}
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %q", page, w)
			}
		}
	}
	if strings.Contains(string(files["tags/c/index.html"]), "0002") {
		t.Error("C# is on the page of C")
	}
	var got []string
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "makes no tag page") {
			got = append(got, p.Error())
		}
	}
	want := []string{
		`content/about.md:4: warning: tag "#" makes no tag page and is left out; use letters or digits in the tag`,
		`decisions/0002-b.md:3: warning: tag "!!!" makes no tag page and is left out; use letters or digits in the tag`,
		`radar/ok.md:5: warning: tag "???" makes no tag page and is left out; use letters or digits in the tag`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSharedTagSpellings warns when two spellings that differ beyond case
// share one tag page, naming where the first spelling is; case alone
// ("Kafka", "kafka") is the same tag and says nothing.
func TestSharedTagSpellings(t *testing.T) {
	fsys := fstest.MapFS{
		"decisions/0001-a.md": {Data: []byte("---\nstatus: accepted\ntags: [event.bus, Kafka]\n---\n# A\n")},
		"decisions/0002-b.md": {Data: []byte("---\nstatus: accepted\ntags: [event bus, kafka]\n---\n# B\n")},
	}
	s, files := buildFS(t, fsys)
	html := string(files["tags/event-bus/index.html"])
	if !strings.Contains(html, "0001") || !strings.Contains(html, "0002") {
		t.Errorf("tags/event-bus/ does not list both records:\n%s", html)
	}
	var got []string
	for _, p := range s.Problems.Sorted() {
		if strings.Contains(p.Message, "shares the page") {
			got = append(got, p.Error())
		}
	}
	want := `decisions/0002-b.md:3: warning: tag "event bus" shares the page tags/event-bus/ with the tag "event.bus"; write it "event.bus", as decisions/0001-a.md:3 does`
	if strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
