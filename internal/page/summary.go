package page

import (
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/radar"
)

// summaryLength is the most characters of a blip's body its summary
// takes: a card's few lines; the blip's page has the rest.
const summaryLength = 280

// blipFactsOf are the facts of r's blips by id (see blipFacts), their
// summaries among them: editions and views show the blips of the same
// files, so the facts of one blip serve every page. The summaries, a
// parse of each body at worst, are worked out on all cores.
func blipFactsOf(r *radar.Radar) map[string]*blipFacts {
	if r == nil {
		return nil
	}
	out := make([]*blipFacts, len(r.Blips))
	parallel.For(len(r.Blips), func(i int) { out[i] = factsOf(r.Blips[i], BlipSummary(r.Blips[i])) })
	m := make(map[string]*blipFacts, len(out))
	for i, b := range r.Blips {
		m[b.ID] = out[i]
	}
	return m
}

// BlipSummary is what the radar's pages say a blip is, in a sentence or
// two: its summary front matter as written, else the first paragraph of
// its body as plain text, cut at summaryLength. A blip's body thus feeds
// pages other than its own, through this summary only: package
// incremental compares it to know whether an edit of the body reaches
// them.
func BlipSummary(b *radar.Blip) string {
	if b.Summary != "" {
		return b.Summary
	}
	return markdown.Summary(b.Body, summaryLength)
}
