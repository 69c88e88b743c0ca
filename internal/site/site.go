// Package site is the first stage of the pipeline: it reads a site folder
// into a checked, linked model, and is all that check, export and new need.
//
// Load reads the configuration, walks the decisions, radar and content
// folders, parses every markdown source once (in parallel), links records
// to one another and to blips, and collects every problem. The Site it
// returns answers the markdown renderer's questions (which page a source
// becomes, where a file is published: Site.Page and Site.Asset) and finds
// broken links without rendering a page (Site.CheckLinks).
//
// # URLs
//
// The URL scheme lives here (RecordURL, BlipURL, SectorURL, TagURL), so
// that every stage agrees on where a page is.
//
//	radar/<id>/                  one blip
//	radar/<quadrant>/            one quadrant enlarged
//	radar/editions/<date>/       the radar as it was at an edition date
//	radar/views/<id>/            a view of the radar (waymark.yaml views)
//	decisions/<id>/              one record (<folder>/<id>/ for categories)
//	tags/<tag>/                  one tag
//	usage/, usage/<team>/        what teams run, and one team's view
//	<page>/                      a free page from content/<page>.md
//
// Segments made from names of files and folders are percent-encoded
// (PathURL): "0007-c#-and-f#.md" is at decisions/0007-c%23-and-f%23/, in
// every link, the feed, the sitemap, the search index and index.json.
// Files keep their own names: PageFile is the file of a page URL, and
// Site.Assets maps sources to the paths they are published at.
//
// # Free pages
//
// content/<name>.md becomes <name>/index.html. Front matter keys: title,
// description, weight (order in the header menu; 0 keeps it out), tags.
//
// # Walking
//
// Hidden files and folders (.git, editor files) and names starting with _
// or ending with ~ are skipped; a missing folder is simply empty. Every
// file that is not markdown is published beside its page (Site.Assets).
// In the decisions folder, numbered and dated names are records; a
// folder's only markdown file, index.md or README.md, is a record kept as
// a folder with its images; a plain slug.md is a record unless numbered
// records sit beside it (pickRecords).
//
// # Files linked from outside the folders
//
// A repository root is a normal site: docs/adr/0001-x.md links
// ../img/diagram.png and ../glossary.md. A file outside the decisions,
// radar, content and usage folders (but inside the site) that published
// markdown links to is published at its own path; linked markdown
// becomes a page at its path without .md (docs/glossary/), read
// leniently (title and description from its front matter, no menu
// place), whose links are followed in turn (publishLinked). Nothing
// unlinked is published, so a repository's code, secrets and notes stay
// out, and hidden files (".", "_"), waymark.yaml and themes/ never go out
// this way even when linked.
//
// # Never silently empty
//
// A site folder or --decisions folder that does not exist is an error; so
// is a decisions folder of markdown with no record (the message names the
// folder, how many files it saw and why the first few were not taken), and
// a folder with nothing of a site in it (no waymark.yaml, records, radar
// or content), which suggests waymark init. A decisions folder named in
// waymark.yaml that does not exist is a warning.
//
// # Usage
//
// The usage folder (waymark.yaml's usage.folder, default usage/) holds
// teams' SBOMs and lockfiles, as package usage names them. They are read
// with the other sources, judged against the site's guidance (Guide) into
// Site.Usage, and checked: a held technology in use is a warning, or a
// policy problem with usage.holdInUse: policy; a licence the policy
// denies is a policy problem; an exception past its until date is a
// policy problem at the exception; an SBOM older than review.months is
// stale (a warning); a packages: pattern of a blip not on hold that
// matches no package of any team is a warning (that nobody uses a held
// technology is the point). A usage file that cannot be read is left out
// with a policy problem: build goes on, check fails. Options.Today fixes
// the day these are judged on (tests); by default it is the day of the
// load.
//
// # Reuse
//
// Options.Reuse lets a caller that builds the same site again (the
// preview, package incremental) hand back the walk, parse results and
// radar of an earlier load. Load itself keeps nothing between calls.
package site

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/usage"
)

// Options say what to load.
type Options struct {
	Site    fs.FS  // the site folder
	Dir     string // the site folder's name, for messages ("" : "the site folder")
	Theme   fs.FS  // the built-in theme (themes/default)
	BaseURL string // overrides the configured base URL when set
	// Decisions overrides the configured decisions folder when set.
	Decisions string
	// History, when set, dates records that state no date by their file's
	// first commit, and every record by its last ("last changed").
	History History
	// Reuse, when set, offers the work of an earlier load of the same
	// site; nil loads everything afresh.
	Reuse Reuse
	// Today is the day exceptions and the age of SBOMs are judged on;
	// zero means the day of the load.
	Today meta.Date
	// SkipUsage leaves the usage folder unread, for a caller that needs
	// the guidance only (audit).
	SkipUsage bool
	// Walked, when set, is told how many markdown documents the walk
	// found, before any is parsed: the build command sizes its memory
	// limit by it.
	Walked func(documents int)
}

// Reuse hands Load the work of an earlier load. Each method either returns
// what it kept, when what it was made from is unchanged, or calls make.
type Reuse interface {
	// Walk returns the sources of the last walk while no file came or
	// went, else make's; make reports whether its walk met no problem.
	Walk(make func() (Sources, bool)) Sources
	// Parse returns the parse result of the source at path while the file
	// is unchanged, else parse(path)'s (nil when the file has problems).
	Parse(path string, parse func(string) any) any
	// Radar returns the radar and its findings while the blips are the
	// very same parse results, else make's.
	Radar(blips []*radar.Blip, make func() (*radar.Radar, []*diag.Problem)) (*radar.Radar, []*diag.Problem)
	// Judged returns judge's judgement of the usage files, handing it the
	// last load's (nil when there is none), from which usage.JudgeAgain
	// takes the judgement of every BOM kept by Parse.
	Judged(judge func(prev *usage.Report) *usage.Report) *usage.Report
}

// afresh is the Reuse of a plain load: it keeps nothing.
type afresh struct{}

func (afresh) Walk(make func() (Sources, bool)) Sources   { s, _ := make(); return s }
func (afresh) Parse(p string, parse func(string) any) any { return parse(p) }
func (afresh) Radar(_ []*radar.Blip, make func() (*radar.Radar, []*diag.Problem)) (*radar.Radar, []*diag.Problem) {
	return make()
}
func (afresh) Judged(judge func(*usage.Report) *usage.Report) *usage.Report { return judge(nil) }

// Sources are what walking the site's folders found.
type Sources struct {
	Records, Blips, Pages []string // markdown sources, site-relative
	// Skipped are the markdown files of the decisions folder that are not
	// records, and why.
	Skipped []Skipped
	Usage   []string // SBOMs and lockfiles, site-relative
	// Assets maps every other file to the site-relative path it is
	// published at (its URL is PathURL of it).
	Assets map[string]string
}

// Site is a loaded site: every source parsed and linked.
type Site struct {
	Config    *config.Config
	Decisions *decision.Log
	Radar     *radar.Radar
	Pages     []*Page
	// Assets maps site-relative source paths of published files (images
	// and other files beside sources) to the site-relative paths they are
	// published at, as they are on disk; Asset gives their URLs.
	Assets   map[string]string
	Problems *diag.List
	// Usage is what teams run, judged against the guidance.
	Usage *Usage
	// Notices are what matters only for publishing, not a problem of the
	// site (no baseURL): build and check print them, one line each.
	Notices []string

	opts    Options
	pages   map[string]string // source path → page URL
	outside map[string]bool   // linked paths outside the site's folders (publishLinked)
	reading decision.Reading
	// usageReader reads the usage files of this load, which share most
	// of their packages; nil once they are read.
	usageReader *usage.Reader
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
	tagsLine    int // file line of the tags key
}

type pageMeta struct {
	Title       meta.Text    `yaml:"title"`
	Description meta.Text    `yaml:"description"`
	Weight      int          `yaml:"weight"`
	Tags        meta.Strings `yaml:"tags"`
}

// Reserved URL segments that content pages may not take.
var reserved = []string{"assets", "decisions", "radar", "roadmap", "search", "tags", "licenses", "usage", "404.html", "index.json", "feed.xml", "sitemap.xml"}

// ErrInvalid is returned, wrapped, when the site has errors; the problems
// themselves are in Site.Problems.
var ErrInvalid = errors.New("the site has errors")

// Load reads and checks the site. It returns the site even when there are
// problems, so that check can report them all; the error wraps ErrInvalid
// when any problem is an error.
func Load(opts Options) (*Site, error) {
	reuse := opts.Reuse
	if reuse == nil {
		reuse = afresh{}
	}
	s := &Site{Problems: &diag.List{}, Assets: map[string]string{}, pages: map[string]string{}, opts: opts, usageReader: usage.NewReader()}
	if fi, err := fs.Stat(opts.Site, "."); err != nil || !fi.IsDir() {
		s.Problems.Add(diag.Errorf(s.dirName(), 0, "pass --site with the folder that holds waymark.yaml, or run waymark init to start a site", "the site folder does not exist"))
		return s, s.err()
	}
	cfg, err := loadConfig(opts.Site)
	if err != nil {
		s.Problems.AddErr(config.FileName, err)
		return s, s.err()
	}
	if opts.BaseURL != "" {
		if !config.ValidBaseURL(opts.BaseURL) {
			s.Problems.Add(diag.Errorf("--base-url", 0, "pass it as https://host/path/", "%q is not an absolute http(s) URL", opts.BaseURL))
			return s, s.err()
		}
		cfg.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	s.findDecisions(cfg)
	s.Config = cfg
	s.reading = cfg.DecisionSettings.Reading()
	if cfg.BaseURL == "" {
		// Only publishing needs it: a notice, not a warning that would
		// fail check --strict on every site still being written.
		s.Notices = append(s.Notices, "no baseURL yet: the feed, sitemap and canonical links use relative URLs; before publishing, set baseURL: https://your.host/path/ in waymark.yaml or pass --base-url")
	}

	src := reuse.Walk(func() (Sources, bool) {
		// A walk with a warning (a skipped link) is not kept: kept, its
		// warning would be missing from the next build.
		before := s.problemCount()
		src := s.walkAll(cfg)
		return src, s.Problems.Err() == nil && s.problemCount() == before
	})
	maps.Copy(s.Assets, src.Assets)
	if opts.Walked != nil {
		opts.Walked(len(src.Records) + len(src.Blips) + len(src.Pages))
	}
	history := s.readHistory(cfg.Decisions)

	records := make([]*decision.Record, len(src.Records))
	blips := make([]*radar.Blip, len(src.Blips))
	pages := make([]*Page, len(src.Pages))
	boms := make([]*usage.BOM, len(src.Usage))
	// The parse functions are made once: a closure per file would cost
	// allocations on every save of a large site.
	parseRecord := func(p string) any { return nilIfNil(s.parseRecord(p)) }
	parseBlip := func(p string) any { return nilIfNil(s.parseBlip(p)) }
	parsePage := func(p string) any { return nilIfNil(s.parsePage(p)) }
	parseUsage := func(p string) any { return nilIfNil(s.parseUsage(p)) }
	nr, nb, np := len(src.Records), len(src.Blips), len(src.Pages)
	parallel.For(nr+nb+np+len(src.Usage), func(i int) {
		switch {
		case i < nr:
			records[i], _ = reuse.Parse(src.Records[i], parseRecord).(*decision.Record)
		case i < nr+nb:
			blips[i-nr], _ = reuse.Parse(src.Blips[i-nr], parseBlip).(*radar.Blip)
		case i < nr+nb+np:
			pages[i-nr-nb], _ = reuse.Parse(src.Pages[i-nr-nb], parsePage).(*Page)
		default:
			boms[i-nr-nb-np], _ = reuse.Parse(src.Usage[i-nr-nb-np], parseUsage).(*usage.BOM)
		}
	})
	s.usageReader = nil // the components hold what they share; the rest goes
	// decision.Link derives reverse relations and dates in place: it gets
	// copies, so that parse results stay as parsed (and reusable).
	for i, r := range records {
		records[i] = cloneRecord(r)
	}
	var notRecords []Skipped
	for i, r := range records {
		if r == nil {
			notRecords = append(notRecords, Skipped{src.Records[i], "a template, a draft or unreadable"})
		}
	}
	records = slices.DeleteFunc(records, func(r *decision.Record) bool { return r == nil })
	s.checkNotEmpty(cfg, src, records, notRecords, len(blips)+len(pages))
	blips = slices.DeleteFunc(blips, func(b *radar.Blip) bool { return b == nil })
	pages = slices.DeleteFunc(pages, func(p *Page) bool { return p == nil })
	s.applyHistory(cfg.Decisions, records, history())

	log, problems := decision.Link(records)
	s.Problems.Add(problems...)
	s.Problems.Add(log.Findings(s.today(), cfg.Lifecycle)...)
	s.Decisions = log
	var findings []*diag.Problem
	s.Radar, findings = reuse.Radar(blips, func() (*radar.Radar, []*diag.Problem) {
		r := radar.New(cfg.RadarSettings(), blips)
		return r, append(r.Findings(), r.Forgotten()...)
	})
	s.Problems.Add(findings...)
	s.Pages = pages
	s.Pages = append(s.Pages, s.publishLinked(cfg, s.Docs())...)
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.URL, b.URL)) })
	s.register()
	s.crossCheck()
	s.judgeUsage(slices.DeleteFunc(boms, func(b *usage.BOM) bool { return b == nil }), reuse)
	s.checkViews()
	return s, s.err()
}

// Today is the day overdue reviews, records proposed too long, exceptions
// and SBOM ages are judged on: Options.Today, or the day of the load.
func (s *Site) Today() meta.Date { return s.today() }

// err is every error of the site, matching ErrInvalid, or nil when the
// site has none.
func (s *Site) err() error {
	if err := s.Problems.Err(); err != nil {
		return invalid{err}
	}
	return nil
}

// invalid is the site's errors; it prints as they do and is ErrInvalid.
type invalid struct{ error }

func (e invalid) Unwrap() []error { return []error{ErrInvalid, e.error} }

// nilIfNil turns a nil pointer into a nil interface, so that Reuse sees
// a failed parse as nothing to keep.
func nilIfNil[T any](v *T) any {
	if v == nil {
		return nil
	}
	return v
}

// cloneRecord returns a copy of r that decision.Link may change: the
// slices it appends to are clipped, so appends never reach r's arrays.
func cloneRecord(r *decision.Record) *decision.Record {
	if r == nil {
		return nil
	}
	c := *r
	c.Supersedes = slices.Clip(c.Supersedes)
	c.SupersededBy = slices.Clip(c.SupersededBy)
	c.Amends = slices.Clip(c.Amends)
	c.AmendedBy = slices.Clip(c.AmendedBy)
	c.Related = slices.Clip(c.Related)
	return &c
}

// walkAll lists the markdown sources of records, blips and pages, and
// every other file beside them as an asset.
func (s *Site) walkAll(cfg *config.Config) Sources {
	src := Sources{Assets: map[string]string{}}
	var md []string
	s.walk(src.Assets, cfg.Decisions, "decisions", func(p string) { md = append(md, p) })
	src.Records, src.Skipped = pickRecords(cfg.Decisions, md)
	s.walk(src.Assets, cfg.Radar, "radar", func(p string) { src.Blips = append(src.Blips, p) })
	s.walk(src.Assets, cfg.Content, "", func(p string) { src.Pages = append(src.Pages, p) })
	if !s.opts.SkipUsage {
		src.Usage = s.walkUsage(cfg.Usage.Folder)
	}
	return src
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
func (s *Site) walk(assets map[string]string, dir, urlBase string, md func(string)) {
	s.walkFiles(dir, func(p, name string) {
		if strings.HasSuffix(strings.ToLower(name), ".md") {
			md(p)
			return
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		assets[p] = path.Join(urlBase, rel)
	})
}

// walkFiles calls file for every regular file under dir, by the rules
// every folder of a site is walked by: hidden files and folders (".",
// "_", a trailing "~") are skipped, a file that is not regular is
// skipped with a warning, a missing folder is simply empty, and what
// cannot be read is an error naming it.
func (s *Site) walkFiles(dir string, file func(p, name string)) {
	s.walkFilesHiding(dir, hidden, file)
}

// hidden reports whether a file or folder of that name is left out of
// every walk: ".git", "_drafts", an editor's "x.md~".
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}

// walkFilesHiding is walkFiles with what is hidden said by hide.
func (s *Site) walkFilesHiding(dir string, hide func(name string) bool, file func(p, name string)) {
	err := fs.WalkDir(s.opts.Site, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			s.Problems.Add(diag.Errorf(p, 0, "check the file's permissions", "cannot read: %v", err))
			return nil
		}
		name := d.Name()
		if p != dir && hide(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			s.Problems.Add(skipped(s.opts.Site, p, d.Type()))
			return nil
		}
		file(p, name)
		return nil
	})
	if err != nil {
		s.Problems.Add(diag.Errorf(dir, 0, "", "cannot read folder: %v", err))
	}
}

// problemCount returns the number of problems found so far.
func (s *Site) problemCount() int {
	e, p, w := s.Problems.Count()
	return e + p + w
}

// skipped is the warning for a file the walk does not read: a symbolic
// link (which could lead out of the site folder, or make a record twice)
// or a device, pipe or socket.
func skipped(fsys fs.FS, p string, mode fs.FileMode) *diag.Problem {
	if mode&fs.ModeSymlink != 0 {
		what := "symbolic link"
		if target, err := fs.ReadLink(fsys, p); err == nil {
			what += fmt.Sprintf(" (to %s)", target)
		}
		return diag.Warnf(p, 0, "put the file itself (or a copy) in its place", "%s skipped: waymark reads only regular files", what)
	}
	return diag.Warnf(p, 0, "remove it from the site folder", "not a regular file (%v); skipped", mode.Type())
}

func (s *Site) parseRecord(p string) *decision.Record {
	src, err := fs.ReadFile(s.opts.Site, p)
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	folder := recordFolder(s.Config.Decisions, p)
	parse := decision.ParseWith
	if folderRecord(p) {
		parse = decision.ParseFolderRecord
	}
	r, err := parse(p, folder, src, s.reading)
	if errors.Is(err, decision.ErrNotRecord) {
		return nil // a template or a draft: left out, as its name or front matter asks
	}
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
	b, err := radar.Parse(p, src, s.Config.RadarSettings())
	if err != nil {
		s.Problems.AddErr(p, err)
		return nil
	}
	return b
}

// readDoc reads the markdown file p and splits off its front matter, or
// reports why it cannot and returns nil.
func (s *Site) readDoc(p string) *meta.Doc {
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
	return doc
}

func (s *Site) parsePage(p string) *Page {
	doc := s.readDoc(p)
	if doc == nil {
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
		title = TitleFromID(path.Base(id))
	}
	return &Page{ID: id, Source: p, URL: PathURL(id) + "/", Title: title, Description: string(pm.Description),
		Weight: pm.Weight, Tags: pm.Tags, Body: doc.Body, BodyLine: doc.BodyLine, tagsLine: doc.Line("tags")}
}

// tagSpelling is where a tag page's first spelling was seen.
type tagSpelling struct {
	name, source string
	line         int
}

// checkTags warns about tags that make no tag page (no letters or digits)
// and about two spellings that share one tag page beyond case ("a.b" and
// "a b"): the page shows the first, so the second is named with the fix.
func (s *Site) checkTags(seen map[string]tagSpelling, source string, line int, tags []string) {
	line = max(line, 1)
	for _, t := range tags {
		slug := TagSlug(t)
		first, ok := seen[slug]
		switch {
		case slug == "":
			s.Problems.Add(diag.Warnf(source, line, "use letters or digits in the tag", "tag %q makes no tag page and is left out", t))
		case !ok:
			seen[slug] = tagSpelling{t, source, line}
		case !strings.EqualFold(first.name, t):
			s.Problems.Add(diag.Warnf(source, line, fmt.Sprintf("write it %q, as %s:%d does", first.name, first.source, first.line),
				"tag %q shares the page %s with the tag %q", t, TagURL(t), first.name))
		}
	}
}

// TitleFromID makes a title of a file name without its extension.
func TitleFromID(id string) string {
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

// crossCheck reports references between decisions and blips that lead
// nowhere, and views that select no blip.
func (s *Site) crossCheck() {
	for _, r := range s.Decisions.Records {
		for _, id := range r.Blips {
			if s.Radar.Blip(id) == nil {
				s.Problems.Add(diag.Warnf(r.Source, r.Line("blips"), "use the blip's file name without .md", "blip %q does not exist", id))
			}
		}
	}
	spellings := map[string]tagSpelling{}
	for _, r := range s.Decisions.Records {
		s.checkTags(spellings, r.Source, r.Line("tags"), r.Tags)
	}
	for _, b := range s.Radar.Blips {
		s.checkTags(spellings, b.Source, b.Line("tags"), b.Tags)
	}
	for _, p := range s.Pages {
		s.checkTags(spellings, p.Source, p.tagsLine, p.Tags)
	}
	for _, b := range s.Radar.Blips {
		if b.ID == EditionsSegment || b.ID == ViewsSegment {
			s.Problems.Add(diag.Errorf(b.Source, 1, "rename the file: radar/"+b.ID+"/ holds the radar's "+b.ID, "blip id %q is taken by the radar's own pages", b.ID))
		}
		for _, m := range b.History {
			if m.Decision != 0 && s.Decisions.Get("", m.Decision) == nil {
				s.Problems.Add(diag.Warnf(b.Source, b.Line("history"), "name an existing decision number", "history refers to %s, which does not exist", decision.Label(m.Decision)))
			}
		}
	}
}

// checkViews warns of a view that lists a blip that does not exist, or
// that selects no blip at all.
func (s *Site) checkViews() {
	for _, v := range s.Config.Views {
		for _, id := range v.Blips {
			if s.Radar.Blip(id) == nil {
				s.Problems.Add(diag.Warnf(config.FileName, 1, "use the blip's file name without .md", "view %q lists blip %q, which does not exist", v.ID, id))
			}
		}
		if len(v.Of(s.Radar).Blips) == 0 {
			s.Problems.Add(diag.Warnf(config.FileName, 1, "check the view's tags, owners, quadrants and blips", "view %q selects no blip: its radar is empty", v.ID))
		}
	}
}
