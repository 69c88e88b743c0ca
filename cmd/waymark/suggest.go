package main

import "strings"

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
		d := editDistance(strings.ToLower(typed), c)
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

// editDistance is the number of letters to insert, delete, change or swap
// with a neighbour to turn a into b (optimal string alignment distance).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
