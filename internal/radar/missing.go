package radar

import (
	"fmt"

	"github.com/waymark-dev/waymark/internal/diag"
)

// licensed returns the quadrants in which some blip states a licence:
// quadrants of software, where a blip without one has been forgotten,
// unlike techniques and practices, which have none.
func (r *Radar) licensed() map[string]bool {
	out := map[string]bool{}
	for _, b := range r.Blips {
		if b.License != "" {
			out[b.Quadrant] = true
		}
	}
	return out
}

// Forgotten returns, as warnings, what authors of blips forget: an owner,
// and in a quadrant where other blips state a licence (software, unlike
// techniques), a licence and a backing.
func (r *Radar) Forgotten() []*diag.Problem {
	var out []*diag.Problem
	licensed := r.licensed()
	for _, b := range r.Blips {
		out = append(out, r.missing(b, licensed)...)
	}
	return out
}

// missing returns what the author of b forgot: an owner, and in a
// quadrant of licensed software, a licence and a backing.
func (r *Radar) missing(b *Blip, licensed map[string]bool) []*diag.Problem {
	var out []*diag.Problem
	q := b.Quadrant
	if s, ok := r.Settings.Quadrant(q); ok {
		q = s.Title
	}
	if b.Owner == "" {
		out = append(out, diag.Warnf(b.Source, b.Line("title"), "add owner: with the team or person who keeps this guidance",
			"no owner: nobody answers for this blip"))
	}
	if !licensed[b.Quadrant] {
		return out
	}
	if b.License == "" {
		out = append(out, diag.Warnf(b.Source, b.Line("title"), "add license: with its SPDX id, e.g. license: Apache-2.0",
			"no licence, though other blips in %s state theirs, so the licence policy cannot judge it", q))
	}
	if b.Backing == "" {
		out = append(out, diag.Warnf(b.Source, b.Line("title"), "add backing: organisation, foundation, community, individual or vendor",
			"%s", fmt.Sprintf("no backing, though it is software in %s: who keeps it alive is part of its suitability", q)))
	}
	return out
}
