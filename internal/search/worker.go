package search

import "unicode/utf8"

// worker is what one goroutine adding documents reuses from one document
// to the next: a tokenizer, and the term numbers it has seen, in an
// open-addressing hash table (Go's map spent half the indexing time).
type worker struct {
	tokenizer
	text  []byte  // the body text of the document
	slots []slot  // len is a power of two; at most half are used
	terms []entry // slot.k-1 indexes it
	doc   int32   // generation: entries met in this document have it
	ps    []posting
	count []int32
}

type slot struct {
	hash uint32
	k    int32 // 1 + index in terms; 0 when free
}

type entry struct {
	term string
	id   int32 // term number
	doc  int32 // when last met
	at   int32 // its posting in that document
}

// lookup returns the index in w.terms of tok, whose hash is h, adding
// it (with the id b gives it) if it is new.
func lookup[T string | []byte](w *worker, b *Builder, tok T, h uint32) int32 {
	if len(w.terms)*2 >= len(w.slots) {
		w.grow()
	}
	mask := uint32(len(w.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := w.slots[i]
		if s.k == 0 {
			term := string(tok)
			w.terms = append(w.terms, entry{term: term, id: b.id(term)})
			w.slots[i] = slot{h, int32(len(w.terms))}
			return int32(len(w.terms) - 1)
		}
		if s.hash == h && w.terms[s.k-1].term == string(tok) {
			return s.k - 1
		}
	}
}

func (w *worker) grow() {
	old := w.slots
	w.slots = make([]slot, max(1<<12, 2*len(old)))
	mask := uint32(len(w.slots) - 1)
	for _, s := range old {
		if s.k == 0 {
			continue
		}
		i := s.hash & mask
		for w.slots[i].k != 0 {
			i = (i + 1) & mask
		}
		w.slots[i] = s
	}
}

// worker returns an idle worker, or a new one.
func (b *Builder) worker() *worker {
	select {
	case w := <-b.workers:
		return w
	default:
		return &worker{}
	}
}

// idle keeps w for the next document.
func (b *Builder) idle(w *worker) {
	select {
	case b.workers <- w:
	default: // more goroutines than ever before: let this one go
	}
}

// posting returns the index in w.ps of the current document's posting
// for tok, which the tokenizer is passing on, adding it if it is the
// first time tok is met in the document.
func (b *Builder) posting(w *worker, tok []byte) int32 {
	return w.at(lookup(w, b, tok, w.hash))
}

// countBody counts the occurrences of the tokens of body in w.count. It
// gives the tokens each would give, but finds the common ones, lower-case
// ASCII words, without copying them or calling a function per token.
func (w *worker) countBody(b *Builder, s []byte) {
	for i := 0; i < len(s); {
		switch asciiClass[s[i]] {
		case separator:
			i++
			continue
		case lower:
			start, h := i, uint32(fnvOffset)
			for i < len(s) && asciiClass[s[i]] == lower {
				h = (h ^ uint32(s[i])) * fnvPrime
				i++
			}
			if (i == len(s) || asciiClass[s[i]] == separator) && i-start <= MaxTokenRunes {
				w.count[w.at(lookup(w, b, s[start:i], h))]++
				continue
			}
			i = start
		}
		// Any other word, from i to its end, the way each does it.
		end := i
		for end < len(s) {
			c := asciiClass[s[end]]
			if c == separator {
				break
			}
			if c != multiByte {
				end++
				continue
			}
			r, n := utf8.DecodeRune(s[end:])
			if !isWordRune(r) {
				break
			}
			end += n
		}
		if end == i { // a multi-byte separator
			_, n := utf8.DecodeRune(s[i:])
			i += n
			continue
		}
		w.each(string(s[i:end]), func(tok []byte) { w.count[b.posting(w, tok)]++ })
		i = end
	}
}

// at returns the index in w.ps of the current document's posting for the
// term at index k of w.terms, adding the posting if it is new.
func (w *worker) at(k int32) int32 {
	e := &w.terms[k]
	if e.doc != w.doc {
		e.doc, e.at = w.doc, int32(len(w.ps))
		w.ps = append(w.ps, posting{term: e.id})
		w.count = append(w.count, 0)
	}
	return e.at
}
