package decision

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textWidth estimates how wide s is set in a sans-serif face of the given
// size, erring wide: the graph must fit every title in its box without
// measuring fonts, which the domain cannot do.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r) * size
	}
	return w
}

// runeWidth is a rune's advance in ems, at the wide end of common faces
// (DejaVu Sans, Helvetica, Segoe UI, Roboto).
func runeWidth(r rune) float64 {
	switch {
	case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '|' || r == '!' || r == 'i' || r == 'l' || r == 'j' || r == 'I':
		return 0.36
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%':
		return 1.0
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || r >= 0x1F000:
		return 1.1
	case unicode.IsUpper(r):
		return 0.78
	case unicode.IsDigit(r):
		return 0.66
	}
	return 0.6
}

// wrap breaks s into lines no wider than width at the given font size:
// at spaces where it can, inside a word that is wider than a line by
// itself. Nothing of s is dropped but the spaces where lines break.
func wrap(s string, width, size float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if textWidth(try, size) <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		// A word wider than a line is cut where it fills one.
		for textWidth(word, size) > width {
			cut, w := 0, 0.0
			for i, r := range word {
				if w+runeWidth(r)*size > width && i > 0 {
					break
				}
				w += runeWidth(r) * size
				cut = i + utf8.RuneLen(r)
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
