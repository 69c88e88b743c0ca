package render

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/site"
)

// An output is one file the build will write, and what it is made from.
type output struct {
	path   string // site-relative, slash-separated
	source string // the site file it comes from; "" for a file waymark makes
	what   string // how to name it in a message
}

// Outputs lists every file a build of s writes, and what each is made
// from: the pages, the files published beside sources, the theme's static
// files and the files waymark generates. The search index's files are
// not listed one by one (their names depend on the site's size); the
// search folder is waymark's when search is on (reservedFolders).
func outputs(s *site.Site, pages []page.Page, th *Theme) []output {
	var outs []output
	for _, p := range pages {
		o := output{path: p.Path, what: fmt.Sprintf("waymark's %s page %s", p.Kind, p.Path)}
		if p.Body != nil {
			o.source, o.what = p.Body.Source, p.Body.Source
		}
		outs = append(outs, o)
	}
	for _, src := range slices.Sorted(maps.Keys(s.Assets)) {
		outs = append(outs, output{path: s.Assets[src], source: src, what: src})
	}
	outs = append(outs,
		output{path: "feed.xml", what: "waymark's feed feed.xml"},
		output{path: "sitemap.xml", what: "waymark's sitemap.xml"},
		output{path: "index.json", what: "waymark's data export index.json"},
		output{path: "assets/chroma.css", what: "waymark's code highlighting style assets/chroma.css"},
	)
	_ = fs.WalkDir(th.files, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel := strings.TrimPrefix(p, "static/")
			outs = append(outs, output{path: "assets/" + rel, what: "the theme's file static/" + rel})
		}
		return nil
	})
	return outs
}

// reservedFolders are the folders whose every file is waymark's.
func reservedFolders(s *site.Site) map[string]string {
	if s.Config.SearchOn() {
		return map[string]string{"search": "waymark's search index search/"}
	}
	return nil
}

// CheckOutputs adds an error to s.Problems for every file of the site
// that cannot be published as it is: a name that is no safe path (a line
// break or other control character, a backslash, invalid UTF-8), and two
// files at one path, or at paths that differ only in case or Unicode
// normalisation (one file on macOS and Windows), or a file where another
// needs a folder. Each error names both files. It returns ErrOutputs when
// it found any. Build, check and the preview run it; it renders nothing.
func CheckOutputs(s *site.Site, pages []page.Page, th *Theme) error {
	fold := cases.Fold()
	key := func(p string) string {
		for i := range len(p) {
			if p[i] >= utf8.RuneSelf {
				return fold.String(norm.NFC.String(p))
			}
		}
		return strings.ToLower(p) // the same for ASCII, at a fraction of the cost
	}
	reserved := reservedFolders(s)
	files := map[string]output{}   // key → the first output there
	folders := map[string]string{} // key → the folder as first spelt
	folderOf := map[string]output{}
	reported := map[string]bool{}
	add := func(o output, other output, format string, args ...any) {
		file := o.source
		if file == "" {
			file = other.source
		}
		if file == "" {
			file = "themes/" + s.Config.Theme
		}
		fix := "rename one of them"
		if o.source == "" || other.source == "" {
			fix = "rename or move " + file // the other is waymark's
		}
		p := diag.Errorf(file, 0, fix, format, args...)
		if !reported[p.Error()] {
			reported[p.Error()] = true
			s.Problems.Add(p)
		}
	}
	for _, o := range outputs(s, pages, th) {
		if why := unsafePath(o.path); why != "" {
			// Quoted: a line break in it would break the report's lines.
			name := strings.Trim(strconv.Quote(o.source), `"`)
			p := diag.Errorf(name, 0, "rename it", "it cannot be published: its output path %q %s", o.path, why)
			reported[p.Error()] = true
			s.Problems.Add(p)
			continue
		}
		if top, _, ok := strings.Cut(o.path, "/"); ok && o.source != "" {
			if owner, ok := reserved[strings.ToLower(top)]; ok {
				add(o, output{}, "%s would be published at %s, inside %s; only waymark writes there", o.what, o.path, owner)
				continue
			}
		}
		k := key(o.path)
		if first, ok := files[k]; ok {
			if first.path == o.path {
				add(o, first, "%s and %s would both be published at %s", o.what, first.what, o.path)
			} else {
				add(o, first, "%s and %s would be published at %s and %s, one file where case does not count (macOS, Windows)", o.what, first.what, o.path, first.path)
			}
			continue
		}
		files[k] = o
		for d := path.Dir(o.path); d != "."; d = path.Dir(d) {
			dk := key(d)
			if spelt, ok := folders[dk]; ok {
				if spelt != d {
					add(o, folderOf[dk], "%s and %s would be published in the folders %s and %s, one folder where case does not count (macOS, Windows)", o.what, folderOf[dk].what, d, spelt)
				}
				break // its parents are known too
			}
			folders[dk], folderOf[dk] = d, o
		}
	}
	// A file where another output needs a folder.
	for k, o := range files {
		if _, ok := folders[k]; ok {
			add(folderOf[k], o, "%s would be published inside %s/, but %s is published at %s", folderOf[k].what, folders[k], o.what, o.path)
		}
	}
	if len(reported) > 0 {
		return ErrOutputs
	}
	return nil
}

// ErrOutputs is returned by CheckOutputs when files of the site cannot be
// published as they are; the problems are in Site.Problems.
var ErrOutputs = errors.New("files of the site cannot be published as they are")

// unsafePath says why p cannot be a file name in every output folder, or
// returns "".
func unsafePath(p string) string {
	switch {
	case !utf8.ValidString(p):
		return "is not valid UTF-8"
	case strings.ContainsFunc(p, unicode.IsControl):
		return "holds a line break or another control character"
	case strings.Contains(p, `\`):
		return "holds a backslash, a folder separator on Windows"
	case !fs.ValidPath(p) || p == ".":
		return "is not a path inside the output folder"
	}
	return ""
}
