package radar

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

func TestVerdict(t *testing.T) {
	p := NewPolicy(Licenses{
		Allowed: []string{"MIT", "Apache-2.0", "BSD-3-Clause"},
		Review:  []string{"LGPL-2.1-only", "MPL-2.0", "GPL-2.0-only"},
		Denied:  []string{"AGPL-3.0-only", "SSPL-1.0"},
	})
	for _, c := range []struct{ expr, want string }{
		{"MIT", Allowed},
		{"mit", Allowed},
		{"", Unknown},
		{"Proprietary", Unknown},
		{"LicenseRef-acme", Unknown},
		{"AGPL-3.0-only", Denied},
		{"MPL-2.0", Review},
		{"MIT OR Apache-2.0", Allowed},
		{"MIT OR AGPL-3.0-only", Allowed},
		{"AGPL-3.0-only OR SSPL-1.0", Denied},
		{"MIT AND AGPL-3.0-only", Denied},
		{"MIT AND LGPL-2.1-only", Review},
		{"MIT AND Unknown-1.0", Unknown},
		{"(MIT OR AGPL-3.0-only) AND BSD-3-Clause", Allowed},
		{"(AGPL-3.0-only OR SSPL-1.0) AND MIT", Denied},
		{"GPL-2.0-only WITH Classpath-exception-2.0", Review},
		{"Apache-2.0+", Allowed},
		{"MIT OR", Unknown},
		{"(MIT", Unknown},
		{"MIT)", Unknown},
		{"MIT Apache-2.0", Unknown},
		{"MIT or Apache-2.0", Allowed}, // operators in any case
	} {
		if got := p.Verdict(c.expr); got != c.want {
			t.Errorf("Verdict(%q) = %s, want %s", c.expr, got, c.want)
		}
	}
}

func date(s string) meta.Date {
	d, err := meta.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestMovement(t *testing.T) {
	cfg := DefaultSettings()
	cfg.Edition = date("2024-06-30")
	mv := func(h ...string) []Move {
		var out []Move
		for i := 0; i < len(h); i += 2 {
			out = append(out, Move{Date: date(h[i]), Ring: h[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		name    string
		history []Move
		want    string
	}{
		{"no history", nil, NoMove},
		{"added this edition", mv("2024-05-01", "trial"), NewBlip},
		{"added long ago", mv("2020-05-01", "trial"), NoMove},
		{"added on the edition date", mv("2024-06-30", "assess"), NewBlip},
		{"added exactly six months before", mv("2023-12-30", "assess"), NoMove},
		{"moved toward the centre", mv("2020-01-01", "assess", "2024-04-01", "trial"), MovedIn},
		{"moved away", mv("2020-01-01", "trial", "2024-04-01", "hold"), MovedOut},
		{"moved long ago", mv("2020-01-01", "trial", "2021-04-01", "hold"), NoMove},
		{"reviewed in the same ring", mv("2020-01-01", "trial", "2024-04-01", "trial"), NoMove},
		{"a move after the edition does not count yet", mv("2020-01-01", "assess", "2024-08-01", "adopt"), NoMove},
	} {
		r := New(cfg, nil)
		if got := r.Movement(&Blip{History: c.history}); got != c.want {
			t.Errorf("%s: movement %s, want %s", c.name, got, c.want)
		}
	}
}

func TestEditionDefaultsToNewestHistoryDate(t *testing.T) {
	cfg := DefaultSettings()
	r := New(cfg, []*Blip{
		{ID: "a", Quadrant: "tools", Ring: "trial", History: []Move{{Date: date("2023-01-01"), Ring: "trial"}}},
		{ID: "b", Quadrant: "tools", Ring: "hold", History: []Move{{Date: date("2021-01-01"), Ring: "trial"}, {Date: date("2024-02-03"), Ring: "hold"}}},
	})
	if got, want := r.Edition.String(), "2024-02-03"; got != want {
		t.Errorf("edition %s, want %s", got, want)
	}
	cfg.Edition = date("2025-01-01")
	if got, want := New(cfg, nil).Edition.String(), "2025-01-01"; got != want {
		t.Errorf("configured edition %s, want %s", got, want)
	}
}

// TestFindings parses blips and expects each policy case at its file and
// line, with its severity.
func TestFindings(t *testing.T) {
	cfg := DefaultSettings()
	cfg.Edition = date("2024-06-01")
	cfg.Licenses = Licenses{Allowed: []string{"MIT", "Apache-2.0"}, Review: []string{"MPL-2.0"}, Denied: []string{"AGPL-3.0-only"}}
	files := map[string]string{
		"radar/denied.md":           "---\nquadrant: tools\nring: adopt\nreviewed: 2024-05-01\nlicense: AGPL-3.0-only\n---\n",
		"radar/denied-and.md":       "---\nquadrant: tools\nring: trial\nreviewed: 2024-05-01\nlicense: MIT AND AGPL-3.0-only\n---\n",
		"radar/denied-or.md":        "---\nquadrant: tools\nring: trial\nreviewed: 2024-05-01\nlicense: MIT OR AGPL-3.0-only\n---\n",
		"radar/denied-on-hold.md":   "---\nquadrant: tools\nring: hold\nreviewed: 2024-05-01\nlicense: AGPL-3.0-only\n---\n",
		"radar/review.md":           "---\nquadrant: tools\nring: trial\nreviewed: 2024-05-01\n\nlicense: MPL-2.0\n---\n",
		"radar/unknown.md":          "---\nquadrant: tools\nring: adopt\nreviewed: 2024-05-01\nlicense: Acme-1.0\n---\n",
		"radar/no-licence.md":       "---\nquadrant: techniques\nring: adopt\nreviewed: 2024-05-01\n---\n",
		"radar/individual.md":       "---\nquadrant: tools\nring: adopt\nlicense: MIT\nreviewed: 2024-05-01\nbacking: individual\n---\n",
		"radar/individual-trial.md": "---\nquadrant: tools\nring: trial\nlicense: MIT\nreviewed: 2024-05-01\nbacking: individual\n---\n",
		"radar/stale.md":            "---\nquadrant: tools\nring: assess\nlicense: MIT\nreviewed: 2023-01-01\n---\n",
		"radar/stale-history.md":    "---\nquadrant: tools\nring: assess\nlicense: MIT\nhistory:\n  - {date: 2022-01-01, ring: assess}\n---\n",
		"radar/fresh-history.md":    "---\nquadrant: tools\nring: assess\nreviewed: 2020-01-01\nhistory:\n  - {date: 2024-01-01, ring: assess}\n---\n",
		"radar/ring-mismatch.md":    "---\nquadrant: tools\nring: adopt\nlicense: MIT\nreviewed: 2024-05-01\nhistory:\n  - {date: 2024-01-01, ring: trial}\n---\n",
		"radar/tools.md":            "---\nquadrant: tools\nring: assess\nreviewed: 2024-05-01\n---\n",
	}
	var blips []*Blip
	for name, src := range files {
		b, err := Parse(name, []byte(src), cfg)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		blips = append(blips, b)
	}
	var got []string
	var l diag.List
	l.Add(New(cfg, blips).Findings()...)
	for _, p := range l.Sorted() {
		got = append(got, fmt.Sprintf("%s:%d %s", p.File, p.Line, p.Severity))
	}
	want := []string{
		"radar/denied-and.md:5 policy",
		"radar/denied.md:5 policy",
		"radar/individual.md:6 warning",
		"radar/review.md:6 warning",
		"radar/ring-mismatch.md:6 warning",
		"radar/stale-history.md:5 warning",
		"radar/stale.md:5 warning",
		"radar/tools.md:1 error",
		"radar/unknown.md:5 warning",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFormatRoundTrip(t *testing.T) {
	cfg := DefaultSettings()
	for _, b := range []*Blip{
		{ID: "kafka", Title: "Apache Kafka", Quadrant: "platforms", Ring: "hold", License: "Apache-2.0", Backing: "foundation",
			Owner: "integration-team", Summary: "A log of events: on hold since it lost messages (see #5).", Reviewed: date("2017-02-20"), Horizon: "later", Tags: []string{"messaging", "streaming"},
			History: []Move{{Date: date("2015-10-19"), Ring: "trial", Decision: 3, Note: "chosen without a prototype"},
				{Date: date("2016-08-01"), Ring: "hold", Decision: 5, Note: "lost messages: three ways, {all} of them; see #5"}},
			Roadmap: []Plan{{Horizon: "later", Ring: "assess", Note: "revisit"}}, Body: []byte("Why.\n\nMore.\n"),
			Packages: []string{"pkg:maven/org.apache.kafka/*", "pkg:npm/@confluentinc/kafka-javascript", "pkg:npm/kafkajs"}},
		{ID: "c-sharp", Title: "C#", Quadrant: "languages-and-frameworks", Ring: "adopt", License: "MIT OR Apache-2.0", Tags: []string{"yes", "1.0", "c#"}},
		{ID: "odd", Title: `"quoted" title: with colon # and hash`, Quadrant: "tools", Ring: "trial", Owner: "no", Body: []byte("x")},
		{ID: "unicode", Title: "Données & façades — 数据", Quadrant: "tools", Ring: "assess",
			History: []Move{{Date: date("2020-01-01"), Ring: "assess", Note: "line one\nline two"}}},
	} {
		src := Format(b)
		got, err := Parse("radar/"+b.ID+".md", src, cfg)
		if err != nil {
			t.Fatalf("%s: %v\n%s", b.ID, err, src)
		}
		if !bytes.Equal(Format(got), src) {
			t.Errorf("%s: formatting the parsed blip gives different text:\n%s\nthen\n%s", b.ID, src, Format(got))
		}
		if got.Title != b.Title || got.License != b.License || got.Owner != b.Owner || got.Summary != b.Summary || !reflect.DeepEqual(got.History, b.History) ||
			!reflect.DeepEqual(got.Roadmap, b.Roadmap) || !reflect.DeepEqual(got.Packages, b.Packages) || strings.Join(got.Tags, "|") != strings.Join(b.Tags, "|") {
			t.Errorf("%s: round trip changed the blip:\n%s", b.ID, src)
		}
	}
}

func FuzzFormat(f *testing.F) {
	f.Add("Apache Kafka", "lost messages", "messaging")
	f.Add(`a: "b" # c`, "{x}, [y]", "yes")
	f.Fuzz(func(t *testing.T, title, note, tag string) {
		if strings.TrimSpace(title) != title || title == "" || strings.ContainsAny(title+note+tag, "\x00\r\ufeff") || strings.TrimSpace(tag) != tag || tag == "" ||
			strings.Contains(tag, ",") || (strings.HasPrefix(tag, "{") && strings.HasSuffix(tag, "}")) ||
			(strings.HasPrefix(title, "{") && strings.HasSuffix(title, "}")) || !utf8.ValidString(title) || !utf8.ValidString(note) || !utf8.ValidString(tag) {
			t.Skip()
		}
		b := &Blip{ID: "x", Title: title, Summary: title, Quadrant: "tools", Ring: "trial", Tags: []string{tag},
			History: []Move{{Date: date("2020-01-01"), Ring: "trial", Note: note}}}
		got, err := Parse("radar/x.md", Format(b), DefaultSettings())
		if err != nil {
			t.Fatalf("%v\n%s", err, Format(b))
		}
		if got.Title != title || got.Summary != title || got.History[0].Note != note || len(got.Tags) != 1 || got.Tags[0] != tag {
			t.Fatalf("round trip: %q %q %q became %q %q %q", title, note, tag, got.Title, got.History[0].Note, got.Tags)
		}
	})
}

func validUTF8(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s && !strings.Contains(s, "\uFFFD")
}

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{
		"Apache Kafka": "apache-kafka", "C#": "c-sharp", "C++": "c-plus-plus", ".NET Core": "dotnet-core",
		"Vue.js": "vue-js", "  Go  ": "go", "Données": "données", "A & B": "a-and-b", "!!!": "",
	} {
		if got := Slug(name); got != want {
			t.Errorf("Slug(%q) = %q, want %q", name, got, want)
		}
	}
}
