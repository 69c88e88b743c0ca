package radar

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/suggest"
)

// Related returns the blips related to b, in the radar's order: those
// its related: key names and those whose related: key names it, so that
// a relation written on one blip shows on both. Ids that name no blip,
// and b itself, are left out.
func (r *Radar) Related(b *Blip) []*Blip { return r.related[b.ID] }

// relatedIndex works out Related for every blip at once, from the
// related: keys alone, so that each blip's is a lookup: asking every blip
// about every other took most of a build of 25,000 blips.
func relatedIndex(blips []*Blip, byID map[string]*Blip) map[string][]*Blip {
	pairs := map[string]map[*Blip]bool{}
	add := func(id string, o *Blip) {
		if o.ID == id {
			return
		}
		if pairs[id] == nil {
			pairs[id] = map[*Blip]bool{}
		}
		pairs[id][o] = true
	}
	for _, b := range blips {
		for _, id := range b.Related {
			if o := byID[id]; o != nil {
				add(b.ID, o)
				add(id, b)
			}
		}
	}
	pos := make(map[*Blip]int, len(blips))
	for i, b := range blips {
		pos[b] = i
	}
	out := make(map[string][]*Blip, len(pairs))
	for id, set := range pairs {
		list := slices.Collect(maps.Keys(set))
		slices.SortFunc(list, func(a, b *Blip) int { return cmp.Compare(pos[a], pos[b]) })
		out[id] = list
	}
	return out
}

// relatedProblems checks b's related: key: an id that names no blip is
// an error (with the nearest id, when one is close), naming itself a
// warning.
func (r *Radar) relatedProblems(b *Blip) []*diag.Problem {
	var out []*diag.Problem
	for _, id := range b.Related {
		switch {
		case id == b.ID:
			out = append(out, diag.Warnf(b.Source, b.Line("related"), "remove "+id+" from related:", "the blip names itself as related"))
		case r.byID[id] == nil:
			fix := "use the id of a blip: its file name without .md"
			if near := r.nearestID(id); near != "" {
				fix = fmt.Sprintf("did you mean %q?", near)
			}
			out = append(out, diag.Errorf(b.Source, b.Line("related"), fix, "related blip %q does not exist", id))
		}
	}
	return out
}

// nearestID returns the blip id closest to id: at most a third of its
// letters wrong (at least one), or "".
func (r *Radar) nearestID(id string) string {
	id = strings.ToLower(id)
	best, bestD := "", max(1, len([]rune(id))/3)+1
	for _, b := range r.Blips {
		if d := suggest.Distance(id, b.ID); d < bestD || d == bestD && best != "" && b.ID < best {
			best, bestD = b.ID, d
		}
	}
	return best
}
