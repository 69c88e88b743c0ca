package radar

import (
	"github.com/waymark-dev/waymark/internal/diag"
)

// Findings returns the problems of the radar as a whole and of every blip,
// each with the file and line to fix:
//
//   - a blip in an adopting ring whose licence the policy denies breaks
//     the policy (diag.Policy: build warns, check fails);
//   - in an adopting ring, a licence to review, a licence the policy does
//     not list, or (in the first ring) a blip backed by an individual is a
//     warning; a blip with no licence at all is not judged, since
//     techniques and practices have none;
//   - a blip not reviewed within review.months of the edition is stale;
//   - a blip whose latest history entry names another ring than its ring
//     is a warning, since its movement marker would be wrong;
//   - two blips with one id, or a blip whose id is a quadrant's, would
//     share a page: an error;
//   - a related: id that names no blip is an error, with the nearest id
//     as the fix; a blip that names itself is a warning.
func (r *Radar) Findings() []*diag.Problem {
	var out []*diag.Problem
	seen := map[string]*Blip{}
	for _, b := range r.Blips {
		if first, ok := seen[b.ID]; ok {
			out = append(out, diag.Errorf(b.Source, 1, "rename one of the two files", "blip id %q is also used by %s", b.ID, first.Source))
		}
		seen[b.ID] = b
		if _, ok := r.Settings.Quadrant(b.ID); ok && len(r.Settings.Quadrants) > 1 {
			out = append(out, diag.Errorf(b.Source, 1, "rename the file", "blip id %q is a quadrant's id, and radar/%s/ is that quadrant's page", b.ID, b.ID))
		}
		out = append(out, r.policy(b)...)
		out = append(out, r.relatedProblems(b)...)
		if n := len(b.History); n > 0 && b.History[n-1].Ring != b.Ring {
			out = append(out, diag.Warnf(b.Source, b.Line("history"), "add a history entry for the move to "+b.Ring+", or fix ring:",
				"ring is %s, but the latest history entry says %s", b.Ring, b.History[n-1].Ring))
		}
		if r.Stale(b) {
			line := b.Line("reviewed")
			if _, ok := b.Lines["reviewed"]; !ok || b.Reviewed.IsZero() {
				line = b.Line("history")
			}
			out = append(out, diag.Warnf(b.Source, line, "review the blip and update reviewed:",
				"not reviewed since %s (more than %d months before the %s edition)", r.LastReviewed(b), r.Settings.Review.Months, r.Edition))
		}
	}
	return out
}

// policy returns b's licence and backing problems.
func (r *Radar) policy(b *Blip) []*diag.Problem {
	if !r.Adopting(b.Ring) {
		return nil
	}
	var out []*diag.Problem
	switch r.Policy.Verdict(b.License) {
	case Denied:
		out = append(out, diag.Policyf(b.Source, b.Line("license"), "move the blip out of "+b.Ring+" or replace the technology",
			"licence %s is denied by the licence policy, but the blip is in %s", b.License, b.Ring))
	case Review:
		out = append(out, diag.Warnf(b.Source, b.Line("license"), "have the licence reviewed and record the outcome in a decision",
			"licence %s needs review before teams adopt it", b.License))
	case Unknown:
		if b.License != "" {
			out = append(out, diag.Warnf(b.Source, b.Line("license"), "add the licence to waymark.yaml's licenses policy or fix the SPDX id",
				"licence %q is not in the licence policy", b.License))
		}
	}
	if b.Backing == "individual" && b.Ring == r.Settings.Rings[0].ID {
		out = append(out, diag.Warnf(b.Source, b.Line("backing"), "find an organisation-backed alternative or move it out of "+b.Ring,
			"backed by an individual, yet in %s", b.Ring))
	}
	return out
}
