package render

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// outputsSite is a small site that publishes no two files at one path.
func outputsSite() fstest.MapFS {
	return fstest.MapFS{
		"waymark.yaml":              {Data: []byte("title: Paths\n")},
		"decisions/0001-queues.md":  {Data: []byte("# Use queues\n\nStatus: accepted\n")},
		"decisions/img/flow.png":    {Data: []byte("png")},
		"radar/go.md":               {Data: []byte("---\ntitle: Go\nquadrant: languages-and-frameworks\nring: adopt\n---\nFast.\n")},
		"content/about.md":          {Data: []byte("# About\n")},
		"content/assets/logo.png":   {Data: []byte("a file of the site's own under assets/ is fine")},
		"content/downloads/cv.pdf":  {Data: []byte("pdf")},
		"content/.well-known/x.txt": {Data: []byte("hidden: skipped by the walk")},
	}
}

// TestCheckOutputs adds files that would land on a path another file of
// the site takes, exactly, ignoring case or Unicode normalisation, or as
// a folder, and files whose names cannot be published: the build fails
// with an error naming both files, and check reports the same.
func TestCheckOutputs(t *testing.T) {
	blip := func(title, quadrant string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nquadrant: " + quadrant + "\nring: trial\n---\nText.\n")}
	}
	record := &fstest.MapFile{Data: []byte("# A record\n\nStatus: accepted\n")}
	file := &fstest.MapFile{Data: []byte("a user's file")}
	tests := []struct {
		name  string
		add   map[string]*fstest.MapFile
		names []string // in the message: both files
	}{
		{"a file on the home page", map[string]*fstest.MapFile{"content/index.html": file},
			[]string{"content/index.html", "waymark's home page index.html"}},
		{"a file on a theme file", map[string]*fstest.MapFile{"content/assets/style.css": file},
			[]string{"content/assets/style.css", "the theme's file static/style.css"}},
		{"a file on a blip's page", map[string]*fstest.MapFile{"radar/go/index.html": file},
			[]string{"radar/go/index.html", "radar/go.md"}},
		{"a file on index.json", map[string]*fstest.MapFile{"content/index.json": file},
			[]string{"content/index.json", "index.json"}},
		{"a file on feed.xml", map[string]*fstest.MapFile{"content/feed.xml": file}, []string{"content/feed.xml", "feed.xml"}},
		{"a file on sitemap.xml", map[string]*fstest.MapFile{"content/sitemap.xml": file}, []string{"content/sitemap.xml", "sitemap.xml"}},
		{"a file on 404.html", map[string]*fstest.MapFile{"content/404.html": file}, []string{"content/404.html", "404.html"}},
		{"a file in the search folder", map[string]*fstest.MapFile{"content/search/docs.json": file},
			[]string{"content/search/docs.json", "search/"}},
		{"a file on the code style", map[string]*fstest.MapFile{"content/assets/chroma.css": file},
			[]string{"content/assets/chroma.css", "assets/chroma.css"}},
		{"blips differing in case", map[string]*fstest.MapFile{"radar/Go.md": blip("Go again", "languages-and-frameworks")},
			[]string{"radar/Go.md", "radar/go.md", "case"}},
		{"a blip named like a quadrant but for case", map[string]*fstest.MapFile{"radar/Tools.md": blip("Tools", "tools")},
			[]string{"radar/Tools.md", "waymark's sector page radar/tools/index.html"}},
		{"record folders differing in case", map[string]*fstest.MapFile{
			"decisions/Backend/0002-a.md": record, "decisions/backend/0003-b.md": record},
			[]string{"decisions/Backend/0002-a.md", "decisions/backend/0003-b.md", "case"}},
		{"a page named like the radar", map[string]*fstest.MapFile{"content/Radar.md": {Data: []byte("# R\n")}},
			[]string{"content/Radar.md", "waymark's radar page radar/index.html"}},
		{"pages differing in Unicode normalisation", map[string]*fstest.MapFile{
			"content/caf\u00e9.md": {Data: []byte("# A\n")}, "content/cafe\u0301.md": {Data: []byte("# B\n")}},
			[]string{"content/caf\u00e9.md", "content/cafe\u0301.md"}},
		{"a blip whose page would be inside the radar page", map[string]*fstest.MapFile{"radar/index.html.md": blip("Index", "tools")},
			[]string{"radar/index.html.md", "waymark's radar page radar/index.html"}},
		{"a record folder named like the list page", map[string]*fstest.MapFile{"decisions/index.html/0002-x.md": record},
			[]string{"decisions/index.html/0002-x.md", "decisions/index.html"}},
		{"a file name with a line break", map[string]*fstest.MapFile{"content/a\nb.png": file},
			[]string{`content/a\nb.png`, "line break"}},
		{"a file name with a backslash", map[string]*fstest.MapFile{"content/a\\b.png": file},
			[]string{`content/a\\b.png`, "backslash"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := outputsSite()
			for name, f := range tt.add {
				fsys[name] = f
			}
			s, err := site.Load(site.Options{Site: fsys, Theme: themes.Default()})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			out := NewMemory()

			err = Render(out, s)

			if !errors.Is(err, ErrOutputs) {
				t.Fatalf("Render = %v, want ErrOutputs", err)
			}
			if len(out.Files) != 0 {
				t.Errorf("Render wrote %d files, want none", len(out.Files))
			}
			var msgs []string
			for _, p := range s.Problems.Sorted() {
				msgs = append(msgs, p.Error())
			}
			all := strings.Join(msgs, "\n")
			for _, want := range tt.names {
				if !strings.Contains(all, want) {
					t.Errorf("problems do not mention %q:\n%s", want, all)
				}
			}
		})
	}
}

// TestCheckOutputsAcceptsSite checks that a site whose files all have
// paths of their own passes, so that the check cannot fail every build.
func TestCheckOutputsAcceptsSite(t *testing.T) {
	s, out := buildFS(t, outputsSite())
	if err := s.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "assets/logo.png", "downloads/cv.pdf", "radar/go/index.html"} {
		if _, ok := out[name]; !ok {
			t.Errorf("no %s in the output", name)
		}
	}
}
