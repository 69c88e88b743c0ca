package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/usage"
)

// UsageCorpus returns a folder holding the default site (root is the
// repository's root) with n generated CycloneDX SBOMs of m components
// each added to its usage folder, in 20 teams; it is generated once per
// machine. The components come from a pool of 6,000 packages across npm,
// Maven, NuGet and Go, so that projects share most of what they use, as
// they do; about one in a hundred is a package a default-site blip
// claims, a few are under licences the policy denies or has not listed.
func UsageCorpus(t testing.TB, root string, n, m int) string {
	t.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("waymark-usage-%dx%d", n, m))
	if _, err := os.Stat(filepath.Join(dir, "usage", "team-00")); err == nil {
		return dir
	}
	tmp := CopyDefaultSite(t, root)
	for i := range n {
		if err := os.MkdirAll(filepath.Join(tmp, "usage", fmt.Sprintf("team-%02d", i%20)), 0o755); err != nil {
			t.Fatal(err)
		}
		data, err := usage.FormatOf("x.cdx.json").Write(GeneratedBOM(i, m))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, "usage", fmt.Sprintf("team-%02d", i%20), fmt.Sprintf("project-%03d.cdx.json", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_ = os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// GeneratedBOM is project i's SBOM of m components, as UsageCorpus
// writes it.
func GeneratedBOM(i, m int) *usage.BOM {
	b := &usage.BOM{Team: fmt.Sprintf("team-%02d", i%20), Project: fmt.Sprintf("project-%03d", i),
		Date: meta.Date{Year: 2026, Month: 11, Day: 1 + i%28}}
	claimed := []usage.Component{
		usage.NewComponent("npm", "", "react", "18.3.1"), usage.NewComponent("nuget", "", "Npgsql", "8.0.5"),
		usage.NewComponent("nuget", "", "RabbitMQ.Client", "6.8.1"), usage.NewComponent("nuget", "", "Confluent.Kafka", "2.5.0"),
		usage.NewComponent("npm", "", "typescript", "5.6.3"), usage.NewComponent("nuget", "", "Dapper", "2.1.35"),
		usage.NewComponent("golang", "github.com/jackc", "pgx/v5", "v5.7.1"), usage.NewComponent("nuget", "", "NHibernate", "5.5.2"),
	}
	licences := []string{"MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MIT OR Apache-2.0", "BSD-2-Clause", "LGPL-2.1-only", "AGPL-3.0-only", "CC-BY-4.0", ""}
	types := []string{"npm", "maven", "nuget", "golang"}
	for j := range m {
		var c usage.Component
		if j%100 == 0 {
			c = claimed[(i+j/100)%len(claimed)]
		} else {
			k := (i*7919 + j*104729) % 6000
			typ := types[k%4]
			ns := ""
			switch typ {
			case "maven":
				ns = fmt.Sprintf("org.example.group%d", k%150)
			case "golang":
				ns = fmt.Sprintf("github.com/example%d", k%200)
			case "npm":
				if k%3 == 0 {
					ns = fmt.Sprintf("@scope%d", k%90)
				}
			}
			c = usage.NewComponent(typ, ns, fmt.Sprintf("package-%d", k), fmt.Sprintf("%d.%d.%d", 1+k%7, k%13, k%5))
		}
		c.License = licences[(i+j)%6]
		if j%97 == 0 {
			c.License = licences[6+(j/97)%4] // now and then one to review, denied, unlisted or missing
		}
		b.Components = append(b.Components, c)
	}
	return b
}
