package main

import (
	"strings"

	"github.com/waymark-dev/waymark/internal/suggest"
)

// didYouMean returns "; did you mean PREFIXname?" for the candidate
// closest to typed, or "" when none is close: at most a third of the
// letters wrong (at least one), or typed is the start of exactly one.
func didYouMean(typed string, candidates []string, prefix string) string {
	best, bestDist := "", -1
	var starts []string
	for _, c := range candidates {
		if typed != "" && strings.HasPrefix(c, typed) {
			starts = append(starts, c)
		}
		d := suggest.Distance(strings.ToLower(typed), c)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	switch {
	case bestDist >= 0 && bestDist <= max(1, len(typed)/3):
	case len(starts) == 1:
		best = starts[0]
	default:
		return ""
	}
	return "; did you mean " + prefix + best + "?"
}
