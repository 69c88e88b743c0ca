// Package search builds the full-text index of a site, for search.js to
// query in the browser with no server: the index is split into files so
// that a query downloads only the few it needs, and every file is loaded
// relative to the search page, so the site works under any sub-path, from
// any static host and from disk.
//
// # Tokens
//
// Text is split into words at every rune that is not a letter, digit or
// mark (Unicode classes L, N and M). A word is lower-cased, decomposed
// (NFD) and stripped of its non-spacing marks (Mn), so "Ärger" and
// "arger" are the same; ß, æ, œ, ø, đ, ð, ł, ı, þ and final ς are then
// folded to ss, ae, oe, o, d, d, l, i, th and σ. Runs of Han, Hiragana
// and Katakana, written without spaces, become overlapping pairs of
// characters ("数据库" → "数据", "据库"). Tokens are cut at MaxTokenRunes
// runes. There is no stemming: prefix matching stands in for it.
//
// # Files
//
// Builder.Files returns, relative to the search page (search/):
//
//	docs.js      the document table and the map of the other files:
//	             {"version", "shards", "vocab", "filters", "docs"}
//	t/<n>.js     postings: [["term", doc, weight, doc, weight, …], …]
//	v/<n>.js     the terms alone, for typo tolerance: ["term", …]
//
// Each file is the JSON shown wrapped in a call, waymarkSearchData("t/3",
// …); (see script.go): over HTTP search.js fetches it and parses the JSON,
// and a page opened from disk, which browsers do not let fetch, adds it
// as a script.
//
// Terms are sorted by code point and cut into ranges of about ShardBytes
// (postings) or VocabBytes (vocabulary); "shards" and "vocab" list the
// first term of each file, so the files that may hold the terms starting
// with a prefix are found by binary search. In postings each document
// number after the first is the difference from the one before. "filters"
// lists the values of the filters type, status, ring, sector and tag; a
// row of "docs" is [type, label, title, url, status, ring, sector, [tag,
// …]], each filter as an index into its list (0 is "none" for all but
// tag). "version" changes with the index, and the client adds it to every
// later request so that no cache mixes two builds.
//
// The body text is not stored again: snippets are cut from the result
// pages themselves, which search.js fetches for the results it shows (and
// which the browser then has at hand when the reader opens one); from
// disk, results come without snippets.
//
// # Weights and ranking
//
// A term's weight in a document adds up the fields it occurs in: the title
// (TitleWeight plus TitleBonus divided by the number of title tokens),
// the tags (TagWeight), the facets (FacetWeight: the ADR label, the type,
// status, ring and sector) and the body (1 + log2 of the occurrences, at
// most MaxBodyWeight), so a title outranks tags, which outrank the body.
//
// A query is tokenised like the text. Each term matches the indexed terms
// equal to it (quality ExactQuality), those it starts (PrefixQuality; not
// for one-rune terms) and, for terms of FuzzyMinRunes runes or more, the
// MaxFuzzy shortest terms one edit away from the term or from a start of
// it (FuzzyQuality; the first rune must be right, so "rabit" finds
// "rabbitmq"). A document's score for a term is the best quality × weight
// among the term's matches; documents must match every term, and rank by
// the sum of their scores, then by document number. Index.Search is the
// reference implementation of these rules; search.js implements them
// again for the browser, and a browser test checks that the two agree.
package search
