package radar

import (
	"bytes"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// InsertHistory returns the blip file src with moves added to its history
// in date order and its ring and quadrant keys set to ring and quadrant
// ("" keeps them), as a new edition of an imported radar changes a blip.
// Every other line of the file stays as it is: an entry goes before the
// first entry of a later date (or after the last) of a history written as
// a block list, in its indentation; a history written any other way is
// written again as a block list (only that key's lines change); a blip
// without one gets the key at the end of its front matter.
func InsertHistory(path string, src []byte, ring, quadrant string, moves []Move) ([]byte, error) {
	doc, err := meta.Split(path, src)
	if err != nil {
		return nil, err
	}
	if doc.Meta == nil {
		return nil, diag.Errorf(path, 1, "start the file with front matter between --- lines", "blip has no front matter")
	}
	var fm frontMatter
	if err := doc.Decode(&fm); err != nil {
		return nil, err
	}
	moves = slices.Clone(moves)
	slices.SortStableFunc(moves, func(a, b Move) int { return a.Date.Compare(b.Date) })
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	lines := strings.SplitAfter(string(src), "\n")
	first, closing := doc.MetaLine-1, doc.BodyLine-2 // indexes of the first front matter line and of the closing ---
	if first < 0 || closing < first || closing >= len(lines) {
		return nil, diag.Errorf(path, 1, "", "cannot find the front matter's lines")
	}
	keyAt := func(i int) string {
		l := lines[i]
		if l == "" || strings.ContainsRune(" \t#-\r\n", rune(l[0])) {
			return ""
		}
		k, _, ok := strings.Cut(l, ":")
		if !ok {
			return ""
		}
		return strings.Trim(strings.TrimSpace(k), `"'`)
	}
	find := func(key string) int {
		for i := first; i < closing; i++ {
			if keyAt(i) == key {
				return i
			}
		}
		return -1
	}
	// end returns the index after the last line of key i's value.
	end := func(i int) int {
		j := i + 1
		for j < closing && keyAt(j) == "" {
			j++
		}
		for j > i+1 && isBlankOrComment(lines[j-1]) {
			j--
		}
		return j
	}
	var out []string
	h := find("history")
	items, indent := historyItems(lines, h, end)
	switch {
	case h < 0:
		block := []string{"history:" + eol}
		for _, m := range moves {
			block = append(block, "  - "+moveText(m)+eol)
		}
		out = splice(lines, closing, closing, block)
	case len(fm.History) > 0 && len(items) == len(fm.History):
		// before[i] are the new entries that go before the item at
		// items[i]; before[len(items)] go after the last.
		before := make([][]string, len(items)+1)
		for _, m := range moves {
			at := slices.IndexFunc(fm.History, func(x Move) bool { return x.Date.Compare(m.Date) > 0 })
			if at < 0 {
				at = len(items)
			}
			before[at] = append(before[at], indent+"- "+moveText(m)+eol)
		}
		e := end(h)
		if tail := before[len(items)]; len(tail) > 0 && !strings.HasSuffix(lines[e-1], "\n") {
			tail[0] = eol + tail[0]
		}
		for i := len(lines); i >= 0; i-- { // from the end, so that earlier indexes hold
			k := slices.Index(items, i)
			switch {
			case k >= 0 && len(before[k]) > 0:
				lines = splice(lines, i, i, before[k])
			case i == e && len(before[len(items)]) > 0:
				lines = splice(lines, i, i, before[len(items)])
			}
		}
		out = lines
	default:
		all := append(slices.Clone(fm.History), moves...)
		slices.SortStableFunc(all, func(a, b Move) int { return a.Date.Compare(b.Date) })
		block := []string{"history:" + eol}
		for _, m := range all {
			block = append(block, "  - "+moveText(m)+eol)
		}
		out = splice(lines, h, end(h), block)
	}
	// The splices above changed lines only at or after the history key,
	// which may come before ring and quadrant: look them up again.
	for key, v := range map[string]string{"ring": ring, "quadrant": quadrant} {
		if v == "" {
			continue
		}
		for i, l := range out {
			if i >= first && strings.HasPrefix(l, key+":") {
				out[i] = key + ": " + scalar(v) + eol
				break
			}
		}
	}
	return []byte(strings.Join(out, "")), nil
}

// historyItems returns the line indexes at which the entries of the
// history key at line h start, when it is a block list, and the list's
// indentation; nil when it is written any other way.
func historyItems(lines []string, h int, end func(int) int) (items []int, indent string) {
	if h < 0 || strings.TrimSpace(strings.SplitN(strings.SplitN(lines[h], ":", 2)[1], "#", 2)[0]) != "" {
		return nil, "  "
	}
	indent = ""
	for j := h + 1; j < end(h); j++ {
		t := strings.TrimLeft(lines[j], " ")
		if !strings.HasPrefix(t, "-") {
			continue
		}
		in := lines[j][:len(lines[j])-len(t)]
		if items == nil {
			indent = in
		}
		if in == indent {
			items = append(items, j)
		}
	}
	if items == nil {
		indent = "  "
	}
	return items, indent
}

func isBlankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// splice returns lines with lines[from:to] replaced by block.
func splice(lines []string, from, to int, block []string) []string {
	out := make([]string, 0, len(lines)+len(block))
	out = append(out, lines[:from]...)
	out = append(out, block...)
	return append(out, lines[to:]...)
}
