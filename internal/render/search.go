package render

import (
	"html/template"
	"sync"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/parallel"

	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/search"
	"github.com/waymark-dev/waymark/internal/site"
)

// SearchIndex gathers the search index while pages render: each page's
// body text is taken from its rendered HTML, so markdown is rendered once.
// A nil SearchIndex (a site without search) does nothing.
type SearchIndex struct {
	b     *search.Builder
	docs  []search.Doc
	byURL map[string]int // page URL → document number
	prev  *SearchIndex   // the previous build's, in incremental builds

	mu      sync.Mutex
	pending []pendingDoc // pages taken from an earlier build whose postings this index lacks
}

// pendingDoc is a document whose body is indexed only if the index files
// are made at all (see Reuse.Search).
type pendingDoc struct {
	i   int
	doc *markdown.Doc
}

// NewSearchIndex lists every decision, blip and free page as a document;
// it returns nil when the site has no search. prev, when set, is the
// index of an earlier build of the same site, which the new one continues:
// pages taken unchanged from that build keep their postings without being
// read again (Reuse), and when the documents are the same pages as before
// only the changed ones' postings are patched. sameMeta says that no
// metadata changed since prev, so its documents are taken as they are.
func NewSearchIndex(s *site.Site, prev *SearchIndex, sameMeta bool) *SearchIndex {
	if !s.Config.SearchOn() {
		return nil
	}
	if prev != nil && sameMeta {
		return &SearchIndex{b: prev.b.ContinueSame(), docs: prev.docs, byURL: prev.byURL, prev: prev}
	}
	docs := page.SearchDocs(s)
	ix := &SearchIndex{docs: docs, byURL: make(map[string]int, len(docs)), prev: prev}
	if prev != nil {
		ix.b = prev.b.ContinueEdited(docs)
	} else {
		ix.b = search.NewBuilder(docs)
	}
	for i, d := range docs {
		ix.byURL[d.URL] = i
	}
	return ix
}

// add indexes the page at url with its rendered body; pages that are not
// documents are ignored. It is called from several goroutines at once.
func (ix *SearchIndex) add(url string, body template.HTML) {
	if ix == nil {
		return
	}
	if i, ok := ix.byURL[url]; ok {
		ix.b.AddHTML(i, string(body))
	}
}

// Reuse gives the page at url, taken unchanged from the previous build,
// the postings it had there. It is called from several goroutines at once.
func (ix *SearchIndex) Reuse(url string) {
	if ix == nil {
		return
	}
	i, ok := ix.byURL[url]
	if !ok || ix.prev == nil {
		return
	}
	if j, ok := ix.prev.byURL[url]; ok {
		ix.b.Reuse(i, ix.prev.b, j)
	}
}

// reuseOrLater gives the page at url the postings it had in the previous
// build when there is one; otherwise (a page taken from a cache on disk)
// its body is indexed only when files is called: when the index files
// themselves are taken from the cache, no body needs reading.
func (ix *SearchIndex) reuseOrLater(url string, doc *markdown.Doc) {
	if ix == nil || doc == nil {
		return
	}
	i, ok := ix.byURL[url]
	if !ok {
		return
	}
	if ix.prev != nil {
		if j, ok := ix.prev.byURL[url]; ok {
			ix.b.Reuse(i, ix.prev.b, j)
			return
		}
	}
	ix.mu.Lock()
	ix.pending = append(ix.pending, pendingDoc{i, doc})
	ix.mu.Unlock()
}

// files returns the index files, under search/; body renders the
// markdown of the pages whose postings are still missing.
func (ix *SearchIndex) files(body func(*markdown.Doc) template.HTML) ([]search.File, error) {
	if ix == nil {
		return nil, nil
	}
	parallel.For(len(ix.pending), func(k int) {
		ix.b.AddHTML(ix.pending[k].i, string(body(ix.pending[k].doc)))
	})
	ix.pending = nil
	files, err := ix.b.Files()
	// Every page has its postings now: let the previous build's index go,
	// or each build would keep all the ones before it alive.
	ix.prev = nil
	for i := range files {
		files[i].Name = "search/" + files[i].Name
	}
	return files, err
}

// Builder is the index's builder, which continues the previous build's.
func (ix *SearchIndex) Builder() *search.Builder { return ix.b }
