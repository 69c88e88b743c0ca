package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxTokenRunes is the length at which tokens are cut; longer words are
// hashes or encoded data rather than words anybody types in full.
const MaxTokenRunes = 32

// folds are the letters that lose no accent under NFD but that readers
// type without their special form. search.js holds the same table.
var folds = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l",
	'ı': "i", 'þ': "th", 'ς': "σ",
}

// isWordRune reports whether r belongs to a word: a letter, digit or mark
// of any script. Everything else separates words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isCJK reports whether r is written without spaces between words, so
// that runs of it are indexed as overlapping pairs of characters: Han,
// Hiragana, Katakana, the iteration mark 々 and the prolonged sound mark ー.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		r == 0x3005 || r == 0x30FC)
}

// Tokens returns the tokens of s in order, with repeats: see the package
// comment for the rules.
func Tokens(s string) []string {
	var out []string
	var t tokenizer
	t.each(s, func(tok []byte) { out = append(out, string(tok)) })
	return out
}

// Normalize returns s lower-cased, without accents and with the letters
// of folds replaced; it does not split s into words.
func Normalize(s string) string {
	var t tokenizer
	return string(t.normalize(nil, s))
}

// tokenizer splits text into tokens, reusing its buffers; it is not safe
// for concurrent use.
type tokenizer struct {
	word, norm []byte
	runes      []rune
	// hash is the FNV-1a hash of the token being passed to the callback
	// of each, computed while scanning, for the index's hash table.
	hash uint32
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnv(tok []byte) uint32 {
	h := uint32(fnvOffset)
	for _, c := range tok {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// emit passes tok to f, with its hash h unless cutting changed it.
func (t *tokenizer) emit(tok []byte, h uint32, f func([]byte)) {
	if len(tok) > MaxTokenRunes {
		if c := cut(tok); len(c) < len(tok) {
			tok, h = c, fnv(c)
		}
	}
	t.hash = h
	f(tok)
}

// asciiClass classifies bytes for each: separators, lower-case letters
// and digits, upper-case letters, and the start of a multi-byte rune.
var asciiClass = func() (c [256]uint8) {
	for b := range 256 {
		switch {
		case b >= utf8.RuneSelf:
			c[b] = multiByte
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
			c[b] = lower
		case 'A' <= b && b <= 'Z':
			c[b] = upper
		}
	}
	return c
}()

const (
	separator = iota
	lower
	upper
	multiByte
)

// each calls f with every token of s; tok is only valid during the call.
func (t *tokenizer) each(s string, f func(tok []byte)) {
	for i := 0; i < len(s); {
		// Skip separators, the ASCII ones fast.
		switch asciiClass[s[i]] {
		case separator:
			i++
			continue
		case multiByte:
			if r, n := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
				i += n
				continue
			}
		}
		// A word; ASCII words skip normalization.
		start, class, h := i, uint8(lower), uint32(fnvOffset)
	word:
		for i < len(s) {
			switch c := asciiClass[s[i]]; c {
			case lower:
				h = (h ^ uint32(s[i])) * fnvPrime
				i++
			case upper:
				class = max(class, c)
				h = (h ^ uint32(s[i]+'a'-'A')) * fnvPrime
				i++
			case separator:
				break word
			default:
				r, n := utf8.DecodeRuneInString(s[i:])
				if !isWordRune(r) {
					break word
				}
				class = multiByte
				i += n
			}
		}
		switch class {
		case lower:
			t.word = append(t.word[:0], s[start:i]...)
			t.emit(t.word, h, f)
		case upper:
			t.word = t.word[:0]
			for j := start; j < i; j++ {
				c := s[j]
				if asciiClass[c] == upper {
					c += 'a' - 'A'
				}
				t.word = append(t.word, c)
			}
			t.emit(t.word, h, f)
		default:
			t.norm = t.normalize(t.norm[:0], s[start:i])
			t.split(t.norm, f)
		}
	}
}

// normalize appends the normalized form of s to dst.
func (t *tokenizer) normalize(dst []byte, s string) []byte {
	t.word = t.word[:0]
	for _, r := range s {
		t.word = utf8.AppendRune(t.word, unicode.ToLower(r))
	}
	t.word = norm.NFD.Append(t.word[:0:0], t.word...)
	for _, r := range string(t.word) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := folds[r]; ok {
			dst = append(dst, f...)
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// split calls f with the tokens of a normalized word: runs of CJK become
// overlapping pairs of characters (one character alone stays itself),
// other runs stay whole. After normalization a word may hold separators
// (a fold never makes one, but NFD may reveal one), which split it.
func (t *tokenizer) split(w []byte, f func([]byte)) {
	t.runes = t.runes[:0]
	for _, r := range string(w) {
		t.runes = append(t.runes, r)
	}
	rs := t.runes
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		cjk := isCJK(rs[i])
		for j < len(rs) && isWordRune(rs[j]) && isCJK(rs[j]) == cjk {
			j++
		}
		if !cjk {
			tok := []byte(string(rs[i:j]))
			t.emit(tok, fnv(tok), f)
		} else if j-i == 1 {
			tok := []byte(string(rs[i]))
			t.emit(tok, fnv(tok), f)
		} else {
			for k := i; k+1 < j; k++ {
				tok := []byte(string(rs[k : k+2]))
				t.emit(tok, fnv(tok), f)
			}
		}
		i = j
	}
}

// cut shortens tok to MaxTokenRunes runes.
func cut(tok []byte) []byte {
	if len(tok) <= MaxTokenRunes {
		return tok
	}
	n := 0
	for i := range string(tok) {
		if n == MaxTokenRunes {
			return tok[:i]
		}
		n++
	}
	return tok
}
