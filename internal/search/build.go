package search

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc64"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Doc is one page to index, with what the search page shows and filters.
type Doc struct {
	Type   string // "decision", "blip" or "page"
	Title  string // indexed with the title weight
	Label  string // shown before the title ("ADR-0005"); indexed as a facet
	URL    string // site-relative URL of the page ("radar/kafka/")
	Status string // a decision's status
	Ring   string // a blip's ring id
	Sector string // a blip's quadrant id
	Tags   []Tag
	// Words are indexed with the facet weight: the titles of the type,
	// status, ring and sector, so that "kafka hold" finds the blip.
	Words []string
	// Notes is more text the page shows, such as a blip's history notes;
	// it is indexed, and shown in snippets, as the end of the body.
	Notes string
}

// Tag is a tag: ID is its URL slug, the value of the tag filter.
type Tag struct {
	ID, Name string
}

// File is one file of the index, named relative to the search page.
type File struct {
	Name string
	Data []byte
}

// Builder indexes the pages of a site. Add may be called from several
// goroutines at once, for different pages; Files is called once, after.
type Builder struct {
	// Sizes of the files in bytes before compression: a file grows past
	// its size only when one term alone is larger.
	ShardBytes, VocabBytes int

	docs     []Doc
	postings [][]posting // per doc
	added    []bool

	// Terms get numbers as they are first met, so that the postings of
	// a document are small and inverting them needs no hashing.
	mu    sync.Mutex
	ids   map[string]int32
	terms []string
	// base is the builder ContinueSame was called on: its documents are
	// these, so Files patches its inverted postings where documents
	// changed instead of inverting every posting again.
	base     *Builder
	reused   []bool  // document i has base's postings
	inverted []*term // what Files inverted, sorted by term
	shards   []piece // the postings files Files wrote
	vocab    []piece // the vocabulary files Files wrote
	rows     []byte  // docs.js's document table, as JSON
	filters  map[string][]string

	// Idle workers. Not a sync.Pool: that drops them at every garbage
	// collection, and a new worker must learn every term again.
	workers chan *worker
}

// posting is one term of one document and its weight there.
type posting struct {
	term   int32
	weight uint8
}

// Weights of a term in a document. A term's weight in a document is the
// sum of those of the fields it appears in; the title's is larger the
// fewer words the title has, so "Apache Kafka" outranks "Use Kafka for
// business transactions" for "kafka". Body weight grows with the number
// of occurrences n as 1 + log2(n), up to MaxBodyWeight.
const (
	TitleWeight   = 48 // plus TitleBonus / number of title tokens
	TitleBonus    = 32
	TagWeight     = 16
	FacetWeight   = 8
	MaxBodyWeight = 4
)

// NewBuilder returns a builder for docs; doc i is the i-th of the index.
func NewBuilder(docs []Doc) *Builder {
	return &Builder{ShardBytes: ShardBytes, VocabBytes: VocabBytes, docs: docs, postings: make([][]posting, len(docs)), workers: make(chan *worker, 64),
		added: make([]bool, len(docs)), ids: map[string]int32{}}
}

// Continue returns a builder for docs that numbers terms as b did, so
// that Reuse can carry over the postings of documents that did not
// change. b must not be used to add documents afterwards.
func (b *Builder) Continue(docs []Doc) *Builder {
	b.mu.Lock()
	defer b.mu.Unlock()
	return &Builder{ShardBytes: b.ShardBytes, VocabBytes: b.VocabBytes, docs: docs, postings: make([][]posting, len(docs)),
		workers: b.workers, added: make([]bool, len(docs)), ids: b.ids, terms: b.terms}
}

// ContinueSame is Continue for the same documents, in the same order:
// then Files only patches the postings of the documents not reused.
func (b *Builder) ContinueSame() *Builder {
	c := b.Continue(b.docs)
	c.base, c.reused = b, make([]bool, len(b.docs))
	c.rows, c.filters = b.rows, b.filters // the same documents make the same table
	return c
}

// ContinueEdited is Continue for the base's documents at the same
// numbers (the same URLs in the same order), some with their fields
// edited (a title, a status): Files patches the postings of the documents
// not reused, as after ContinueSame, and makes the document table again.
// For other documents it is Continue.
func (b *Builder) ContinueEdited(docs []Doc) *Builder {
	same := len(docs) == len(b.docs)
	for i := 0; same && i < len(docs); i++ {
		same = docs[i].URL == b.docs[i].URL
	}
	c := b.Continue(docs)
	if same {
		c.base, c.reused = b, make([]bool, len(docs))
	}
	return c
}

// Reuse gives document i the postings document j had in prev, the
// builder Continue was called on. The two documents must be the same:
// same title, tags, facets and body. It may be called from several
// goroutines at once, for different documents.
func (b *Builder) Reuse(i int, prev *Builder, j int) {
	b.postings[i] = prev.postings[j]
	b.added[i] = true
	if prev == b.base && i == j {
		b.reused[i] = true
	}
}

// id returns the number of a term, numbering it if it is new.
func (b *Builder) id(term string) int32 {
	b.mu.Lock()
	defer b.mu.Unlock()
	if id, ok := b.ids[term]; ok {
		return id
	}
	id := int32(len(b.terms))
	b.ids[term] = id
	b.terms = append(b.terms, term)
	return id
}

// Add indexes document i with its body text, as TextFromHTML returns it;
// the text is not kept.
func (b *Builder) Add(i int, body string) {
	w := b.worker()
	defer b.idle(w)
	w.text = append(w.text[:0], body...)
	b.add(w, i)
}

// AddHTML indexes document i with its body, rendered markdown, taking
// the text out of the HTML into a buffer that it reuses.
func (b *Builder) AddHTML(i int, html string) {
	w := b.worker()
	defer b.idle(w)
	w.text = AppendText(w.text[:0], html)
	b.add(w, i)
}

// add indexes document i with the body text in w.text.
func (b *Builder) add(w *worker, i int) {
	d := &b.docs[i]
	w.doc++
	w.ps, w.count = w.ps[:0], w.count[:0]
	if d.Notes != "" {
		w.text = append(append(w.text, ' '), d.Notes...)
	}

	w.countBody(b, w.text)
	for k, n := range w.count {
		if n > 0 {
			w.ps[k].weight = uint8(min(MaxBodyWeight, bits.Len(uint(n))))
		}
	}
	// In the other fields a term counts once: its field's weight is
	// added the first time (count is then set to -1) and never again.
	field := func(s string, weight uint8) {
		w.each(s, func(tok []byte) {
			if k := b.posting(w, tok); w.count[k] >= 0 {
				w.count[k] = -1
				w.ps[k].weight += weight
			}
		})
	}
	reset := func() {
		for k := range w.count {
			w.count[k] = 0
		}
	}
	titleTokens := 0
	w.each(d.Title, func([]byte) { titleTokens++ })
	if titleTokens > 0 {
		reset()
		field(d.Title, uint8(TitleWeight+TitleBonus/titleTokens))
	}
	reset()
	for _, tag := range d.Tags {
		field(tag.Name, TagWeight)
	}
	reset()
	field(d.Label, FacetWeight)
	for _, word := range d.Words {
		field(word, FacetWeight)
	}
	b.postings[i] = slices.Clone(w.ps)
	b.added[i] = true
}

// Default sizes of the files, in bytes before compression.
const (
	ShardBytes = 48 << 10
	VocabBytes = 32 << 10
)

// Files returns the files of the index: see the package comment.
func (b *Builder) Files() ([]File, error) {
	for i, ok := range b.added {
		if !ok {
			b.Add(i, "")
		}
	}
	terms := b.patch()
	if terms == nil {
		terms = b.invert()
	}
	b.inverted = terms

	// Shards of postings and of the vocabulary, as ranges of terms, at
	// the same time. A file whose terms are the base's and whose postings
	// did not change is the base's slice again.
	var prevShards, prevVocab []piece
	stale := map[*term]bool{}
	if b.base != nil {
		prevShards, prevVocab = b.base.shards, b.base.vocab
		for _, t := range terms {
			if t.enc == nil {
				stale[t] = true
			}
		}
	}
	for _, t := range terms {
		t.quoted() // remembered now: both goroutines below read it
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		b.shards = divide(terms, b.ShardBytes, (*term).encoded, "t/", prevShards, stale)
	})
	b.vocab = divide(terms, b.VocabBytes, (*term).quoted, "v/", prevVocab, nil)
	wg.Wait()
	files := []File{{Name: fileName("docs")}}
	for i, p := range b.shards {
		files = append(files, File{fileName("t/" + strconv.Itoa(i)), p.data})
	}
	for i, p := range b.vocab {
		files = append(files, File{fileName("v/" + strconv.Itoa(i)), p.data})
	}
	table, err := b.table(starts(b.shards), starts(b.vocab), terms)
	files[0].Data = wrap("docs", table)
	b.base, b.reused = nil, nil // patched: keeping it would keep every builder before it
	return files, err
}

// piece is one file of the index: a JSON array of the encodings of a
// range of terms, wrapped (see script.go).
type piece struct {
	terms []*term
	data  []byte
}

// divide cuts the terms, encoded by enc, into pieces of about size bytes,
// the files kind+"0", kind+"1", …. A piece with the same terms as the
// piece at its place in prev, none of them stale, keeps prev's data (the
// same slice, so that comparing it with the last build's stops at the
// pointer).
func divide(terms []*term, size int, enc func(*term) []byte, kind string, prev []piece, stale map[*term]bool) []piece {
	var out []piece
	n := 0 // bytes of the piece being cut, brackets and commas included
	lo := 0
	for i, t := range terms {
		e := len(enc(t))
		if i > lo && n+e > size {
			out = append(out, piece{terms: terms[lo:i]})
			lo, n = i, 0
		}
		n += e + 1
	}
	if lo < len(terms) {
		out = append(out, piece{terms: terms[lo:]})
	}
	for i := range out {
		p := &out[i]
		if i < len(prev) && slices.Equal(prev[i].terms, p.terms) && !slices.ContainsFunc(p.terms, func(t *term) bool { return stale[t] }) {
			p.data = prev[i].data
			continue
		}
		id := kind + strconv.Itoa(i)
		n := len(dataCall) + len(id) + 8
		for _, t := range p.terms {
			n += len(enc(t)) + 1
		}
		data := appendHead(make([]byte, 0, n), id)
		for k, t := range p.terms {
			if k == 0 {
				data = append(data, '[')
			} else {
				data = append(data, ',')
			}
			data = append(data, enc(t)...)
		}
		p.data = append(data, "]"+dataTail...)
	}
	return out
}

// starts returns the first term of each piece.
func starts(pieces []piece) []string {
	out := make([]string, len(pieces))
	for i, p := range pieces {
		out[i] = p.terms[0].term
	}
	return out
}

// term is a term and its postings: document numbers and weights.
type term struct {
	term    string
	id      int32
	docs    []int32
	weights []uint8
	// Encodings kept between builds of the preview, made again only when
	// set changes the postings.
	enc, name []byte
	sum       uint64 // CRC-64 of enc
}

// encoded returns encode's result, remembered until the postings change.
func (t *term) encoded() []byte {
	if t.enc == nil {
		t.enc = t.encode()
		t.sum = crc64.Checksum(t.enc, crcTable)
	}
	return t.enc
}

// quoted returns the term as a JSON string, remembered.
func (t *term) quoted() []byte {
	if t.name == nil {
		t.name, _ = json.Marshal(t.term)
	}
	return t.name
}

// encode writes ["term",doc,weight,doc,weight,…] with every document
// number after the first as the difference from the one before.
func (t *term) encode() []byte {
	name := t.quoted()
	out := make([]byte, 0, len(name)+2+len(t.docs)*6)
	out = append(append(out, '['), name...)
	prev := int32(0)
	for k, d := range t.docs {
		out = append(out, ',')
		out = strconv.AppendInt(out, int64(d-prev), 10)
		out = append(out, ',')
		out = strconv.AppendInt(out, int64(t.weights[k]), 10)
		prev = d
	}
	return append(out, ']')
}

// invert turns the per-document postings into per-term ones, sorted by
// term: a counting sort into two flat arrays, with no slice to grow.
func (b *Builder) invert() []*term {
	n := len(b.terms)
	start := make([]int32, n+1) // postings of term id: start[id]:start[id+1]
	for _, ps := range b.postings {
		for _, p := range ps {
			start[p.term+1]++
		}
	}
	for id := range n {
		start[id+1] += start[id]
	}
	docs, weights := make([]int32, start[n]), make([]uint8, start[n])
	next := slices.Clone(start[:n])
	for d, ps := range b.postings {
		for _, p := range ps {
			k := next[p.term]
			docs[k], weights[k] = int32(d), p.weight
			next[p.term]++
		}
	}
	terms := make([]term, n)
	out := make([]*term, 0, n)
	for id, t := range b.terms {
		lo, hi := start[id], start[id+1]
		if lo == hi {
			continue // a term of an earlier build (see Continue) no document has now
		}
		terms[id] = term{term: t, id: int32(id), docs: docs[lo:hi:hi], weights: weights[lo:hi:hi]}
		out = append(out, &terms[id])
	}
	slices.SortFunc(out, func(a, b *term) int { return strings.Compare(a.term, b.term) })
	return out
}

var crcTable = crc64.MakeTable(crc64.ECMA)

// maxPatched is how many changed documents patch handles; beyond it,
// inverting everything again is as quick.
const maxPatched = 64

// patch returns the base's inverted postings with those of the documents
// not reused replaced, or nil when there is no base to patch. A save in
// the preview changes one document: this touches its terms only.
func (b *Builder) patch() []*term {
	if b.base == nil || b.base.inverted == nil {
		return nil
	}
	var changed []int32
	for i, ok := range b.reused {
		if !ok {
			changed = append(changed, int32(i))
		}
	}
	if len(changed) > maxPatched {
		return nil
	}
	byID := make([]*term, len(b.terms))
	for _, t := range b.base.inverted {
		byID[t.id] = t
	}
	var fresh []*term
	was := map[int32]uint8{}
	for _, d := range changed {
		// Only the terms whose weight in d changed are touched, so that
		// the others keep their encodings (and their shards their bytes):
		// a save usually changes a few words of a document.
		clear(was)
		for _, p := range b.base.postings[d] {
			was[p.term] = p.weight
		}
		for _, p := range b.postings[d] {
			w, ok := was[p.term]
			delete(was, p.term)
			if ok && w == p.weight {
				continue
			}
			t := byID[p.term]
			if t == nil {
				t = &term{term: b.terms[p.term], id: p.term}
				byID[p.term] = t
				fresh = append(fresh, t)
			}
			t.set(d, p.weight)
		}
		for id := range was { // no longer in d
			if t := byID[id]; t != nil {
				t.set(d, 0)
			}
		}
	}
	slices.SortFunc(fresh, func(x, y *term) int { return strings.Compare(x.term, y.term) })
	out := make([]*term, 0, len(b.base.inverted)+len(fresh))
	old := b.base.inverted
	for len(old) > 0 || len(fresh) > 0 {
		var t *term
		if len(fresh) == 0 || (len(old) > 0 && old[0].term < fresh[0].term) {
			t, old = old[0], old[1:]
		} else {
			t, fresh = fresh[0], fresh[1:]
		}
		if len(t.docs) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// set gives document d weight w in t's postings, keeping them in
// document order; weight 0 removes d. It changes the slices in place: each
// term owns its range of the arrays invert made, and the builder patched
// is not used again (see Continue).
func (t *term) set(d int32, w uint8) {
	k, found := slices.BinarySearch(t.docs, d)
	switch {
	case found && w == 0:
		t.docs, t.weights = slices.Delete(t.docs, k, k+1), slices.Delete(t.weights, k, k+1)
	case found:
		t.weights[k] = w
	case w != 0:
		t.docs, t.weights = slices.Insert(t.docs, k, d), slices.Insert(t.weights, k, w)
	default:
		return
	}
	t.enc = nil
}

// table is the JSON of docs.js: the document table and the map of the
// other files.
func (b *Builder) table(shards, vocab []string, terms []*term) ([]byte, error) {
	if b.rows == nil {
		if err := b.documentTable(); err != nil {
			return nil, err
		}
	}
	// The version names the content of every file: the document table and
	// the terms' encodings, in order, which make the shard and vocabulary
	// files. A version, not a secret: checksums will do, and each term's
	// is kept until its postings change.
	h := crc64.New(crcTable)
	h.Write(b.rows)
	var sum [8]byte
	for _, t := range terms {
		binary.LittleEndian.PutUint64(sum[:], t.sum)
		h.Write(sum[:])
	}
	if shards == nil {
		shards, vocab = []string{}, []string{}
	}
	// Assembled by hand: json.Marshal would scan and copy the document
	// table, most of the file, again on every build of the preview.
	head, err := json.Marshal(struct {
		Version string              `json:"version"`
		Shards  []string            `json:"shards"`
		Vocab   []string            `json:"vocab"`
		Filters map[string][]string `json:"filters"`
	}{hex.EncodeToString(h.Sum(nil)), shards, vocab, b.filters})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	out := make([]byte, 0, len(head)+len(b.rows)+10)
	out = append(out, head[:len(head)-1]...)
	out = append(out, `,"docs":`...)
	out = append(out, b.rows...)
	return append(out, '}'), nil
}

// documentTable works out the document rows of docs.js and the values
// of its filters.
func (b *Builder) documentTable() error {
	filters := map[string][]string{"type": {""}, "status": {""}, "ring": {""}, "sector": {""}, "tag": {}}
	index := map[string]map[string]int{}
	id := func(filter, value string) int {
		if index[filter] == nil {
			index[filter] = map[string]int{}
			for k, v := range filters[filter] {
				index[filter][v] = k
			}
		}
		if k, ok := index[filter][value]; ok {
			return k
		}
		k := len(filters[filter])
		filters[filter] = append(filters[filter], value)
		index[filter][value] = k
		return k
	}
	rows := make([][]any, len(b.docs))
	for i, d := range b.docs {
		tags := make([]int, 0, len(d.Tags))
		for _, t := range d.Tags {
			tags = append(tags, id("tag", t.ID))
		}
		rows[i] = []any{id("type", d.Type), d.Label, d.Title, d.URL, id("status", d.Status), id("ring", d.Ring), id("sector", d.Sector), tags}
	}
	rowData, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	b.rows, b.filters = rowData, filters
	return nil
}
