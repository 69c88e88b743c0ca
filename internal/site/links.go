package site

import (
	"strings"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/radar"
)

// Docs lists the markdown of every record, blip and free page, with the
// URL of the page it becomes.
func (s *Site) Docs() []markdown.Doc {
	docs := make([]markdown.Doc, 0, len(s.Decisions.Records)+len(s.Radar.Blips)+len(s.Pages))
	for _, r := range s.Decisions.Records {
		docs = append(docs, markdown.Doc{Source: r.Source, URL: RecordURL(r), Body: r.Body, BodyLine: r.BodyLine})
	}
	for _, b := range s.Radar.Blips {
		docs = append(docs, markdown.Doc{Source: b.Source, URL: BlipURL(b), Body: b.Body, BodyLine: b.BodyLine})
	}
	for _, p := range s.Pages {
		docs = append(docs, markdown.Doc{Source: p.Source, URL: p.URL, Body: p.Body, BodyLine: p.BodyLine})
	}
	return docs
}

// NoteDocs lists the notes of a blip's history that have text, oldest
// first, as markdown of the blip's page: links in them resolve from the
// blip's file.
func NoteDocs(b *radar.Blip) []*markdown.Doc {
	var out []*markdown.Doc
	for _, m := range b.History {
		if HasNote(m) {
			out = append(out, &markdown.Doc{Source: b.Source, URL: BlipURL(b), Body: []byte(m.Note), BodyLine: b.Line("history")})
		}
	}
	return out
}

// HasNote reports whether a history entry has a note to show.
func HasNote(m radar.Move) bool { return strings.TrimSpace(m.Note) != "" }

// CheckLinks adds a warning for every relative link in the site's
// markdown that leads to no page or published file: the warnings a build
// gives, without rendering a page.
func (s *Site) CheckLinks() {
	md := markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe})
	docs := s.Docs()
	for _, b := range s.Radar.Blips {
		for _, d := range NoteDocs(b) {
			docs = append(docs, *d)
		}
	}
	parallel.For(len(docs), func(i int) {
		broken, err := md.Links(docs[i], s)
		if err != nil {
			s.Problems.AddErr(docs[i].Source, err)
		}
		for _, b := range broken {
			s.Problems.Add(BrokenLink(docs[i].Source, b))
		}
	})
}
