package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/sitetest"
)

// TestRepositoryRootSite builds a repository root used as the site
// (../site/testdata/linked/repository.txtar): the images and documents
// the records link to beside docs/adr are published, linked markdown is
// a rendered page (not a raw .md download), every link leads to a built
// file, and nothing else of the repository is in the output.
func TestRepositoryRootSite(t *testing.T) {
	fsys := sitetest.Txtar(t, "../site/testdata/linked/repository.txtar")
	// The link to the hidden .env stays broken on purpose (the site
	// package's test); every other link must lead to a built file.
	rec := fsys["docs/adr/0002-use-postgres.md"]
	rec.Data = bytes.Replace(rec.Data, []byte("[token](../../.env)"), []byte("token"), 1)
	_, out := buildFS(t, fsys)
	checkLinks(t, out)
	for _, name := range []string{"docs/img/diagram.png", "docs/img/schema v2.svg", "docs/glossary/index.html", "docs/terms/more/index.html", "CONTRIBUTING/index.html"} {
		if _, ok := out[name]; !ok {
			t.Errorf("%s was not published", name)
		}
	}
	for name := range out {
		if strings.HasPrefix(name, "assets/") {
			continue // the theme's files
		}
		for _, never := range []string{".env", "go.mod", "unused.png", "notes", ".md"} {
			if strings.Contains(name, never) {
				t.Errorf("%s is in the output", name)
			}
		}
	}
	for _, c := range []struct{ file, want string }{
		{"docs/glossary/index.html", `<strong>Record</strong>`},
		{"docs/glossary/index.html", `href="../../decisions/0001-record-architecture-decisions/index.html"`},
		{"docs/glossary/index.html", `href="../../docs/terms/more/index.html"`},
		{"decisions/0001-record-architecture-decisions/index.html", `href="../../docs/glossary/index.html"`},
		{"decisions/0001-record-architecture-decisions/index.html", `href="../../CONTRIBUTING/index.html#proposing"`},
		{"decisions/0001-record-architecture-decisions/index.html", `src="../../docs/img/diagram.png"`},
		{"decisions/0002-use-postgres/index.html", `src="../../docs/img/schema%20v2.svg"`},
	} {
		if !bytes.Contains(out[c.file], []byte(c.want)) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
	}
}
