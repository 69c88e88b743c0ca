package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/slug"
)

// pageKinds are the templates a theme provides, one per kind of page; each
// is executed together with templates/base.html.
var pageKinds = []string{"home", "radar", "blip", "roadmap", "sector", "licenses", "editions", "edition", "view", "decisions", "decision", "tags", "tag", "page", "search", "404", "usage", "team"}

// partials are templates some kinds of page share, parsed with them.
var partials = map[string][]string{
	"radar":   {"templates/radar-parts.html"},
	"sector":  {"templates/radar-parts.html"},
	"edition": {"templates/radar-parts.html"},
	"view":    {"templates/radar-parts.html"},
}

// overlay is a theme: the site's own themes/<name>/ files, falling back
// file by file to the built-in theme.
type overlay struct {
	site    fs.FS // may be nil
	builtin fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.site != nil {
		f, err := o.site.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.builtin.Open(name)
}

// ReadDir lists a folder of both themes, the site's entries winning, so
// that walking static/ finds the built-in files the site did not replace.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, fsys := range []fs.FS{o.builtin, o.site} {
		if fsys == nil {
			continue
		}
		entries, err := fs.ReadDir(fsys, name)
		if err != nil {
			if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 {
		if firstErr == nil {
			firstErr = &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
		}
		return nil, firstErr
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, firstErr
}

// Theme is a parsed theme: its templates, one per kind of page, and its
// files (the site's own themes/<name>/ over the built-in theme).
type Theme struct {
	files fs.FS
	pages map[string]*template.Template
}

// HasSiteFolder reports whether the site has a theme folder of its own,
// whose templates and static files may change while it is served.
func (t *Theme) HasSiteFolder() bool {
	o, ok := t.files.(overlay)
	return ok && o.site != nil
}

// Files are the theme's files: the site's own over the built-in theme.
func (t *Theme) Files() fs.FS { return t.files }

// LoadTheme parses the site's theme.
func LoadTheme(s *site.Site) (*Theme, error) {
	opts := s.Options()
	o := overlay{builtin: opts.Theme}
	dir := path.Join("themes", s.Config.Theme)
	if sub, err := fs.Sub(opts.Site, dir); err == nil {
		if _, err := fs.Stat(opts.Site, dir); err == nil {
			o.site = sub
		} else if s.Config.Theme != "default" {
			return nil, fmt.Errorf("theme %q: folder %s does not exist; create it or remove theme: from waymark.yaml", s.Config.Theme, dir)
		}
	}
	t := &Theme{files: o, pages: map[string]*template.Template{}}
	// themeCSS inlines one of the theme's stylesheets, for the 404 page,
	// which is served at addresses its relative links do not fit.
	themeCSS := func(name string) (template.CSS, error) {
		data, err := fs.ReadFile(o, name)
		return template.CSS(data), err //nolint:gosec // the theme's own file
	}
	base, err := template.New("base").Funcs(funcs).Funcs(template.FuncMap{"themeCSS": themeCSS}).ParseFS(o, "templates/base.html")
	if err != nil {
		return nil, themeError(dir, err)
	}
	for _, kind := range pageKinds {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		names := append([]string{"templates/" + kind + ".html"}, partials[kind]...)
		if t.pages[kind], err = clone.ParseFS(o, names...); err != nil {
			return nil, themeError(dir, err)
		}
	}
	return t, nil
}

func themeError(dir string, err error) error {
	return fmt.Errorf("%s: %w; fix the template", dir, err)
}

var funcs = template.FuncMap{
	"human": func(d meta.Date) string { return d.Human() },
	// day is nil for an unset date, so that {{with day .Date}} skips it:
	// a struct is always true to the template language.
	"day": func(d meta.Date) *meta.Date {
		if d.IsZero() {
			return nil
		}
		return &d
	},
	"join":  func(sep string, xs []string) string { return strings.Join(xs, sep) },
	"label": func(n int) string { return fmt.Sprintf("ADR-%04d", n) },
	"title": func(s string) string { return site.TitleFromID(s) },
	// slug makes a class or id of a value such as the status "not stated"
	"slug": slug.Make,
	"add":  func(a, b int) int { return a + b },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key, value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
