package usage

import (
	"fmt"
	"slices"
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
