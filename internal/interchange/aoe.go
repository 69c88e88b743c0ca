package interchange

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// aoeFront is an AOE blip file's front matter; other keys are ignored.
// AOE's radar v5 writes segment, older versions quadrant.
type aoeFront struct {
	Title    meta.Text    `yaml:"title"`
	Ring     meta.Text    `yaml:"ring"`
	Segment  meta.Text    `yaml:"segment"`
	Quadrant meta.Text    `yaml:"quadrant"`
	Tags     meta.Strings `yaml:"tags"`
	Featured *bool        `yaml:"featured"`
	Links    []aoeLink    `yaml:"links"`
}

// aoeLink is one of a release's further links (AOE's radar v5).
type aoeLink struct {
	URL  string `yaml:"url"`
	Name string `yaml:"name"`
}

// aoeConfig is what import reads of AOE's config.json.
type aoeConfig struct {
	Segments  []aoeSegment `json:"segments"`
	Quadrants []aoeSegment `json:"quadrants"`
	Rings     []aoeSegment `json:"rings"`
}

type aoeSegment struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Color       string `json:"color"`
}

// aoeBlip is a blip as the releases so far describe it.
type aoeBlip struct {
	blip   *radar.Blip
	file   string    // the newest release's file, for messages
	broken bool      // already reported
	links  []aoeLink // the newest release's links
}

func (im *importer) aoe(fsys fs.FS) {
	top := im.file
	root := top
	if st, err := fs.Stat(fsys, path.Join(root, "radar")); err == nil && st.IsDir() {
		root = path.Join(root, "radar")
	} else {
		top = path.Dir(top)
	}
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		im.errorf(0, "name the AOE radar's folder, which holds radar/<YYYY-MM-DD>/ release folders", "cannot read the folder: %v", err)
		return
	}
	var releases []string
	for _, e := range entries {
		if _, err := meta.ParseDate(e.Name()); err == nil && e.IsDir() && len(e.Name()) == 10 {
			releases = append(releases, e.Name())
		}
	}
	if len(releases) == 0 {
		im.errorf(0, "name the folder that holds the YYYY-MM-DD release folders", "no release folders in %s", root)
		return
	}
	segments := im.aoeConfig(fsys, path.Join(top, "config.json"))
	slices.Sort(releases)
	blips := map[string]*aoeBlip{}
	for _, rel := range releases {
		date, _ := meta.ParseDate(rel)
		files, err := fs.ReadDir(fsys, path.Join(root, rel))
		if err != nil {
			im.errorf(0, "", "%s: %v", rel, err)
			continue
		}
		for _, f := range files {
			if f.IsDir() || !strings.HasSuffix(f.Name(), ".md") {
				continue
			}
			im.aoeFile(fsys, path.Join(root, rel, f.Name()), date, blips)
		}
	}
	order := slices.Sorted(maps.Keys(blips))
	file := im.file
	for _, id := range order {
		ab := blips[id]
		if ab.broken {
			continue
		}
		for i := range ab.blip.History {
			ab.blip.History[i].Note = aoeWikiLinks(aoeLinks(ab.blip.History[i].Note, segments), blips)
		}
		if h := ab.blip.History; len(h) > 0 {
			h[len(h)-1].Note = withLinks(h[len(h)-1].Note, ab.links)
		}
		im.file = ab.file
		im.collect(ab.blip, id, 1, true)
	}
	im.file = file
}

// aoeConfig reads the segments and rings of AOE's config.json, when the
// radar has one, as the source's shape, and returns the segment ids its
// internal links may use.
func (im *importer) aoeConfig(fsys fs.FS, p string) []string {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		im.familiar = true // no config: the rings are AOE's usual four
		return nil
	}
	var c aoeConfig
	if err := json.Unmarshal(data, &c); err != nil {
		im.problems.Add(diag.Errorf(im.name(p), 1, "fix the JSON, or remove the file to take the names the blips use", "%v", err))
		return nil
	}
	var ids []string
	for _, s := range append(c.Segments, c.Quadrants...) {
		ids = append(ids, aoeSegmentTo(&im.src.Quadrants, s))
	}
	for _, s := range c.Rings {
		aoeSegmentTo(&im.src.Rings, s)
	}
	return ids
}

func aoeSegmentTo(segs *[]radar.Segment, s aoeSegment) string {
	color := ""
	if radar.ValidColor(s.Color) {
		color = s.Color
	}
	id := srcSegment(segs, cmpOr(strings.TrimSpace(s.ID), s.Title), color)
	if i := slices.IndexFunc(*segs, func(x radar.Segment) bool { return x.ID == id }); i >= 0 {
		(*segs)[i].Title = cmpOr(strings.TrimSpace(s.Title), (*segs)[i].Title)
		(*segs)[i].Description = strings.TrimSpace(s.Description)
	}
	return id
}

// aoeLinkRE matches a markdown link to a page of AOE's radar:
// /<segment>/<blip>, with or without .html, a leading ../ or a fragment.
var aoeLinkRE = regexp.MustCompile(`\]\(\s*(?:\.\./|/)?([\p{L}\p{N}_-]+)/([\p{L}\p{N}_.-]+?)(?:\.html)?/?(#[^\s)]*)?\s*\)`)

// aoeLinks points AOE's links between blips at the imported blips' files,
// which the site turns into their pages; a link to a blip not imported
// becomes a link to a file that does not exist, which check reports.
func aoeLinks(text string, segments []string) string {
	if text == "" {
		return text
	}
	return aoeLinkRE.ReplaceAllStringFunc(text, func(m string) string {
		g := aoeLinkRE.FindStringSubmatch(m)
		seg := radar.Slug(g[1])
		if len(segments) > 0 && !slices.Contains(segments, seg) || len(segments) == 0 && !aoeUsualSegment(seg) {
			return m
		}
		return "](" + radar.Slug(g[2]) + ".md" + g[3] + ")"
	})
}

// aoeWikiRE matches a link to another blip written [[id]].
var aoeWikiRE = regexp.MustCompile(`\[\[\s*([\p{L}\p{N}_.-]+)\s*\]\]`)

// aoeWikiLinks turns [[id]] into a link to that blip's file, titled with
// its title when the import has it.
func aoeWikiLinks(text string, blips map[string]*aoeBlip) string {
	return aoeWikiRE.ReplaceAllStringFunc(text, func(m string) string {
		id := aoeWikiRE.FindStringSubmatch(m)[1]
		title := id
		if ab := blips[id]; ab != nil {
			title = ab.blip.Title
		}
		return "[" + escape(title) + "](" + radar.Slug(id) + ".md)"
	})
}

// withLinks adds the links a text does not have yet, one paragraph each.
func withLinks(text string, links []aoeLink) string {
	for _, l := range links {
		if u := linkTarget(safeURL(strings.TrimSpace(l.URL))); u != "" && !strings.Contains(text, "("+u+")") {
			text = strings.TrimSpace(text + fmt.Sprintf("\n\n[%s](%s)", escape(cmpOr(strings.TrimSpace(l.Name), u)), u))
		}
	}
	return text
}

// aoeUsualSegment reports whether s is one of the segments AOE's radar
// has had, for a radar without config.json.
func aoeUsualSegment(s string) bool {
	return slices.Contains([]string{"languages-and-frameworks", "methods-and-patterns", "platforms-and-aoe-services", "platforms-and-operations", "tools", "platforms"}, s)
}

// aoeFile reads one release's file of a blip and applies it.
func (im *importer) aoeFile(fsys fs.FS, p string, date meta.Date, blips map[string]*aoeBlip) {
	fail := func(err error) {
		var l diag.List
		l.AddErr(im.name(p), err)
		im.problems.Add(l.Sorted()...)
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		fail(err)
		return
	}
	doc, err := meta.Split(im.name(p), src)
	if err != nil {
		fail(err)
		return
	}
	var fm aoeFront
	if doc.Meta != nil {
		if err := doc.Meta.Decode(&fm); err != nil {
			im.problems.Add(diag.Errorf(im.name(p), doc.MetaLine, "fix the front matter", "%v", err))
			return
		}
	}
	id := strings.TrimSuffix(path.Base(p), ".md")
	ab := blips[id]
	if ab == nil {
		ab = &aoeBlip{blip: &radar.Blip{ID: radar.Slug(id), Title: id}}
		blips[id] = ab
	}
	ab.file = p
	b := ab.blip
	file := im.file
	im.file = p
	defer func() { im.file = file }()
	if t := string(fm.Title); t != "" {
		b.Title = t
	}
	key, quadrant := "segment", string(fm.Segment)
	if quadrant == "" {
		key, quadrant = "quadrant", string(fm.Quadrant)
	}
	if quadrant != "" {
		b.Quadrant = im.srcQuadrant(quadrant)
	} else if b.Quadrant == "" {
		im.errorf(doc.Line(key), "give the blip's first release a segment", "%s has no segment (or quadrant)", id)
	}
	ring := b.Ring
	if r := string(fm.Ring); r != "" {
		ring = im.srcRing(r)
	} else if ring == "" {
		im.errorf(doc.Line("ring"), "give the blip's first release a ring", "%s has no ring", id)
	}
	if ring == "" || b.Quadrant == "" {
		ab.broken = true
		return
	}
	b.Ring = ring
	if len(fm.Tags) > 0 {
		b.Tags = fm.Tags
	}
	if fm.Featured != nil {
		b.NotDrawn = !*fm.Featured
	}
	ab.links = fm.Links
	b.History = append(b.History, radar.Move{Date: date, Ring: ring, Quadrant: b.Quadrant, Note: strings.TrimSpace(string(doc.Body))})
}
