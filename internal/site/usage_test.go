package site

import (
	"slices"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestUsage loads a site with usage files and checks every problem the
// usage checks report, and that a broken SBOM does not stop the build.
func TestUsage(t *testing.T) {
	s, err := Load(Options{Site: sitetest.Txtar(t, "testdata/usage.txtar"), Today: meta.Date{Year: 2026, Month: 6, Day: 1}})
	if err != nil {
		t.Fatalf("a broken SBOM must not fail the load: %v", err)
	}
	var got []string
	for _, p := range s.Problems.Sorted() {
		got = append(got, p.Error())
	}
	want := []string{
		`decisions/0016-reporting-keeps-kafka.md:5: policy: the exception for reporting expired on 2026-01-31; end the use, or grant a new exception in a new decision`,
		`decisions/0016-reporting-keeps-kafka.md:6: warning: exception for blip "no-such-blip", which does not exist; use the blip's file name without .md`,
		`decisions/0016-reporting-keeps-kafka.md:6: warning: exception for team "nobody", which has no usage files; name a team folder under usage/`,
		`radar/postgresql.md:9: warning: packages: pkg:golang/github.com/jackc/pgx/* matches no package any team uses; check the pattern against a team's SBOM, or remove it`,
		`radar/postgresql.md:9: warning: packages: pkg:npm/pg matches no package any team uses; check the pattern against a team's SBOM, or remove it`,
		`radar/react.md:9: warning: packages: pkg:npm/react-dom matches no package any team uses; check the pattern against a team's SBOM, or remove it`,
		`usage/reporting/ledger/pom.xml:3: warning: reporting/ledger uses Apache Kafka, on hold (ADR-0005): org.apache.kafka:kafka-streams 3.7.0; the exception of ADR-0016 expired on 2026-01-31; plan the way out, or grant a time-limited exception in a decision: exceptions: [{team: reporting, blips: [kafka], until: YYYY-MM-DD}]`,
		`usage/stray.cdx.json: warning: not read: a usage file belongs to a team and a project; put it at usage/<team>/<project>.cdx.json, .spdx.json, or usage/<team>/<project>/go.mod, package-lock.json or pom.xml`,
		`usage/web/broken.cdx.json:5: policy: skipped: components[0].version: a JSON number where a string belongs; write components[0].version as the format's schema says; until then the file is left out`,
		`usage/web/shop.spdx.json:1: warning: SBOM made on 2025-02-01, more than 10 months before 2026-06-01; have the team's CI publish a fresh SBOM`,
		`usage/web/shop.spdx.json:12: policy: web/shop ships pdf-kit-agpl 2.1.0 under AGPL-3.0-only, which the licence policy denies; replace it, or grant a time-limited exception in a decision: exceptions: [{team: web, licenses: [AGPL-3.0-only], until: YYYY-MM-DD}]`,
		`usage/web/shop.spdx.json:14: warning: web/shop uses Apache Kafka, on hold (ADR-0005): kafkajs 2.2.4; plan the way out, or grant a time-limited exception in a decision: exceptions: [{team: web, blips: [kafka], until: YYYY-MM-DD}]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", join(got), join(want))
	}
	if got, want := s.Usage.Teams, []string{"payments", "reporting", "web"}; !slices.Equal(got, want) {
		t.Errorf("teams %q, want %q", got, want)
	}
	if n := len(s.Usage.Report.BOMs); n != 3 {
		t.Errorf("%d BOMs, want 3 (the broken one skipped)", n)
	}
}

func join(lines []string) string {
	out := ""
	for _, l := range lines {
		out += "  " + l + "\n"
	}
	return out
}
