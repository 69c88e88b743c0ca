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
		`usage/stray.cdx.json: warning: not read: a usage file belongs to a team and a project; put it at usage/<team>/<project>.cdx.json or .spdx.json, or usage/<team>/<project>/go.mod, package-lock.json, pom.xml, bom.json or sbom.json`,
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

// TestUsageNames loads a usage folder as CI fills it: SBOMs under the
// names generators give them are read, each as its team's project; files
// usage does not read get a warning with the fix unless a file beside
// them says the same; a file with no component is read, with a warning.
func TestUsageNames(t *testing.T) {
	s, err := Load(Options{Site: sitetest.Txtar(t, "testdata/usage-names.txtar"), Today: meta.Date{Year: 2026, Month: 6, Day: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, b := range s.Usage.Report.BOMs {
		read = append(read, b.ProjectName()+" "+b.Format+" "+b.Source)
	}
	slices.Sort(read)
	wantRead := []string{
		"payments/claims spdx usage/payments/claims/_manifest/spdx_2.2/manifest.spdx.json",
		"payments/gateway spdx usage/payments/gateway/sbom.json",
		"payments/ledger cyclonedx usage/payments/ledger/target/bom.json",
		"web/empty cyclonedx usage/web/empty.cdx.json",
		"web/shop cyclonedx usage/web/shop.cyclonedx.json",
	}
	if !slices.Equal(read, wantRead) {
		t.Errorf("read:\n%s\nwant:\n%s", join(read), join(wantRead))
	}
	var got []string
	for _, p := range s.Problems.Sorted() {
		got = append(got, p.Error())
	}
	want := []string{
		`usage/web/admin/bom.xml: warning: not read: CycloneDX XML; usage reads CycloneDX JSON; write JSON instead (cyclonedx-maven-plugin <outputFormat>json</outputFormat>, cyclonedx-gradle-plugin json, syft -o cyclonedx-json, cyclonedx-gomod -json)`,
		`usage/web/admin/package.json: warning: not read: package.json gives version ranges, not what is installed; put the package-lock.json that npm install writes beside it`,
		`usage/web/admin/sbom.spdx: warning: not read: SPDX in tag-value, YAML or RDF; usage reads SPDX JSON; write SPDX JSON instead (syft -o spdx-json, trivy --format spdx-json), named <project>.spdx.json`,
		`usage/web/bom.json: warning: not read: a usage file belongs to a team and a project; put it at usage/<team>/<project>.cdx.json or .spdx.json, or usage/<team>/<project>/go.mod, package-lock.json, pom.xml, bom.json or sbom.json`,
		`usage/web/empty.cdx.json:1: warning: no components: the SBOM lists no component besides the project itself, so the project seems to use nothing; generate it from the built project with its dependencies resolved, not from an empty folder`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", join(got), join(want))
	}
}
