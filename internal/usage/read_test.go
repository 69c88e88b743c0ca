package usage

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"unsafe"

	"github.com/waymark-dev/waymark/internal/diag"
)

func readFixture(t *testing.T, rel string) (*BOM, []*diag.Problem) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "valid", rel))
	if err != nil {
		t.Fatal(err)
	}
	b, warnings, err := Read("usage/acme/"+rel, "acme", "p", data)
	if err != nil {
		t.Fatalf("Read(%s): %v", rel, err)
	}
	return b, warnings
}

// short is a component as the tests write it: package@version licence :line.
func short(c Component) string {
	s := c.Package + "@" + c.Version
	if c.Package == "" {
		s = c.Name + "@" + c.Version
	}
	if c.License != "" {
		s += " " + c.License
	}
	if c.Line > 0 {
		s += " :" + strconv.Itoa(c.Line)
	}
	return s
}

func TestReadValid(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		date     string
		want     []string
		warnings int
	}{
		{"orders.cdx.json", "cyclonedx", "2026-10-02", []string{
			"pkg:maven/org.apache.kafka/kafka-clients@3.7.0 Apache-2.0 :16",
			"pkg:npm/@angular/core@17.3.1 MIT OR Apache-2.0 :25",
			"pkg:npm/tslib@2.6.2 0BSD AND LicenseRef-Acme-Internal :33",
			"vendored-thing@1",
		}, 0},
		{"billing.spdx.json", "spdx", "2026-09-15", []string{
			"pkg:npm/kafkajs@2.2.4 MIT :17",
			"pkg:generic/ghostscript@10.0 AGPL-3.0-only :26",
		}, 0},
		{"gateway/go.mod", "gomod", "", []string{
			"pkg:golang/github.com/segmentio/kafka-go@v0.4.47 :6",
			"pkg:golang/golang.org/x/text@v0.14.0 :7",
		}, 0},
		{"web/package-lock.json", "npm", "", []string{
			"pkg:npm/@angular/core@17.3.1 MIT :8",
			"pkg:npm/kafkajs@2.2.4 MIT :9",
			"pkg:npm/long@5.2.3 Apache-2.0 :11",
		}, 0},
		{"ledger/pom.xml", "maven", "", []string{
			"pkg:maven/org.apache.kafka/kafka-clients@3.7.0 :11",
			"pkg:maven/com.acme/ledger-api@2.1.0 :16",
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, warnings := readFixture(t, tt.file)
			if got := b.Format; got != tt.format {
				t.Errorf("format %q, want %q", got, tt.format)
			}
			if got := b.Date.String(); got != tt.date {
				t.Errorf("date %q, want %q", got, tt.date)
			}
			var got []string
			for _, c := range b.Components {
				got = append(got, short(c))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("components\n got %q\nwant %q", got, tt.want)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings %v, want %d", warnings, tt.warnings)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		rel, team, project, format string
	}{
		{"payments/checkout.cdx.json", "payments", "checkout", "cyclonedx"},
		{"payments/checkout.spdx.json", "payments", "checkout", "spdx"},
		{"payments/gateway/go.mod", "payments", "gateway", "gomod"},
		{"payments/web/package-lock.json", "payments", "web", "npm"},
		{"payments/ledger/pom.xml", "payments", "ledger", "maven"},
		{"payments/README.md", "", "", ""},
		{"checkout.cdx.json", "", "", ""},
		{"payments/.cdx.json", "", "", ""},
		{"payments/go.mod", "", "", ""},
		{"payments/checkout.cyclonedx.json", "payments", "checkout", "cyclonedx"},
		{"payments/ledger/bom.json", "payments", "ledger", ""},
		{"payments/ledger/sbom.json", "payments", "ledger", ""},
		{"payments/ledger/sbom.cdx.json", "payments", "ledger", "cyclonedx"},
		{"payments/ledger/image.spdx.json", "payments", "ledger", "spdx"},
		{"payments/ledger/target/bom.json", "payments", "ledger", ""},
		{"payments/ledger/_manifest/spdx_2.2/manifest.spdx.json", "payments", "ledger", "spdx"},
		{"payments/ledger/module/go.mod", "payments", "ledger", "gomod"},
		{"payments/ledger/package.json", "", "", ""},
		{"payments/ledger/bom.xml", "", "", ""},
		{"payments/checkout.json", "", "", ""},
		{"payments/bom.json", "", "", ""},
		{"payments//go.mod", "", "", ""},
	}
	for _, tt := range tests {
		team, project, f, ok := Locate(tt.rel)
		name := ""
		if f != nil {
			name = f.Name()
		}
		if ok != (tt.team != "") || team != tt.team || project != tt.project || name != tt.format {
			t.Errorf("Locate(%q) = %q, %q, %q; want %q, %q, %q", tt.rel, team, project, name, tt.team, tt.project, tt.format)
		}
	}
}

// TestComponentLines checks the line each CycloneDX component gets: that
// of its own purl, in the order generators write and out of it.
func TestComponentLines(t *testing.T) {
	tests := []struct {
		name, components string
		want             []string
	}{
		{"in order", `{"name": "a", "purl": "pkg:npm/a@1"},
{"name": "b",
"purl": "pkg:npm/b@1"}`, []string{"pkg:npm/a@1 :2", "pkg:npm/b@1 :4"}},
		{"purl after nested components", `{"name": "a", "components": [
{"name": "b", "purl": "pkg:npm/b@1"}],
"purl": "pkg:npm/a@1"},
{"name": "c", "purl": "pkg:npm/c@1"}`, []string{"pkg:npm/a@1 :4", "pkg:npm/b@1 :3", "pkg:npm/c@1 :5"}},
		{"the same purl twice", `{"name": "a", "purl": "pkg:npm/a@1"},
{"name": "a", "purl": "pkg:npm/a@1"}`, []string{"pkg:npm/a@1 :2", "pkg:npm/a@1 :3"}},
		{"escaped", `{"name": "a", "purl": "pkg:npm/%40s\/a@1"},
{"name": "b", "purl": "pkg:npm/b@1"}`, []string{"pkg:npm/@s/a@1 :2", "pkg:npm/b@1 :3"}},
		{"purl as another member's value", `{"name": "a", "description": "purl", "purl": "pkg:npm/a@1"}`, []string{"pkg:npm/a@1 :2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, warnings, err := Read("usage/t/x.cdx.json", "t", "p", []byte(cdxDoc(tt.components)))
			if err != nil || len(warnings) > 0 {
				t.Fatalf("%v, warnings %v", err, warnings)
			}
			var got []string
			for _, c := range b.Components {
				got = append(got, short(c))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestReaderShares reads two SBOMs that name the same packages with one
// Reader, at the same time: each reads as on its own, and components of
// one package share their strings.
func TestReaderShares(t *testing.T) {
	src := []byte(cdxDoc(`{"name": "a", "version": "1", "purl": "pkg:npm/%40s/a@1", "licenses": [{"license": {"id": "MIT"}}]},
{"name": "b", "purl": "not a purl"}`))
	alone, warnAlone, err := Read("usage/t/x.cdx.json", "t", "p", src)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader()
	boms := make([]*BOM, 2)
	warns := make([][]*diag.Problem, 2)
	var wg sync.WaitGroup
	for i := range boms {
		wg.Go(func() {
			var err error
			if boms[i], warns[i], err = r.Read("usage/t/x.cdx.json", "t", "p", src); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i, b := range boms {
		if !slices.Equal(b.Components, alone.Components) || len(warns[i]) != len(warnAlone) {
			t.Errorf("read with a Reader: %+v, %v\nread alone: %+v, %v", b.Components, warns[i], alone.Components, warnAlone)
		}
	}
	a, b := boms[0].Components[0], boms[1].Components[0]
	for _, f := range [][2]string{{a.PURL, b.PURL}, {a.Package, b.Package}, {a.Name, b.Name}, {a.Version, b.Version}, {a.License, b.License}} {
		if unsafe.StringData(f[0]) != unsafe.StringData(f[1]) {
			t.Errorf("%q is not shared between the two files' components", f[0])
		}
	}
}
