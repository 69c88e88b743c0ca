package decision_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// TestConventions parses a record written in each convention teams use
// for metadata, statuses, titles and people, in fixtures of our own.
func TestConventions(t *testing.T) {
	rd := decision.Reading{Statuses: map[string]string{"implemented": decision.Accepted}}
	tests := []struct {
		name, file, src string
		want            want
	}{{
		name: "status section ended by a rule",
		file: "0001-a.md",
		src:  "# 1. Keep logs\n\n## Status\n\nAccepted\n\n---\n\nProposed in the appendix, not a status.\n",
		want: want{title: "Keep logs", status: "accepted"},
	}, {
		name: "top-level Status heading with a synonym",
		file: "0002-b.md",
		src:  "# Pick a broker\n\n# Status\n\nApproved\n\n# Context\n\nText.\n",
		want: want{title: "Pick a broker", status: "accepted", word: "approved"},
	}, {
		name: "a status sentence: the word decides, the rest is a note",
		file: "0003-c.md",
		src:  "# C\n\n## Status\n\nDeprecated since the move to the cloud; see the migration notes.\n",
		want: want{title: "C", status: "deprecated", note: "since the move to the cloud; see the migration notes."},
	}, {
		name: "a relation to a web page with a sentence after it",
		file: "0004-d.md",
		src:  "# D\n\n## Status\n\nRetired by [the platform review](https://example.com/review) in 2024, users are encouraged to migrate\n",
		want: want{title: "D", status: "deprecated", word: "retired", note: "in 2024, users are encouraged to migrate",
			refs: []string{"retired by the platform review https://example.com/review"}},
	}, {
		name: "a status word, then a reference to a web page",
		file: "0019-s.md",
		src:  "# S\n\n## Status\n\nObsolete\n\nReverted by [the review](https://example.com/r); teams should migrate.\n",
		want: want{title: "S", status: "deprecated", word: "obsolete", note: "teams should migrate.",
			refs: []string{"reverted by the review https://example.com/r"}},
	}, {
		name: "a status written as a link to where it was decided",
		file: "0020-t.md",
		src:  "# 20. T.\n\nDate: 2023-01-03\n\n## Status\n\n[Accepted](https://git.example.com/shop/pull/12)\n\n## Context\n",
		want: want{title: "T.", status: "accepted", date: "2023-01-03",
			refs: []string{"decided in Accepted https://git.example.com/shop/pull/12"}},
	}, {
		name: "a status link with words after it",
		file: "0021-u.md",
		src:  "# U\n\n* Status: [Approved](https://example.com/minutes/7) by the board\n",
		want: want{title: "U", status: "accepted", word: "approved", note: "by the board",
			refs: []string{"decided in Approved https://example.com/minutes/7"}},
	}, {
		name: "bold list keys with the colon inside",
		file: "0022-v.md",
		src:  "# ADR-0022: V\n\n- **Status:** Accepted\n- **Date:** 2025-01-10\n",
		want: want{title: "V", status: "accepted", date: "2025-01-10"},
	}, {
		name: "a history of statuses: the last one holds",
		file: "0005-e.md",
		src:  "# E\n\n## Status\n\nProposed 2020-01-02\n\nAccepted 2020-02-03\n",
		want: want{title: "E", status: "accepted", note: "2020-02-03 Proposed 2020-01-02"},
	}, {
		name: "metadata table, a row per field",
		file: "0006-f.md",
		src:  "# F\n\n| Metadata | Value |\n|---|---|\n| Status | Implemented |\n| Date | 2020-04-30 |\n| Author(s) | Ana Lima, Bo Berg |\n| Tags | data |\n\n## Context\n",
		want: want{title: "F", status: "accepted", word: "implemented", date: "2020-04-30", authors: []string{"Ana Lima", "Bo Berg"}, tags: []string{"data"}},
	}, {
		name: "metadata table, a header row of fields",
		file: "0007-g.md",
		src:  "# G\n\n| Status | Date | Deciders |\n| --- | --- | --- |\n| Rejected | 2021-05-06 | Cy (infra, security), Di |\n\n## Context\n",
		want: want{title: "G", status: "rejected", date: "2021-05-06", makers: []string{"Cy (infra, security)", "Di"}},
	}, {
		name: "date lines of other names, month only",
		file: "0008-h.md",
		src:  "# H\n\nDecision date: May 2025\n\nStatus: In review\n\n## Context\n",
		want: want{title: "H", status: "proposed", word: "in review", date: "2025-05"},
	}, {
		name: "no status at all",
		file: "0009-i.md",
		src:  "# I\n\nWe decided things.\n",
		want: want{title: "I", status: decision.NotStated},
	}, {
		name: "title with a link, code, an anchor and a number prefix",
		file: "0010-j.md",
		src:  "---\nstatus: accepted\n---\n# 0) Use [`gRPC`](https://grpc.io) for *internal* calls {#adr_0010}\n",
		want: want{title: "Use gRPC for internal calls", titleText: "Use `gRPC` for internal calls", status: "accepted"},
	}, {
		name: "ADR-N: title prefix",
		file: "ADR-11.md",
		src:  "# ADR 11 - Push metrics\n\n* Status: accepted\n",
		want: want{title: "Push metrics", status: "accepted"},
	}, {
		name: "bracketed status in the title is the relation",
		file: "0012-l.md",
		src:  "# [Superseded by [ADR-0019](0019-x.md)] Push metrics via InfluxDB\n\nText.\n",
		want: want{title: "Push metrics via InfluxDB", status: "superseded", relations: []string{"superseded by 19"}},
	}, {
		name: "heading inside an HTML comment is not the title",
		file: "0013-m.md",
		src:  "<!--\n# 0. Example title\n-->\n# Real title\n\n* Status: proposed\n",
		want: want{title: "Real title", status: "proposed"},
	}, {
		name: "nested decider list and entities",
		file: "0014-n.md",
		src:  "# N\n\n* Status: accepted\n* Deciders:\n  * Ana&#x20;Lima\n  * Bo &amp; Co\n* Date: 2022-01-02\n\n## Context\n",
		want: want{title: "N", status: "accepted", date: "2022-01-02", makers: []string{"Ana Lima", "Bo & Co"}},
	}, {
		name: "relation links with folders resolve against the record's path",
		file: "docs/decisions/adr/2025-05-01-o.md",
		src:  "# O\n\n## Status\n\nSuperseded by [newer](../../decisions/adr/2025-05-09-x.md)\n",
		want: want{title: "O", status: "superseded", date: "2025-05-01", relations: []string{"superseded by ../../decisions/adr/2025-05-09-x.md"}},
	}, {
		name: "in part supersedes",
		file: "0016-p.md",
		src:  "# P\n\n## Status\n\nAccepted\n\nIn part supersedes [ADR-0003](0003-x.md)\n",
		want: want{title: "P", status: "accepted", relations: []string{"in part supersedes 3"}},
	}, {
		name: "foreign front matter: description is the summary",
		file: "0017-q.md",
		src:  "---\nstatus: accepted\ndescription: Why we queue.\nsidebar_label: Queues\nslug: /queues\nweight: 3\nkeywords: [queue]\nhide: [toc]\nauthors: [ana]\n---\n# Q\n",
		want: want{title: "Q", status: "accepted", summary: "Why we queue.", authors: []string{"ana"}},
	}, {
		name: "a folder's own status word, not configured",
		file: "0018-r.md",
		src:  "# R\n\n## Status\n\nOn hold\n",
		want: want{title: "R", status: "on hold"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := decision.ParseWith(tt.file, "", []byte(tt.src), rd)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.check(t, r)
		})
	}
}

type want struct {
	title, titleText, status, word, note, date, summary string
	makers, authors, tags, relations, refs              []string
}

func (w want) check(t *testing.T, r *decision.Record) {
	t.Helper()
	if w.titleText == "" {
		w.titleText = w.title
	}
	var rels, refs []string
	for _, rel := range r.Written {
		target := fmt.Sprint(rel.Number)
		if rel.Number == 0 {
			target = rel.Ref
			if i := strings.Index(target, "]("); i >= 0 {
				target = strings.TrimSuffix(target[i+2:], ")")
			}
		}
		rels = append(rels, rel.Verb+" "+target)
	}
	for _, ref := range r.References {
		refs = append(refs, ref.Verb+" "+ref.Text+" "+ref.URL)
	}
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"Title", r.Title, w.title}, {"TitleText", r.TitleText, w.titleText},
		{"Status", r.Status, w.status}, {"StatusWord", r.StatusWord, w.word}, {"StatusNote", r.StatusNote, w.note},
		{"Date", r.Date.String(), w.date}, {"Summary", r.Summary, w.summary},
		{"DecisionMakers", r.DecisionMakers, w.makers}, {"Authors", r.Authors, w.authors}, {"Tags", r.Tags, w.tags},
		{"relations", rels, w.relations}, {"references", refs, w.refs},
	} {
		if !same(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

func same(a, b any) bool {
	as, aok := a.([]string)
	bs, bok := b.([]string)
	if aok && bok {
		return slices.Equal(as, bs)
	}
	return a == b
}

// TestNotRecords leaves out templates by their title and drafts.
func TestNotRecords(t *testing.T) {
	for _, tt := range []struct{ file, src string }{
		{"0000-adr.md", "# 0. Template\n\n## Status\n\nproposed\n"},
		{"0001-a.md", "---\ndraft: true\nstatus: accepted\n---\n# A\n"},
	} {
		_, err := decision.Parse(tt.file, "", []byte(tt.src))
		if !errors.Is(err, decision.ErrNotRecord) || !strings.Contains(err.Error(), tt.file) {
			t.Errorf("%s: err = %v, want ErrNotRecord naming the file", tt.file, err)
		}
	}
}

// TestDefaultStatus gives records that state no status the site's
// default.
func TestDefaultStatus(t *testing.T) {
	r, err := decision.ParseWith("0001-a.md", "", []byte("# A\n"), decision.Reading{DefaultStatus: decision.Accepted})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Status, decision.Accepted; got != want {
		t.Errorf("Status = %q, want %q", got, want)
	}
}

// TestForeignKeys: a typo of a known key is an error with "did you
// mean", another unknown key a warning that names the file and line.
func TestForeignKeys(t *testing.T) {
	_, err := decision.Parse("0001-a.md", "", []byte("---\nstatus: accepted\ndecison-makers: [a]\n---\n# A\n"))
	if err == nil || !strings.Contains(err.Error(), `0001-a.md:3: unknown key "decison-makers"; did you mean "decision-makers"?`) {
		t.Errorf("err = %v, want did you mean", err)
	}
	r, err := decision.Parse("0001-a.md", "", []byte("---\nstatus: accepted\nreviewed-by-legal: yes\n---\n# A\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, problems := decision.Link([]*decision.Record{r})
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), `0001-a.md:3: warning: unknown front matter key "reviewed-by-legal" is ignored`) {
		t.Errorf("problems = %v, want one warning about the key", problems)
	}
}

// TestLinkByPath resolves a link with folders in it against the record's
// own path, as the code hosts do.
func TestLinkByPath(t *testing.T) {
	old, err := decision.Parse("docs/decisions/adr/2025-05-01-old.md", "", []byte("# Old\n\n## Status\n\nSuperseded by [newer](../../decisions/adr/2025-05-09-new.md)\n"))
	if err != nil {
		t.Fatal(err)
	}
	newer, err := decision.Parse("docs/decisions/adr/2025-05-09-new.md", "", []byte("# New\n\n## Status\n\nAccepted\n"))
	if err != nil {
		t.Fatal(err)
	}
	log, problems := decision.Link([]*decision.Record{old, newer})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if got := log.ByID("", "2025-05-09-new").Supersedes; len(got) != 1 || got[0] != old.Number {
		t.Errorf("the newer record supersedes %v, want [%d]", got, old.Number)
	}
	// dated records are ordered by date and never collide
	if old.Number != 1 || newer.Number != 2 {
		t.Errorf("numbers %d, %d; want 1, 2 in date order", old.Number, newer.Number)
	}
}
