package interchange

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

// aoeFront is an AOE blip file's front matter; other keys are ignored.
type aoeFront struct {
	Title    meta.Text    `yaml:"title"`
	Ring     meta.Text    `yaml:"ring"`
	Quadrant meta.Text    `yaml:"quadrant"`
	Tags     meta.Strings `yaml:"tags"`
}

// aoeBlip is a blip as the releases so far describe it.
type aoeBlip struct {
	blip   *radar.Blip
	file   string // the newest release's file, for messages
	broken bool   // already reported
}

func (im *importer) aoe(fsys fs.FS) *Result {
	root := im.file
	if st, err := fs.Stat(fsys, path.Join(root, "radar")); err == nil && st.IsDir() {
		root = path.Join(root, "radar")
	}
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		im.errorf(0, "name the AOE radar's folder, which holds radar/<YYYY-MM-DD>/ release folders", "cannot read the folder: %v", err)
		return nil
	}
	var releases []string
	for _, e := range entries {
		if _, err := meta.ParseDate(e.Name()); err == nil && e.IsDir() && len(e.Name()) == 10 {
			releases = append(releases, e.Name())
		}
	}
	if len(releases) == 0 {
		im.errorf(0, "name the folder that holds the YYYY-MM-DD release folders", "no release folders in %s", root)
		return nil
	}
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
	ids := make([]string, 0, len(blips))
	for id := range blips {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	file := im.file
	for _, id := range ids {
		ab := blips[id]
		if ab.broken {
			continue
		}
		im.file = ab.file
		im.add(ab.blip, id, 1)
	}
	im.file = file
	return &Result{Blips: im.blips}
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
	if q := string(fm.Quadrant); q != "" {
		b.Quadrant = im.quadrant(q, doc.Line("quadrant"))
	} else if b.Quadrant == "" {
		im.errorf(doc.Line("quadrant"), "give the blip's first release a quadrant", "%s has no quadrant", id)
	}
	ring := b.Ring
	if r := string(fm.Ring); r != "" {
		ring = im.ring(r, doc.Line("ring"))
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
	if body := strings.TrimSpace(string(doc.Body)); body != "" {
		b.Body = []byte(body + "\n")
	}
	b.History = append(b.History, radar.Move{Date: date, Ring: ring})
}
