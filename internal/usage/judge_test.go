package usage

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

func testGuide() *Guide {
	s := radar.DefaultSettings()
	kafka := &radar.Blip{ID: "kafka", Title: "Apache Kafka", Ring: "hold", Packages: []string{"pkg:maven/org.apache.kafka/*", "pkg:npm/kafkajs"}}
	pg := &radar.Blip{ID: "postgresql", Title: "PostgreSQL", Ring: "adopt", Packages: []string{"pkg:maven/org.postgresql/postgresql", "pkg:npm/pg"}}
	unused := &radar.Blip{ID: "zeromq", Title: "ZeroMQ", Ring: "hold", Packages: []string{"pkg:npm/zeromq"}}
	return &Guide{
		Blips: []*radar.Blip{kafka, pg, unused}, Rings: s.Rings, Hold: "hold", Policy: radar.NewPolicy(s.Licenses),
		Decisions: map[string]Decision{"kafka": {Number: 5, Label: "ADR-0005", Title: "Prototype first", URL: "decisions/0005-x/"}},
		Exceptions: []Exception{
			{Team: "payments", Blips: []string{"kafka"}, Until: meta.Date{Year: 2027, Month: 3, Day: 31}, Decision: Decision{Number: 15}},
			{Team: "reporting", Blips: []string{"kafka"}, Until: meta.Date{Year: 2026, Month: 1, Day: 31}, Decision: Decision{Number: 16}},
			{Team: "reporting", Licenses: []string{"agpl-3.0-only"}, Until: meta.Date{Year: 2027, Month: 1, Day: 1}, Decision: Decision{Number: 17}},
		},
		Today:  meta.Date{Year: 2026, Month: 6, Day: 1},
		Review: 10,
	}
}

func comp(purl, licence string) Component {
	var c Component
	if err := fromPURL(nil, &c, purl); err != nil {
		panic(err)
	}
	c.License = licence
	return c
}

func TestJudge(t *testing.T) {
	g := testGuide()
	d := func(y, m int) meta.Date { return meta.Date{Year: y, Month: 1, Day: 1}.AddMonths(m - 1) }
	boms := []*BOM{
		{Team: "payments", Project: "checkout", Date: d(2026, 5), Components: []Component{
			comp("pkg:maven/org.apache.kafka/kafka-clients@3.7.0", "Apache-2.0"),
			comp("pkg:npm/pg@8.11.0", "MIT"),
			comp("pkg:npm/left-pad@1.3.0", ""),
		}},
		{Team: "reporting", Project: "dashboards", Date: d(2025, 1), Components: []Component{
			comp("pkg:npm/kafkajs@2.2.4", "MIT"),
			comp("pkg:generic/ghostscript@10", "AGPL-3.0-only"),
			comp("pkg:npm/left-pad@1.3.0", "WTFPL"),
			comp("pkg:npm/weird@1", "MIT OR OR"),
		}},
		{Team: "web", Project: "shop", Components: []Component{
			comp("pkg:npm/kafkajs@2.2.4", "MIT"),
			comp("pkg:maven/org.springframework/spring-core@6.1.0", "Apache-2.0"),
			comp("pkg:maven/org.springframework/spring-web@6.1.0", "Apache-2.0"),
			comp("pkg:npm/evil@1", "SSPL-1.0"),
		}},
		{Team: "web", Project: "admin", Components: []Component{
			comp("pkg:maven/org.springframework/spring-context@6.1.0", "Apache-2.0"),
			comp("pkg:npm/left-pad@1.3.0", "MIT"),
		}},
	}
	r := g.Judge(boms, false)
	var got []string
	for _, f := range r.Findings {
		s := fmt.Sprintf("%s %s %s %s", f.Kind, f.BOM.ProjectName(), f.Component.Package, f.Verdict)
		if f.Blip != nil {
			s += " blip=" + f.Blip.ID
		}
		if f.Decision != nil {
			s += " " + f.Decision.Label
		}
		if f.Note != "" {
			s += " (" + f.Note + ")"
		}
		if f.Exception != nil {
			s += fmt.Sprintf(" excepted-by=%d expired=%v", f.Exception.Decision.Number, f.Expired)
		}
		got = append(got, s)
	}
	want := []string{
		"hold payments/checkout pkg:maven/org.apache.kafka/kafka-clients  blip=kafka ADR-0005 excepted-by=15 expired=false",
		"review payments/checkout pkg:npm/left-pad unknown (no licence stated)",
		"hold reporting/dashboards pkg:npm/kafkajs  blip=kafka ADR-0005 excepted-by=16 expired=true",
		"denied reporting/dashboards pkg:generic/ghostscript denied excepted-by=17 expired=false",
		"review reporting/dashboards pkg:npm/left-pad unknown (not in the licence policy)",
		"review reporting/dashboards pkg:npm/weird unknown (not an SPDX licence expression)",
		"hold web/shop pkg:npm/kafkajs  blip=kafka ADR-0005",
		"denied web/shop pkg:npm/evil denied",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	if len(r.Uses) != 4 {
		t.Errorf("%d uses, want 4 (kafka ×3, pg)", len(r.Uses))
	}
	if !r.Claimed["kafka pkg:npm/kafkajs"] || !r.Claimed["kafka pkg:maven/org.apache.kafka/*"] || r.Claimed["zeromq pkg:npm/zeromq"] {
		t.Errorf("claimed patterns %v", r.Claimed)
	}
	if len(r.Stale) != 1 || r.Stale[0].Project != "dashboards" {
		t.Errorf("stale %v, want reporting/dashboards (undated SBOMs are not judged)", r.Stale)
	}
	var cands []string
	for _, c := range r.Candidates(2) {
		cands = append(cands, fmt.Sprintf("%s %v %d", c.Pattern, c.Projects, len(c.Packages)))
	}
	wantCands := []string{
		"pkg:npm/left-pad [payments/checkout reporting/dashboards web/admin] 1",
		"pkg:maven/org.springframework/* [web/admin web/shop] 3",
	}
	if !slices.Equal(cands, wantCands) {
		t.Errorf("candidates\n got %q\nwant %q", cands, wantCands)
	}
	if n := len(g.Judge(boms, true).Findings) - len(r.Findings); n != 9 {
		t.Errorf("%d unknown findings, want 9", n)
	}
}

// summary writes down everything a report says, for comparing two.
func summary(r *Report) []string {
	var out []string
	for _, f := range r.Findings {
		s := fmt.Sprintf("finding %s %s %s %s %s", f.Kind, f.BOM.ProjectName(), f.Component.Package, f.Component.Version, f.Verdict)
		if f.Blip != nil {
			s += " blip=" + f.Blip.ID + "/" + f.Blip.Ring
		}
		if f.Decision != nil {
			s += " " + f.Decision.Label + " " + f.Decision.Title
		}
		if f.Exception != nil {
			s += fmt.Sprintf(" excepted-by=%d expired=%v", f.Exception.Decision.Number, f.Expired)
		}
		out = append(out, s)
	}
	for _, u := range r.Uses {
		out = append(out, fmt.Sprintf("use %s %s %d", u.BOM.ProjectName(), u.Component.Package, len(u.Blips)))
	}
	for _, k := range slices.Sorted(maps.Keys(r.Claimed)) {
		out = append(out, "claimed "+k)
	}
	for _, b := range r.Stale {
		out = append(out, "stale "+b.ProjectName())
	}
	for _, c := range r.Candidates(1) {
		out = append(out, fmt.Sprintf("candidate %s %v %v", c.Pattern, c.Projects, c.Packages))
	}
	return out
}

// teamBOMs lists the BOMs of one team.
func teamBOMs(boms []*BOM, team string) []*BOM {
	var out []*BOM
	for _, b := range boms {
		if b.Team == team {
			out = append(out, b)
		}
	}
	return out
}

// TestJudgeAgain judges a set of BOMs, changes one BOM or the guidance,
// and checks that judging again from the first report says what judging
// afresh says, taking the unchanged BOMs' judgement only while the
// guidance is the same.
func TestJudgeAgain(t *testing.T) {
	boms := func() []*BOM {
		return []*BOM{
			{Team: "payments", Project: "checkout", Components: []Component{
				comp("pkg:npm/kafkajs@2.2.4", "MIT"), comp("pkg:npm/left-pad@1.3.0", "AGPL-3.0-only")}},
			{Team: "reporting", Project: "dashboards", Date: meta.Date{Year: 2025, Month: 9, Day: 1}, Components: []Component{
				comp("pkg:maven/org.apache.kafka/kafka-clients@3.7.0", "Apache-2.0"), comp("pkg:npm/left-pad@1.3.0", "WTFPL")}},
		}
	}
	tests := []struct {
		name   string
		change func(g *Guide, boms []*BOM)
		same   bool // the guidance is the same: the unchanged BOM's judgement is taken
		cands  bool // and no project's unclaimed packages changed: the candidates are taken
	}{
		{"one BOM edited", func(_ *Guide, boms []*BOM) {
			b := *boms[0]
			b.Components = []Component{comp("pkg:npm/kafkajs@2.3.0", "MIT"), comp("pkg:npm/right-pad@1", "MIT")}
			boms[0] = &b
		}, true, false},
		{"versions and a licence edited", func(_ *Guide, boms []*BOM) {
			b := *boms[0]
			b.Components = []Component{comp("pkg:npm/kafkajs@2.3.0", "MIT"), comp("pkg:npm/left-pad@1.3.1", "MIT")}
			boms[0] = &b
		}, true, true},
		// Payments gains a BOM, reporting loses its only one (the same
		// flag is false here: that BOM's judgement is gone with it).
		{"a BOM moved to another team", func(_ *Guide, boms []*BOM) {
			boms[1] = &BOM{Team: "payments", Project: "refunds", Components: boms[1].Components}
		}, false, false},
		{"a BOM gone", func(_ *Guide, boms []*BOM) { boms[0] = &BOM{Team: "payments", Project: "checkout"} }, true, false},
		{"a day later, an exception expired", func(g *Guide, _ []*BOM) { g.Today = meta.Date{Year: 2027, Month: 4, Day: 1} }, false, false},
		{"exception granted", func(g *Guide, _ []*BOM) {
			g.Exceptions = append(g.Exceptions, Exception{Team: "payments", Licenses: []string{"AGPL-3.0-only"},
				Until: meta.Date{Year: 2030, Month: 1, Day: 1}, Decision: Decision{Number: 20}})
		}, false, false},
		{"decision retitled", func(g *Guide, _ []*BOM) {
			g.Decisions = map[string]Decision{"kafka": {Number: 5, Label: "ADR-0005", Title: "Prototype, then choose", URL: "decisions/0005-x/"}}
		}, false, false},
		{"blip moved out of hold", func(g *Guide, _ []*BOM) {
			k := *g.Blips[0]
			k.Ring = "assess"
			g.Blips = slices.Clone(g.Blips)
			g.Blips[0] = &k
		}, false, false},
		{"licence policy", func(g *Guide, _ []*BOM) {
			s := radar.DefaultSettings()
			s.Licenses.Allowed = append(s.Licenses.Allowed, "AGPL-3.0-only")
			s.Licenses.Denied = slices.DeleteFunc(slices.Clone(s.Licenses.Denied), func(l string) bool { return l == "AGPL-3.0-only" })
			g.Policy = radar.NewPolicy(s.Licenses)
		}, false, false},
		{"hold ring", func(g *Guide, _ []*BOM) { g.Hold = "assess" }, false, false},
		{"review period", func(g *Guide, _ []*BOM) { g.Review = 3 }, true, true}, // ages are judged when merging
	}
	for _, tt := range tests {
		for _, unknown := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, unknown=%v", tt.name, unknown), func(t *testing.T) {
				first := boms()
				prev := testGuide().Judge(first, unknown)
				g, again := testGuide(), slices.Clone(first)
				g.Blips, g.Policy = prev.guide.Blips, prev.guide.Policy // the very same, as a load that reuses them gives
				tt.change(g, again)
				keptBOM, keptCands := prev.KeepForBOM(first[1], "x", func() any { return new(int) }), prev.KeepForCandidates(1, "x", func() any { return new(int) })
				keptTeams := map[string]any{}
				for _, b := range first {
					keptTeams[b.Team] = prev.KeepForTeam(b.Team, "x", func() any { return new(int) })
				}
				got := g.JudgeAgain(prev, again, unknown)
				if want := g.Judge(again, unknown); !slices.Equal(summary(got), summary(want)) {
					t.Errorf("judged again:\n%s\njudged afresh:\n%s", strings.Join(summary(got), "\n"), strings.Join(summary(want), "\n"))
				}
				if taken := got.parts[first[1]] == prev.parts[first[1]]; taken != tt.same {
					t.Errorf("the unchanged BOM's judgement taken: %v, want %v", taken, tt.same)
				}
				if taken := got.KeepForBOM(first[1], "x", func() any { return new(int) }) == keptBOM; taken != tt.same {
					t.Errorf("what was kept for the unchanged BOM taken: %v, want %v", taken, tt.same)
				}
				if taken := got.KeepForCandidates(1, "x", func() any { return new(int) }) == keptCands; taken != tt.cands {
					t.Errorf("what was kept for the candidates taken: %v, want %v", taken, tt.cands)
				}
				for _, b := range first {
					sameGuide := got.packages == prev.packages // shared only under the same guidance
					want := sameGuide && slices.Equal(teamBOMs(first, b.Team), teamBOMs(again, b.Team))
					if taken := got.KeepForTeam(b.Team, "x", func() any { return new(int) }) == keptTeams[b.Team]; taken != want {
						t.Errorf("what was kept for team %s taken: %v, want %v", b.Team, taken, want)
					}
				}
			})
		}
	}
	g := testGuide()
	prev := g.Judge(boms(), false)
	if r := g.JudgeAgain(prev, prev.BOMs, true); r.parts[prev.BOMs[0]] == prev.parts[prev.BOMs[0]] {
		t.Error("a judgement without unknown findings was taken for one with them")
	}
}
