package radar

import (
	"bytes"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// AppendHistory returns the blip file src with moves appended to its
// history and its ring key set to ring, as a new edition of an imported
// radar changes a blip. Every other line of the file stays as it is:
// entries go after the last line of a history written as a block list,
// in its indentation; a history written any other way is written again
// as a block list (only that key's lines change); a blip without one
// gets the key at the end of its front matter.
func AppendHistory(path string, src []byte, ring string, moves []Move) ([]byte, error) {
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
	var entries []string
	for _, m := range moves {
		entries = append(entries, moveText(m))
	}
	var out []string
	if h := find("history"); h < 0 {
		block := []string{"history:" + eol}
		for _, e := range entries {
			block = append(block, "  - "+e+eol)
		}
		out = splice(lines, closing, closing, block)
	} else if rest := strings.TrimSpace(strings.SplitN(strings.SplitN(lines[h], ":", 2)[1], "#", 2)[0]); rest == "" && len(fm.History) > 0 {
		e := end(h)
		indent := "  "
		for j := h + 1; j < e; j++ {
			if t := strings.TrimLeft(lines[j], " "); strings.HasPrefix(t, "-") {
				indent = lines[j][:len(lines[j])-len(t)]
				break
			}
		}
		var block []string
		for _, x := range entries {
			block = append(block, indent+"- "+x+eol)
		}
		if !strings.HasSuffix(lines[e-1], "\n") {
			block[0] = eol + block[0]
		}
		out = splice(lines, e, e, block)
	} else {
		block := []string{"history:" + eol}
		for _, m := range fm.History {
			block = append(block, "  - "+moveText(m)+eol)
		}
		for _, x := range entries {
			block = append(block, "  - "+x+eol)
		}
		out = splice(lines, h, end(h), block)
	}
	if r := find("ring"); r >= 0 && string(fm.Ring) != ring {
		// splice above changed lines only at or after the history key,
		// which may come before ring: look it up again.
		for i, l := range out {
			if i >= first && strings.HasPrefix(l, "ring:") {
				out[i] = "ring: " + scalar(ring) + eol
				break
			}
		}
	}
	return []byte(strings.Join(out, "")), nil
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
