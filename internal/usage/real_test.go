package usage

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
)

// TestReadReal reads each file of testdata/real, shaped as one generator
// writes it (see its README), and checks what it yields: components with
// package, version, licence and line, and the warnings, by what they say.
func TestReadReal(t *testing.T) {
	tests := []struct {
		file, format, date string
		want               []string
		warnings           []string // a part of each warning's message, in order
	}{
		{"trivy-image.cdx.json", "cyclonedx", "2026-04-20", []string{
			"pkg:apk/alpine/busybox@1.36.1-r29 GPL-2.0-only :34",
			"pkg:apk/alpine/ca-certificates-bundle@20240705-r0 MPL-2.0 AND MIT :48",
			"pkg:apk/alpine/musl-utils@1.2.5-r0 MIT AND LicenseRef-BSD AND LicenseRef-GPL2- :60",
			"pkg:maven/org.apache.kafka/kafka-clients@3.7.1 LicenseRef-The-Apache-Software-License--Version-2.0 :71",
			"pkg:maven/com.acme/ledger-core@2.4.0 :83",
		}, nil},
		{"trivy-fs-1.3.cdx.json", "cyclonedx", "2023-03-02", []string{
			"pkg:npm/express@4.18.2 MIT :29",
			"pkg:npm/@acme/ui-kit@7.2.0 MIT :40",
			"pkg:npm/left-shift@1.0.3 Apache-2.0 :50",
		}, nil},
		{"syft.cdx.json", "cyclonedx", "2026-05-11", []string{
			"pkg:golang/github.com/segmentio/kafka-go@v0.4.47 :27",
			"pkg:golang/golang.org/x/text@v0.21.0 BSD-3-Clause :43",
			"pkg:deb/debian/libssl3@3.0.15-1~deb12u1 Apache-2.0 AND LicenseRef-Artistic AND GPL-1.0-only :56",
			"pkg:pypi/acme-rates@1.4.2 MIT OR Apache-2.0 :66",
		}, nil},
		{"syft.spdx.json", "spdx", "2026-05-11", []string{
			"pkg:npm/kafkajs@2.2.4 MIT :37",
			"pkg:npm/@acme/ledger-client@5.0.1 LicenseRef-Acme-Proprietary :55",
			"pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1 Zlib :73",
		}, nil},
		{"cdxgen.cdx.json", "cyclonedx", "2026-01-08", []string{
			"pkg:maven/org.apache.kafka/kafka-streams@3.7.0 Apache-2.0 :54",
			"pkg:npm/lodash@4.17.21 MIT :68",
			"pkg:npm/@acme/shipping-ui@0.3.1 MIT AND Apache-2.0 :81",
			"pkg:npm/fulfilment-web@latest :90",
			"pkg:npm/left-pad-ng@2.0.0 (MIT OR CC0-1.0) :100",
			"pkg:npm/pretty-money@>=6.9.2 <7.0.0 :108",
		}, []string{`components[4] lists lodash again, with the bom-ref "pkg:npm/lodash@4.17.21" of components[1]; read once`}},
		{"cyclonedx-maven.cdx.json", "cyclonedx", "2026-04-02", []string{
			"pkg:maven/org.springframework/spring-core@6.1.6 Apache-2.0 :51",
			"pkg:maven/org.postgresql/postgresql@42.7.3 BSD-2-Clause :69",
			"pkg:maven/javax.activation/activation@1.1.1 LicenseRef-COMMON-DEVELOPMENT-AND-DISTRIBUTION-LICENSE--CDDL--Version-1.0 :83",
			"pkg:maven/com.acme.payments/settlement-model@3.0.0-SNAPSHOT :91",
		}, nil},
		{"cyclonedx-npm.cdx.json", "cyclonedx", "2026-06-01", []string{
			"pkg:npm/react-dom@18.3.1 MIT :48",
			"pkg:npm/scheduler@0.23.2 MIT :61",
			"pkg:npm/scheduler@0.23.0 MIT :77",
			"pkg:npm/@acme/jest-circus@29.7.0 MIT :88",
			"pkg:npm/legacy-widget@1.0.0 LicenseRef-SEE-LICENSE-IN-LICENSE.md :102",
		}, nil},
		{"cyclonedx-gomod.cdx.json", "cyclonedx", "2025-11-03", []string{
			"pkg:golang/github.com/segmentio/kafka-go@v0.4.47 MIT :41",
			"pkg:golang/github.com/acme/retry@v1.2.0 :51",
			"pkg:golang/std@go1.23.3 :70",
		}, nil},
		{"github-graph.spdx.json", "spdx", "2026-03-30", []string{
			"pkg:npm/react@18.3.1 MIT :28",
			"pkg:npm/@acme/checkout-widgets@^3.2.0 :43",
			"pkg:maven/org.apache.kafka/kafka-clients@3.6.0 Apache-2.0 :59",
			"pkg:githubactions/actions/checkout@4.*.* :75",
		}, nil},
		{"github-api.spdx.json", "spdx", "2026-03-30", []string{
			"pkg:npm/react@18.3.1 MIT :1",
			"pkg:npm/@acme/checkout-widgets@^3.2.0 :1",
			"pkg:maven/org.apache.kafka/kafka-clients@3.6.0 Apache-2.0 :1",
			"pkg:githubactions/actions/checkout@4.*.* :1",
		}, []string{`wrapped in GitHub's API answer`}},
		{"sbom-tool.spdx.json", "spdx", "2026-02-17", []string{
			"pkg:nuget/Newtonsoft.Json@13.0.3 :30",
			"pkg:nuget/Confluent.Kafka@2.3.0 :49",
		}, nil},
		{"npm-v1/package-lock.json", "npm", "", []string{
			"pkg:npm/@acme/forms@3.1.0 :7",
			"pkg:npm/debounce-it@1.0.2 :15",
			"pkg:npm/debounce-it@2.1.0 :22",
			"pkg:npm/fsevents-lite@2.3.3 :45",
			"pkg:npm/kafkajs@2.2.4 :27",
			"pkg:npm/uuid-compat@3.4.0 :51",
			"pkg:npm/tiny-fetch@ :41",
		}, nil},
		{"npm-workspaces/package-lock.json", "npm", "", []string{
			"pkg:npm/@angular/core@17.3.12 MIT :22",
			"pkg:npm/zone-lite@0.14.4 MIT :113",
			"pkg:npm/fs-watch-native@2.3.3 MIT :38",
			"pkg:npm/left-pad@1.3.0 WTFPL :49",
			"pkg:npm/rxjs@7.8.1 Apache-2.0 :56",
			"pkg:npm/sharp-lite@0.33.5 Apache-2.0 :63",
			"pkg:npm/tslib@2.6.3 0BSD :70",
			"pkg:npm/xml-old@0.4.2 MIT :86",
			"pkg:npm/tslib@1.14.1 0BSD :102",
		}, nil},
		{"gomod-directives/go.mod", "gomod", "", []string{
			"pkg:golang/github.com/segmentio/kafka-go@v0.4.47 :14",
			"pkg:golang/github.com/acme/retry@v1.2.1-acme.1 :15",
			"pkg:golang/golang.org/x/sync@v0.11.0 :16",
			"pkg:golang/github.com/acme/internal-auth@ :17",
			"pkg:golang/github.com/klauspost/compress@v1.17.11 :21",
			"pkg:golang/github.com/pierrec/lz4/v4@v4.1.21 :22",
			"pkg:golang/golang.org/x/tools@v0.28.0 :23",
		}, nil},
		{"maven-bom/pom.xml", "maven", "", []string{
			"pkg:maven/org.springframework.boot/spring-boot-starter-web@ :42",
			"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.2 :46",
			"pkg:maven/org.apache.kafka/kafka-streams@3.7.1 :50",
			"pkg:maven/com.acme/claims-model@4.1.0 :55",
			"pkg:maven/org.projectlombok/lombok@ :60",
		}, nil},
	}
	listed := map[string]bool{}
	for _, tt := range tests {
		listed[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.ToSlash(filepath.Join("testdata", "real", tt.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b, warnings, err := Read(path, "acme", "p", data)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if b.Format != tt.format || b.Date.String() != tt.date {
				t.Errorf("format %q, date %q; want %q, %q", b.Format, b.Date, tt.format, tt.date)
			}
			var got []string
			for _, c := range b.Components {
				got = append(got, short(c))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("components\n got %q\nwant %q", got, tt.want)
			}
			if len(warnings) != len(tt.warnings) {
				t.Fatalf("warnings %v, want %d", warnings, len(tt.warnings))
			}
			for i, w := range warnings {
				if !strings.Contains(w.Message, tt.warnings[i]) || w.File != path || w.Fix == "" {
					t.Errorf("warning %v, want one about %s with %q and a fix", w, path, tt.warnings[i])
				}
			}
		})
	}
	// Every fixture is in the table: a new one cannot go untested.
	filepath.WalkDir(filepath.Join("testdata", "real"), func(p string, d os.DirEntry, err error) error {
		if rel, _ := filepath.Rel(filepath.Join("testdata", "real"), p); err == nil && !d.IsDir() && rel != "README.md" && !listed[filepath.ToSlash(rel)] {
			t.Errorf("testdata/real/%s is not in the table", filepath.ToSlash(rel))
		}
		return nil
	})
}

// TestJudgeReal judges real shapes' licences: an SPDX id given as a name
// is that id; a free-text name is unknown, with a note saying how to
// settle it; NOASSERTION is no licence stated; a version 1 lockfile,
// which states none, gets no licence finding.
func TestJudgeReal(t *testing.T) {
	g := &Guide{Policy: radar.NewPolicy(radar.Licenses{Allowed: []string{"MIT", "Apache-2.0", "BSD-2-Clause", "0BSD", "MPL-2.0"}, Denied: []string{"GPL-2.0-only"}})}
	tests := []struct {
		file string
		want []string
	}{
		{"trivy-image.cdx.json", []string{
			"denied pkg:apk/alpine/busybox denied",
			"review pkg:apk/alpine/musl-utils unknown (names a licence SPDX has no id for; once reviewed, list its LicenseRef- in the licence policy)",
			"review pkg:maven/org.apache.kafka/kafka-clients unknown (names a licence SPDX has no id for; once reviewed, list its LicenseRef- in the licence policy)",
			"review pkg:maven/com.acme/ledger-core unknown (no licence stated)",
		}},
		{"cyclonedx-maven.cdx.json", []string{
			"review pkg:maven/javax.activation/activation unknown (names a licence SPDX has no id for; once reviewed, list its LicenseRef- in the licence policy)",
			"review pkg:maven/com.acme.payments/settlement-model unknown (no licence stated)",
		}},
		{"sbom-tool.spdx.json", []string{
			"review pkg:nuget/Newtonsoft.Json unknown (no licence stated)",
			"review pkg:nuget/Confluent.Kafka unknown (no licence stated)",
		}},
		{"npm-v1/package-lock.json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.ToSlash(filepath.Join("testdata", "real", tt.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b, _, err := Read(path, "acme", "p", data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range g.Judge([]*BOM{b}, false).Findings {
				if f.Kind != Denied && f.Kind != Review {
					continue
				}
				s := fmt.Sprintf("%s %s %s", f.Kind, f.Component.Package, f.Verdict)
				if f.Note != "" {
					s += " (" + f.Note + ")"
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("licence findings\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
