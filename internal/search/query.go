package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Quality of a match, multiplied by the term's weight in the document.
const (
	ExactQuality  = 4
	PrefixQuality = 3
	FuzzyQuality  = 2
)

// Fuzzy matching: terms of at least FuzzyMinRunes runes also match terms
// one edit away, keeping the best MaxFuzzy of those per term.
const (
	FuzzyMinRunes = 5
	MaxFuzzy      = 16
)

// Filter narrows a search; empty fields do not filter.
type Filter struct {
	Type, Status, Ring, Sector, Tag string
}

// Hit is one result of a search.
type Hit struct {
	Doc   int // document number
	Score int
	Label string
	Title string
	URL   string
	// Terms are the indexed terms that matched, for highlighting.
	Terms []string
}

// Index reads an index written by Builder, loading its files as a query
// needs them, as search.js does in the browser.
type Index struct {
	read   func(name string) ([]byte, error)
	table  docTable
	shards map[int][]shardTerm
	vocab  map[int][]string
	// Loaded lists the files read so far, in order.
	Loaded []string
}

type docTable struct {
	Version string              `json:"version"`
	Shards  []string            `json:"shards"`
	Vocab   []string            `json:"vocab"`
	Filters map[string][]string `json:"filters"`
	Docs    [][]json.RawMessage `json:"docs"`
	docs    []docRow
}

type docRow struct {
	typ, status, ring, sector int
	label, title, url         string
	tags                      []int
}

type shardTerm struct {
	term    string
	docs    []int
	weights []int
}

// Open reads the document table with read, which is given file names
// relative to the search page ("docs.js", "t/0.js").
func Open(read func(name string) ([]byte, error)) (*Index, error) {
	ix := &Index{read: read, shards: map[int][]shardTerm{}, vocab: map[int][]string{}}
	data, err := ix.load("docs")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &ix.table); err != nil {
		return nil, fmt.Errorf("docs.js: %w", err)
	}
	for i, raw := range ix.table.Docs {
		var r docRow
		if len(raw) != 8 {
			return nil, fmt.Errorf("docs.js: document %d has %d fields, want 8", i, len(raw))
		}
		for k, dst := range []any{&r.typ, &r.label, &r.title, &r.url, &r.status, &r.ring, &r.sector, &r.tags} {
			if err := json.Unmarshal(raw[k], dst); err != nil {
				return nil, fmt.Errorf("docs.js: document %d: %w", i, err)
			}
		}
		ix.table.docs = append(ix.table.docs, r)
	}
	return ix, nil
}

// load reads the file of the index with the given id and returns its JSON.
func (ix *Index) load(id string) ([]byte, error) {
	name := fileName(id)
	ix.Loaded = append(ix.Loaded, name)
	file, err := ix.read(name)
	if err != nil {
		return nil, err
	}
	return Unwrap(id, file)
}

// Docs returns the number of documents.
func (ix *Index) Docs() int { return len(ix.table.docs) }

// rangeOf returns the first and last of the files, given by their first
// terms, that may hold terms starting with prefix; exact restricts it to
// the one file that may hold prefix itself.
func rangeOf(starts []string, prefix string, exact bool) (lo, hi int) {
	lo, _ = slices.BinarySearch(starts, prefix)
	if lo == len(starts) || starts[lo] != prefix {
		lo--
	}
	lo = max(lo, 0)
	hi = lo
	for !exact && hi+1 < len(starts) && strings.HasPrefix(starts[hi+1], prefix) {
		hi++
	}
	return lo, hi
}

func (ix *Index) shard(k int) ([]shardTerm, error) {
	if s, ok := ix.shards[k]; ok {
		return s, nil
	}
	name := "t/" + strconv.Itoa(k)
	data, err := ix.load(name)
	if err != nil {
		return nil, err
	}
	var raw [][]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", fileName(name), err)
	}
	terms := make([]shardTerm, len(raw))
	for i, r := range raw {
		t := &terms[i]
		if len(r)%2 != 1 {
			return nil, fmt.Errorf("%s: term %d is cut", name, i)
		}
		if err := json.Unmarshal(r[0], &t.term); err != nil {
			return nil, fmt.Errorf("%s: %w", fileName(name), err)
		}
		doc := 0
		for k := 1; k < len(r); k += 2 {
			var delta, w int
			if err := json.Unmarshal(r[k], &delta); err != nil {
				return nil, fmt.Errorf("%s: %w", fileName(name), err)
			}
			if err := json.Unmarshal(r[k+1], &w); err != nil {
				return nil, fmt.Errorf("%s: %w", fileName(name), err)
			}
			doc += delta
			t.docs = append(t.docs, doc)
			t.weights = append(t.weights, w)
		}
	}
	ix.shards[k] = terms
	return terms, nil
}

func (ix *Index) vocabFile(k int) ([]string, error) {
	if v, ok := ix.vocab[k]; ok {
		return v, nil
	}
	name := "v/" + strconv.Itoa(k)
	data, err := ix.load(name)
	if err != nil {
		return nil, err
	}
	var v []string
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", fileName(name), err)
	}
	ix.vocab[k] = v
	return v, nil
}

// match is an indexed term that matches a query term, and how well.
type match struct {
	term    string
	quality int
}

// matches returns the indexed terms that match the query term t.
func (ix *Index) matches(t string) ([]match, error) {
	if len(ix.table.Shards) == 0 {
		return nil, nil
	}
	var out []match
	exact := utf8.RuneCountInString(t) == 1
	lo, hi := rangeOf(ix.table.Shards, t, exact)
	for k := lo; k <= hi; k++ {
		terms, err := ix.shard(k)
		if err != nil {
			return nil, err
		}
		for _, st := range terms {
			switch {
			case st.term == t:
				out = append(out, match{st.term, ExactQuality})
			case !exact && strings.HasPrefix(st.term, t):
				out = append(out, match{st.term, PrefixQuality})
			}
		}
	}
	if utf8.RuneCountInString(t) < FuzzyMinRunes {
		return out, nil
	}
	first, _ := utf8.DecodeRuneInString(t)
	lo, hi = rangeOf(ix.table.Vocab, string(first), false)
	var fuzzy []string
	for k := lo; k <= hi; k++ {
		vocab, err := ix.vocabFile(k)
		if err != nil {
			return nil, err
		}
		for _, v := range vocab {
			if !strings.HasPrefix(v, t) && OneEditPrefix(t, v) {
				fuzzy = append(fuzzy, v)
			}
		}
	}
	slices.SortFunc(fuzzy, func(a, b string) int {
		return cmp.Or(cmp.Compare(utf8.RuneCountInString(a), utf8.RuneCountInString(b)), strings.Compare(a, b))
	})
	for _, v := range fuzzy[:min(MaxFuzzy, len(fuzzy))] {
		out = append(out, match{v, FuzzyQuality})
	}
	return out, nil
}

// OneEditPrefix reports whether the query term t is at most one edit (an
// insertion, deletion, substitution or swap of neighbours) away from the
// indexed term v, or from a start of v at least len(t)-1 runes long; the
// first runes must be equal.
func OneEditPrefix(t, v string) bool {
	a, b := []rune(t), []rune(v)
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] || len(b) < len(a)-1 {
		return false
	}
	b = b[:min(len(b), len(a)+1)]
	// Optimal string alignment distance, rows over a, columns over b.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	for j := len(a) - 1; j <= len(b); j++ {
		if j >= 0 && prev[j] <= 1 {
			return true
		}
	}
	return false
}

// Search returns the documents that match every term of q and pass f,
// best first: see the package comment for the ranking.
func (ix *Index) Search(q string, f Filter) ([]Hit, error) {
	terms := uniq(Tokens(q))
	pass := ix.filter(f)
	var hits []Hit
	if len(terms) == 0 {
		if f == (Filter{}) {
			return nil, nil
		}
		for d := range ix.table.docs {
			if pass(d) {
				hits = append(hits, ix.hit(d, 0, nil))
			}
		}
		return hits, nil
	}
	scores := map[int]int{}
	matched := map[int][]string{}
	for n, t := range terms {
		ms, err := ix.matches(t)
		if err != nil {
			return nil, err
		}
		best := map[int]int{}
		for _, m := range ms {
			st, ok := ix.find(m.term)
			if !ok {
				continue
			}
			for k, d := range st.docs {
				if n > 0 {
					if _, ok := scores[d]; !ok {
						continue
					}
				}
				best[d] = max(best[d], m.quality*st.weights[k])
				matched[d] = append(matched[d], m.term)
			}
		}
		next := map[int]int{}
		for d, s := range best {
			next[d] = scores[d] + s
		}
		scores = next
	}
	for d, s := range scores {
		if pass(d) {
			hits = append(hits, ix.hit(d, s, uniq(matched[d])))
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc)) })
	return hits, nil
}

func uniq(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// find returns the postings of an indexed term from the shards loaded.
func (ix *Index) find(term string) (shardTerm, bool) {
	lo, _ := rangeOf(ix.table.Shards, term, true)
	terms, err := ix.shard(lo)
	if err != nil {
		return shardTerm{}, false
	}
	i, ok := slices.BinarySearchFunc(terms, term, func(st shardTerm, t string) int { return strings.Compare(st.term, t) })
	if !ok {
		return shardTerm{}, false
	}
	return terms[i], true
}

func (ix *Index) hit(d, score int, terms []string) Hit {
	r := ix.table.docs[d]
	return Hit{Doc: d, Score: score, Label: r.label, Title: r.title, URL: r.url, Terms: terms}
}

// filter returns whether a document passes f.
func (ix *Index) filter(f Filter) func(d int) bool {
	want := func(name, value string) int {
		if value == "" {
			return -1
		}
		if k := slices.Index(ix.table.Filters[name], value); k >= 0 {
			return k
		}
		return -2 // a value no document has
	}
	typ, status, ring, sector, tag := want("type", f.Type), want("status", f.Status), want("ring", f.Ring), want("sector", f.Sector), want("tag", f.Tag)
	return func(d int) bool {
		r := ix.table.docs[d]
		ok := func(want, got int) bool { return want == -1 || want == got }
		return ok(typ, r.typ) && ok(status, r.status) && ok(ring, r.ring) && ok(sector, r.sector) &&
			(tag == -1 || slices.Contains(r.tags, tag))
	}
}
