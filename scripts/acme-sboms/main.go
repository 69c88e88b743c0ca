// Command acme-sboms writes the default site's usage folder: CycloneDX
// SBOMs of four Acme teams, as their CI would publish them. The data is
// fixed (no randomness), so running it again gives the same files:
//
//	go run ./scripts/acme-sboms            # from the repository root
//
// The story they tell: billing still reaches Kafka through the Confluent
// REST proxy, both on hold, under an exception until mid-2027 (ADR-0015);
// the ERP integration team ships iText, whose AGPL licence the policy
// denies, keeps one NHibernate project on hold and has a stale SBOM; the
// portal team and the platform team are adopting libraries the radar does
// not cover yet (TanStack, Zod, Temporal).
package main

import (
	"fmt"
	"hash/fnv"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/usage"
)

type pkg struct {
	typ, ns, name, version, licence string
}

// project is one SBOM: its own key components and how much filler of
// each ecosystem it has.
type project struct {
	team, name string
	date       meta.Date
	key        []pkg
	fill       map[string]int // ecosystem → number of packages from its list
	internal   int            // Acme's own packages
	seed       int            // varies versions
	off        int            // where in the ecosystem's list its filler starts
}

func day(y, m, d int) meta.Date { return meta.Date{Year: y, Month: time.Month(m), Day: d} }

func main() {
	out := "usage"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	for _, p := range projects() {
		b := &usage.BOM{Team: p.team, Project: p.name, Date: p.date}
		seen := map[string]bool{}
		add := func(k pkg) {
			id := k.typ + "/" + k.ns + "/" + k.name
			if seen[id] {
				return
			}
			seen[id] = true
			c := usage.NewComponent(k.typ, k.ns, k.name, k.version)
			c.License = k.licence
			b.Components = append(b.Components, c)
		}
		for _, k := range p.key {
			add(k)
		}
		for _, eco := range []string{"nuget", "npm", "golang"} {
			list := ecosystems[eco]
			for i := range p.fill[eco] {
				k := list[(i+p.off)%len(list)]
				if k.version == "" {
					k.version = version(k.name, p.seed)
				}
				add(k)
			}
		}
		for i := range p.internal {
			add(internalPackage(p, i))
		}
		data, err := usage.FormatOf("x.cdx.json").Write(b)
		if err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(out, p.team, p.name+".cdx.json")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d components\n", path, len(b.Components))
	}
}

// version makes a stable, plausible version of a package.
func version(name string, seed int) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d", name, seed/100)
	n := h.Sum32()
	return fmt.Sprintf("%d.%d.%d", 1+n%9, (n/9)%30, (n/270)%12)
}

var internalWords = []string{"Core", "Domain", "Contracts", "Persistence", "Messaging", "Logging", "Metrics", "Auth", "Config",
	"Testing", "Http", "Json", "Validation", "Mapping", "Scheduling", "Audit", "Caching", "Health", "Documents", "Files"}

// internalPackage is one of Acme's own libraries, under Acme's own licence.
func internalPackage(p project, i int) pkg {
	name := strings.ReplaceAll(strings.Title(strings.ReplaceAll(p.name, "-", " ")), " ", "") //nolint:staticcheck // ASCII project names
	w := internalWords[i%len(internalWords)]
	if i >= len(internalWords) {
		w += fmt.Sprint(i / len(internalWords))
	}
	switch {
	case p.fill["npm"] > 0:
		return pkg{"npm", "", strings.ToLower("acme-" + p.name + "-" + w), version(w, p.seed), "LicenseRef-Acme-Proprietary"}
	case p.fill["golang"] > 0:
		return pkg{"golang", "git.acme.example/" + p.team + "/" + p.name, strings.ToLower(w), "v" + version(w, p.seed), "LicenseRef-Acme-Proprietary"}
	}
	return pkg{"nuget", "", "Acme." + name + "." + w, version(w, p.seed), "LicenseRef-Acme-Proprietary"}
}
