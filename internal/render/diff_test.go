package render

import (
	"fmt"
	"strings"
	"testing"
)

// lineDiff returns the lines that differ between want and got, as a
// unified diff with three lines of context: what a failing golden test
// prints instead of the whole page.
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Only the middle, between the common first and last lines, is
	// compared line by line (a longest common subsequence).
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	type edit struct {
		op   byte // ' ', '-' or '+'
		line string
	}
	var edits []edit
	for _, l := range a[:pre] {
		edits = append(edits, edit{' ', l})
	}
	if len(ma)*len(mb) > 25_000_000 {
		// Too large to align: all of the middle out, all of it in.
		for _, l := range ma {
			edits = append(edits, edit{'-', l})
		}
		for _, l := range mb {
			edits = append(edits, edit{'+', l})
		}
	} else {
		// lcs[i][j] is the length of the longest common subsequence of ma[i:] and mb[j:].
		lcs := make([][]int32, len(ma)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(mb)+1)
		}
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				edits = append(edits, edit{' ', ma[i]})
				i, j = i+1, j+1
			case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
				edits = append(edits, edit{'-', ma[i]})
				i++
			default:
				edits = append(edits, edit{'+', mb[j]})
				j++
			}
		}
	}
	for _, l := range a[len(a)-suf:] {
		edits = append(edits, edit{' ', l})
	}

	const context = 3
	var out strings.Builder
	fmt.Fprintf(&out, "--- want\n+++ got\n")
	lineA, lineB := 1, 1 // line numbers of edits[k] in want and got
	last := -2           // last edit written
	for k, e := range edits {
		near := false
		for d := max(0, k-context); d <= min(len(edits)-1, k+context); d++ {
			if edits[d].op != ' ' {
				near = true
				break
			}
		}
		if near {
			if last != k-1 {
				fmt.Fprintf(&out, "@@ want line %d, got line %d @@\n", lineA, lineB)
			}
			fmt.Fprintf(&out, "%c%s\n", e.op, e.line)
			last = k
		}
		if e.op != '+' {
			lineA++
		}
		if e.op != '-' {
			lineB++
		}
	}
	return out.String()
}

func TestLineDiff(t *testing.T) {
	for _, c := range []struct{ name, want, got, diff string }{
		{"one line changed", "a\nb\nc\nd\ne\nf\ng\nh\ni", "a\nb\nc\nd\nE\nf\ng\nh\ni",
			"--- want\n+++ got\n@@ want line 2, got line 2 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"},
		{"line added", "a\nb", "a\nx\nb", "--- want\n+++ got\n@@ want line 1, got line 1 @@\n a\n+x\n b\n"},
		{"line removed at the end", "a\nb\nc", "a\nb", "--- want\n+++ got\n@@ want line 1, got line 1 @@\n a\n b\n-c\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12",
			"--- want\n+++ got\n@@ want line 1, got line 1 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ want line 8, got line 8 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := lineDiff(c.want, c.got); got != c.diff {
				t.Errorf("got\n%s\nwant\n%s", got, c.diff)
			}
		})
	}
}
