package interchange

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/radar"
)

// familiar are the quadrants and rings most radars use, in their usual
// order; the later names of one entry are other names of the same
// segment (Thoughtworks renamed Hold to Caution).
var (
	familiarQuadrants = [][]string{{"techniques"}, {"tools"}, {"platforms"}, {"languages-and-frameworks", "languages-frameworks"}}
	familiarRings     = [][]string{{"adopt"}, {"trial"}, {"assess"}, {"hold", "caution"}}
)

// familiarTitles are the familiar names' titles, for a source that
// writes them in lower case (Thoughtworks' volumes since 2025: "adopt",
// "languages-and-frameworks").
var familiarTitles = map[string]string{"techniques": "Techniques", "tools": "Tools", "platforms": "Platforms",
	"languages-and-frameworks": "Languages & Frameworks", "languages-frameworks": "Languages & Frameworks",
	"adopt": "Adopt", "trial": "Trial", "assess": "Assess", "hold": "Hold", "caution": "Caution"}

// srcQuadrant and srcRing return the id of the source's quadrant or ring
// called name, adding it to the source's shape on first use.
func (im *importer) srcQuadrant(name string) string { return srcSegment(&im.src.Quadrants, name, "") }

func (im *importer) srcRing(name string) string { return srcSegment(&im.src.Rings, name, "") }

// srcSegment finds name among segs by id or title (radar.Match), or adds
// it with the given colour.
func srcSegment(segs *[]radar.Segment, name, color string) string {
	name = strings.TrimSpace(name)
	if s, ok := radar.Match(*segs, name); ok {
		return s.ID
	}
	id := radar.Slug(name)
	if id == "" {
		return ""
	}
	*segs = append(*segs, radar.Segment{ID: id, Title: name, Color: color})
	return id
}

// familiarOrder puts the familiar names among segs in their usual order,
// with their familiar ids (Caution is the hold ring, titled Caution),
// and the others after them in the order the source first used them.
func familiarOrder(segs []radar.Segment, familiar [][]string) (out []radar.Segment, rename map[string]string, unfamiliar []string) {
	pos := map[string]int{}
	for i, names := range familiar {
		for _, n := range names {
			pos[n] = i
		}
	}
	rename = map[string]string{}
	out = slices.Clone(segs)
	order := map[string]int{}
	for i := range out {
		if p, ok := pos[out[i].ID]; ok {
			if t := out[i].Title; t == strings.ToLower(t) {
				out[i].Title = familiarTitles[out[i].ID]
			}
			rename[out[i].ID] = familiar[p][0]
			out[i].ID = familiar[p][0]
			order[out[i].ID] = p
		} else {
			unfamiliar = append(unfamiliar, out[i].Title)
			order[out[i].ID] = len(familiar) + i
		}
	}
	slices.SortStableFunc(out, func(a, b radar.Segment) int { return order[a.ID] - order[b.ID] })
	out = slices.CompactFunc(out, func(a, b radar.Segment) bool { return a.ID == b.ID })
	return out, rename, unfamiliar
}

// shape works out the quadrants and rings the imported blips go into and
// maps the source's ids onto them. When the site may adopt the source's
// shape it does (keeping any segment the site's blips still use);
// otherwise each of the source's names must match one of the site's or
// be mapped by a flag, and all that do not are one error.
func (im *importer) shape(ordered bool) (target Shape, qmap, rmap map[string]string, ok bool) {
	cfg := im.o.Config
	src := im.src
	qmap, rmap = map[string]string{}, map[string]string{}
	if ordered {
		var qr, rr map[string]string
		var qu, ru []string
		src.Quadrants, qr, qu = familiarOrder(src.Quadrants, familiarQuadrants)
		src.Rings, rr, ru = familiarOrder(src.Rings, familiarRings)
		maps.Copy(qmap, qr)
		maps.Copy(rmap, rr)
		if im.o.Adopt {
			for kind, names := range map[string][]string{"quadrant": qu, "ring": ru} {
				for _, n := range names {
					im.warnf(0, "if it is a misspelling, correct the rows that use it", "the %s %q is not one of the usual names; it becomes a %s of its own", kind, n, kind)
				}
			}
		}
	}
	for _, s := range src.Quadrants {
		qmap[s.ID] = cmpOr(qmap[s.ID], s.ID)
	}
	for _, s := range src.Rings {
		rmap[s.ID] = cmpOr(rmap[s.ID], s.ID)
	}
	if im.o.Adopt && !im.srcIsSite {
		target = Shape{Quadrants: src.Quadrants, Rings: src.Rings}
		target.Quadrants = im.keepInUse(target.Quadrants, cfg.Quadrants, "quadrant", func(b *radar.Blip) []string { return []string{b.Quadrant} })
		target.Rings = im.keepInUse(target.Rings, cfg.Rings, "ring", usedRings)
		for kind, segs := range map[string][]radar.Segment{"quadrants": target.Quadrants, "rings": target.Rings} {
			if len(segs) > 8 {
				im.errorf(0, "map some of them onto others with --map-quadrant or --map-ring, or import into a site whose waymark.yaml lists its own", "the source has %d %s; a radar has at most 8", len(segs), kind)
				return target, nil, nil, false
			}
		}
		if !sameShape(target.Quadrants, cfg.Quadrants) || !sameShape(target.Rings, cfg.Rings) {
			im.res.Shape = &target
		}
		return target, qmap, rmap, true
	}
	target = Shape{Quadrants: cfg.Quadrants, Rings: cfg.Rings}
	familiar := map[string][][]string{"quadrant": familiarQuadrants, "ring": familiarRings}
	var unmatched []string
	match := func(kind string, srcSegs, site []radar.Segment, flags map[string]string, m map[string]string) {
		used := map[string]bool{}
		for _, s := range srcSegs {
			if to, key, ok := lookupFlag(flags, s); ok {
				used[key] = true
				t, found := radar.Match(site, to)
				if !found {
					im.errorf(0, "map it to one of "+radar.IDs(site), "--map-%s %s=%s: the site has no %s %q", kind, key, to, kind, to)
					continue
				}
				m[s.ID] = t.ID
				continue
			}
			if t, found := matchSegment(site, s, familiarID(s.ID, familiar[kind])); found {
				m[s.ID] = t.ID
				continue
			}
			unmatched = append(unmatched, fmt.Sprintf("--map-%s %s=%s", kind, flagName(s), strings.ToUpper(kind)))
		}
		for key := range flags {
			if !used[key] {
				im.warnf(0, "check the spelling against the source's names", "--map-%s %s: the source has no %s of that name", kind, key, kind)
			}
		}
	}
	match("quadrant", src.Quadrants, cfg.Quadrants, im.o.MapQuadrants, qmap)
	match("ring", src.Rings, cfg.Rings, im.o.MapRings, rmap)
	if len(unmatched) > 0 {
		im.errorf(0, fmt.Sprintf("map each to the site's own (quadrants: %s; rings: %s): %s", radar.IDs(cfg.Quadrants), radar.IDs(cfg.Rings), strings.Join(unmatched, " ")),
			"%d of the source's quadrants and rings are not in waymark.yaml", len(unmatched))
		return target, nil, nil, false
	}
	return target, qmap, rmap, true
}

// matchSegment finds the site's segment for the source's s: by id or title
// in any case, or by the familiar id s was given.
func matchSegment(site []radar.Segment, s radar.Segment, familiarID string) (radar.Segment, bool) {
	for _, name := range []string{s.ID, s.Title, familiarID} {
		if name == "" {
			continue
		}
		if t, ok := radar.Match(site, name); ok {
			return t, true
		}
	}
	return radar.Segment{}, false
}

// familiarID returns the familiar id of a familiar name (hold for
// caution), or "".
func familiarID(id string, familiar [][]string) string {
	for _, names := range familiar {
		if slices.Contains(names, id) {
			return names[0]
		}
	}
	return ""
}

// lookupFlag finds the mapping flag for s: its key is s's id or title,
// in any case.
func lookupFlag(flags map[string]string, s radar.Segment) (to, key string, ok bool) {
	for k, v := range flags {
		if strings.EqualFold(k, s.ID) || strings.EqualFold(k, s.Title) || radar.Slug(k) == s.ID {
			return v, k, true
		}
	}
	return "", "", false
}

// flagName is how a flag names s: its title, quoted if it has spaces.
func flagName(s radar.Segment) string {
	n := strings.ToLower(s.Title)
	if strings.ContainsAny(n, " \"'") {
		return fmt.Sprintf("%q", n)
	}
	return n
}

// keepInUse adds to segs each of the site's segments that a blip of the
// site still uses and the source lacks, with a warning: adopting the
// source's shape must not leave the site's own blips unplaced.
func (im *importer) keepInUse(segs, site []radar.Segment, kind string, used func(*radar.Blip) []string) []radar.Segment {
	out := slices.Clone(segs)
	for _, e := range im.o.Existing {
		for _, id := range used(e) {
			if slices.ContainsFunc(out, func(s radar.Segment) bool { return s.ID == id }) {
				continue
			}
			seg, ok := radar.Match(site, id)
			if !ok {
				seg = radar.Segment{ID: id, Title: id}
			}
			out = append(out, seg)
			im.problems.Add(diag.Warnf(e.Source, e.Line(kind), "move the blip into one of the source's, then remove "+id+" from waymark.yaml",
				"kept the site's %s %q, which the source does not have, because this blip is in it", kind, id))
		}
	}
	return out
}

func usedRings(b *radar.Blip) []string {
	out := []string{b.Ring}
	for _, m := range b.History {
		out = append(out, m.Ring)
	}
	for _, p := range b.Roadmap {
		out = append(out, p.Ring)
	}
	return out
}

// sameShape reports whether two lists of segments have the same ids and
// titles in the same order.
func sameShape(a, b []radar.Segment) bool {
	return slices.EqualFunc(a, b, func(x, y radar.Segment) bool { return x.ID == y.ID && x.Title == y.Title })
}
