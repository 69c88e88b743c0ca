// Package build turns a site folder into the files of a static site.
//
// Load reads a site from an fs.FS (configuration, decision records, radar
// blips, free pages and the files beside them), parsing every source once,
// in parallel, and collecting every problem. Render then renders markdown,
// executes the theme's templates and hands each minified file to a Writer:
// a staging folder on disk (package output) or memory (tests, preview).
//
// # Pages and URLs
//
//	index.html                   home: radar, recent decisions, warnings
//	radar/index.html             the radar, legend and "what may my team use?"
//	radar/<quadrant>/index.html  one quadrant enlarged (with two or more quadrants)
//	radar/<id>/index.html        one blip
//	roadmap/index.html           planned moves by horizon
//	licenses/index.html          the licence policy, verdicts and stale blips
//	decisions/index.html         every record, by status, filterable
//	decisions/timeline/index.html  every record by date
//	decisions/graph/index.html   the relations between records, as SVG
//	decisions/<id>/index.html    one record (<folder>/<id>/ for categories)
//	tags/index.html, tags/<tag>/index.html
//	<page>/index.html            a free page from content/<page>.md
//	search/index.html            full-text search over search/docs.js, t/*.js, v/*.js
//	404.html, feed.xml, sitemap.xml, index.json, assets/…
//
// Every link between pages is relative and names index.html, so the site
// works under any sub-path and straight from the file system. The base URL
// appears only in the feed, the sitemap and canonical links.
//
// # Free pages
//
// content/<name>.md becomes <name>/index.html. Front matter keys: title,
// description, weight (order in the header menu; 0 keeps it out), tags.
package build

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Options say what to build.
type Options struct {
	Site    fs.FS  // the site folder
	Theme   fs.FS  // the built-in theme (themes/default)
	BaseURL string // overrides the configured base URL when set
	// Decisions overrides the configured decisions folder when set.
	Decisions string
	// History, when set, dates records that state no date by their file's
	// first commit, and every record by its last ("last changed").
	History History
}

// Site is a loaded site: every source parsed and linked.
type Site struct {
	Config    *config.Config
	Decisions *decision.Log
	Radar     *radar.Radar
	Pages     []*Page
	// Assets maps site-relative source paths of published files (images
	// and other files beside sources) to their site-relative URLs.
	Assets   map[string]string
	Problems *diag.List

	opts  Options
	pages map[string]string // source path → page URL
	// memo, set only by Incremental, carries reusable work from the
	// previous build (parsed sources, rendered bodies, generated files);
	// nil for a plain Load. See incremental.go.
	memo *memo
}

// Page is a free page from the content folder.
type Page struct {
	ID          string // URL segment
	Source      string
	URL         string
	Title       string
	Description string
	Weight      int
	Tags        []string
	Body        []byte
	BodyLine    int
}

type pageMeta struct {
	Title       meta.Text    `yaml:"title"`
	Description meta.Text    `yaml:"description"`
	Weight      int          `yaml:"weight"`
	Tags        meta.Strings `yaml:"tags"`
}

// Reserved URL segments that content pages may not take.
var reserved = []string{"assets", "decisions", "radar", "roadmap", "search", "tags", "licenses", "404.html", "index.json", "feed.xml", "sitemap.xml"}

// ErrInvalid is returned, wrapped, when the site has errors; the problems
// themselves are in Site.Problems.
var ErrInvalid = errors.New("the site has errors")

// Load reads and checks the site. It returns the site even when there are
// problems, so that check can report them all; the error is non-nil when
// any problem is an error.
func Load(opts Options) (*Site, error) { return load(opts, nil) }

// load is Load with an optional memo of the previous build (Incremental).
func load(opts Options, m *memo) (*Site, error) {
	s := &Site{Problems: &diag.List{}, Assets: map[string]string{}, pages: map[string]string{}, opts: opts, memo: m}
	cfg, err := loadConfig(opts.Site)
	if err != nil {
		s.Problems.AddErr(config.FileName, err)
		return s, s.Problems.Err()
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	s.findDecisions(cfg)
	s.Config = cfg
	if cfg.BaseURL == "" {
		s.Problems.Add(diag.Warnf(config.FileName, 1, "set baseURL: https://your.host/path/ in waymark.yaml or pass --base-url",
			"no baseURL: the feed, sitemap and canonical links use relative URLs"))
	}

	recordFiles, blipFiles, pageFiles := s.sources(cfg)
	history := s.readHistory(cfg.Decisions)

	records := make([]*decision.Record, len(recordFiles))
	blips := make([]*radar.Blip, len(blipFiles))
	pages := make([]*Page, len(pageFiles))
	parallel(len(recordFiles)+len(blipFiles)+len(pageFiles), func(i int) {
		switch {
		case i < len(recordFiles):
			records[i] = reuse(s.memo, recordFiles[i], s.parseRecord)
		case i < len(recordFiles)+len(blipFiles):
			i -= len(recordFiles)
			blips[i] = reuse(s.memo, blipFiles[i], s.parseBlip)
		default:
			i -= len(recordFiles) + len(blipFiles)
			pages[i] = reuse(s.memo, pageFiles[i], s.parsePage)
		}
	})
	if s.memo != nil {
		// decision.Link derives reverse relations in place: give it
		// copies, so that parsed records stay reusable.
		for i, r := range records {
			records[i] = cloneRecord(r)
		}
	}
	records = slices.DeleteFunc(records, func(r *decision.Record) bool { return r == nil })
	blips = slices.DeleteFunc(blips, func(b *radar.Blip) bool { return b == nil })
	pages = slices.DeleteFunc(pages, func(p *Page) bool { return p == nil })
	s.applyHistory(cfg.Decisions, records, history())

	log, problems := decision.Link(records)
	s.Problems.Add(problems...)
	s.Decisions = log
	var findings []*diag.Problem
	s.Radar, findings = s.newRadar(cfg, blips) // radar.New and its findings, or the memo's when no blip changed
	s.Problems.Add(findings...)
	s.Pages = pages
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.URL, b.URL)) })
	s.register()
	s.crossCheck()
	return s, s.Problems.Err()
}

// sources lists the markdown sources of records, blips and pages, and
// records every other file beside them in s.Assets.
func (s *Site) sources(cfg *config.Config) (recordFiles, blipFiles, pageFiles []string) {
	if w := s.memo.reuseWalk(); w != nil { // nothing came or went since the last walk
		maps.Copy(s.Assets, w.assets)
		return w.records, w.blips, w.pages
	}
	s.walk(cfg.Decisions, "decisions", func(p string) { recordFiles = append(recordFiles, p) })
	s.walk(cfg.Radar, "radar", func(p string) { blipFiles = append(blipFiles, p) })
	s.walk(cfg.Content, "", func(p string) { pageFiles = append(pageFiles, p) })
	s.memo.keepWalk(s, recordFiles, blipFiles, pageFiles)
	return recordFiles, blipFiles, pageFiles
}

func loadConfig(fsys fs.FS) (*config.Config, error) {
	src, err := fs.ReadFile(fsys, config.FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return config.Default(), nil
	}
	if err != nil {
		return nil, err
	}
	return config.Parse(config.FileName, src)
}

// walk calls md for every markdown source under dir and records every
// other file as an asset published under urlBase. Hidden files and folders
// (.git, editor files) are skipped; a missing folder is simply empty.
func (s *Site) walk(dir, urlBase string, md func(string)) {
	err := fs.WalkDir(s.opts.Site, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			s.Problems.Add(diag.Errorf(p, 0, "check the file's permissions", "cannot read: %v", err))
			return nil
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if strings.HasSuffix(strings.ToLower(name), ".md") {
			md(p)
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		s.Assets[p] = path.Join(urlBase, rel)
		return nil
	})
	if err != nil {
		s.Problems.Add(diag.Errorf(dir, 0, "", "cannot read folder: %v", err))
	}
}

func (s *Site) parseRecord(p string) *decision.Record {
	if _, _, ok := decision.ParseFileName(p); !ok {
		return nil
	}
	src, err := fs.ReadFile(s.opts.Site, p)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	folder := strings.TrimPrefix(path.Dir(strings.TrimPrefix(p, s.Config.Decisions+"/")), ".")
	r, err := decision.Parse(p, folder, src)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	return r
}

func (s *Site) parseBlip(p string) *radar.Blip {
	if strings.EqualFold(path.Base(p), "readme.md") || strings.EqualFold(path.Base(p), "index.md") {
		return nil
	}
	src, err := fs.ReadFile(s.opts.Site, p)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	b, err := radar.Parse(p, src, s.Config)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	return b
}

func (s *Site) parsePage(p string) *Page {
	src, err := fs.ReadFile(s.opts.Site, p)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	doc, err := meta.Split(p, src)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	var pm pageMeta
	if err := doc.Decode(&pm); err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	id := strings.TrimSuffix(strings.TrimPrefix(p, s.Config.Content+"/"), path.Ext(p))
	if slices.Contains(reserved, strings.Split(id, "/")[0]) {
		s.Problems.Add(diag.Errorf(p, 1, "rename the file", "page %q would replace waymark's own %s/ pages", id, strings.Split(id, "/")[0]))
		return nil
	}
	title := string(pm.Title)
	if title == "" {
		title = titleFromID(path.Base(id))
	}
	return &Page{ID: id, Source: p, URL: id + "/", Title: title, Description: string(pm.Description),
		Weight: pm.Weight, Tags: pm.Tags, Body: doc.Body, BodyLine: doc.BodyLine}
}

func titleFromID(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// register maps every source to its page URL, for link rewriting.
func (s *Site) register() {
	for _, r := range s.Decisions.Records {
		s.pages[r.Source] = RecordURL(r)
	}
	for _, b := range s.Radar.Blips {
		s.pages[b.Source] = BlipURL(b)
	}
	for _, p := range s.Pages {
		s.pages[p.Source] = p.URL
	}
}

// crossCheck reports references between decisions and blips that lead nowhere.
func (s *Site) crossCheck() {
	for _, r := range s.Decisions.Records {
		for _, id := range r.Blips {
			if s.Radar.Blip(id) == nil {
				s.Problems.Add(diag.Warnf(r.Source, r.Line("blips"), "use the blip's file name without .md", "blip %q does not exist", id))
			}
		}
	}
	for _, b := range s.Radar.Blips {
		for _, m := range b.History {
			if m.Decision != 0 && s.Decisions.Get("", m.Decision) == nil {
				s.Problems.Add(diag.Warnf(b.Source, b.Line("history"), "name an existing decision number", "history refers to %s, which does not exist", decision.Label(m.Decision)))
			}
		}
	}
}

// RecordURL is the site-relative URL of a record's page.
func RecordURL(r *decision.Record) string {
	if r.Folder != "" {
		return "decisions/" + r.Folder + "/" + r.ID + "/"
	}
	return "decisions/" + r.ID + "/"
}

// BlipURL is the site-relative URL of a blip's page.
func BlipURL(b *radar.Blip) string { return "radar/" + b.ID + "/" }

// parallel calls f(0..n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= n {
					return
				}
				f(j)
			}
		})
	}
	wg.Wait()
}
