package usage

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/package-url/packageurl-go"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Reader reads usage files and keeps, for the files it reads after, what
// it made of each package URL and licence: the projects of one site use
// mostly the same packages, so each package URL is parsed once and its
// strings are shared by every component that names it (with 200 SBOMs
// of one organisation, parsing them was a tenth of reading, and the
// strings a third of the memory the components hold). One Reader serves
// the files of one load, read at the same time from several goroutines.
type Reader struct {
	purls    sync.Map // package URL → *parsedPURL
	licences sync.Map // licence expression → the same string, shared
	kept     atomic.Int64
}

// memoLimit bounds what a Reader keeps: beyond it, package URLs and
// licences are still read, each time afresh, so that a site whose
// projects share nothing does not hold a second copy of everything.
const memoLimit = 200_000

// NewReader returns a Reader that has read nothing yet.
func NewReader() *Reader { return &Reader{} }

// Read reads the file at path (named in messages) in the format its name
// says, with the team and project given. A JSON file whose name does not
// say (bom.json, sbom.json) is read in the format its contents say; one
// whose name says the other SBOM format is read as what it is, with a
// warning. A file that yields no component is read, with a warning that
// says why: a project that seems to use nothing is worth a look.
func (r *Reader) Read(path, team, project string, data []byte) (*BOM, []*diag.Problem, error) {
	name := baseName(path)
	f := FormatOf(name)
	if len(data) > MaxFileSize {
		return nil, nil, diag.Errorf(path, 0, "split the project or leave out test-only components", "%d bytes is more than the %d a usage file may have", len(data), MaxFileSize)
	}
	var warnings []*diag.Problem
	if f == nil || f.Name() == "cyclonedx" || f.Name() == "spdx" {
		switch s := sniff(data); {
		case f == nil && !strings.HasSuffix(name, ".json"):
		case f == nil && (s == nil || s.Name() == "npm"):
			return nil, nil, diag.Errorf(path, 1, "make it a CycloneDX JSON or SPDX JSON SBOM", "neither CycloneDX JSON (no bomFormat) nor SPDX JSON (no spdxVersion)")
		case f == nil:
			f = s
		case s != nil && s.Name() != f.Name() && s.Name() != "npm":
			warnings = append(warnings, diag.Warnf(path, 1, "rename it to end in "+s.Suffix(), "named as %s but written as %s: read as %s", f.Name(), s.Name(), s.Name()))
			f = s
		}
	}
	if f == nil {
		return nil, nil, diag.Errorf(path, 0, "name it <project>.cdx.json, <project>.spdx.json, or go.mod, package-lock.json, pom.xml, bom.json or sbom.json in a project folder", "not a usage file")
	}
	var b *BOM
	var more []*diag.Problem
	var err error
	if s, ok := f.(sharing); ok {
		b, more, err = s.read(r, path, data)
	} else {
		b, more, err = f.Read(path, data)
	}
	warnings = append(warnings, more...)
	if err != nil {
		return nil, warnings, err
	}
	if len(b.Components) > MaxComponents {
		return nil, warnings, diag.Errorf(path, 0, "split the project or leave out test-only components", "%d components are more than the %d a usage file may have", len(b.Components), MaxComponents)
	}
	if len(b.Components) == 0 && !saysEmpty(warnings) {
		why := emptyWhy[f.Name()]
		warnings = append(warnings, diag.Warnf(path, 1, why[1], "no components: %s, so the project seems to use nothing", why[0]))
	}
	b.Team, b.Project, b.Source, b.Format, b.Warnings = team, project, path, f.Name(), warnings
	return b, warnings, nil
}

// emptyWhy says, per format, why a file can yield no component and what
// to do about it.
var emptyWhy = map[string][2]string{
	"cyclonedx": {"the SBOM lists no component besides the project itself", "generate it from the built project with its dependencies resolved, not from an empty folder"},
	"spdx":      {"the document lists no package besides the one it describes", "generate it from the built project with its dependencies resolved, not from an empty folder"},
	"gomod":     {"the module requires no other module", "leave the file out if the module has no dependencies, or run go mod tidy"},
	"npm":       {"the lockfile lists no installed package outside development and workspace links", "run npm install to fill the lockfile, or leave it out"},
	"maven":     {"the pom has no dependency outside test scope", "put the project's own pom.xml here, not a parent or aggregator pom"},
}

// saysEmpty reports whether a reader has already said why a file yields
// no component.
func saysEmpty(warnings []*diag.Problem) bool {
	for _, w := range warnings {
		if strings.HasPrefix(w.Message, "no components") {
			return true
		}
	}
	return false
}

// sharing is a Format whose reading uses what a Reader keeps.
type sharing interface {
	read(r *Reader, file string, data []byte) (*BOM, []*diag.Problem, error)
}

// parsedPURL is what a package URL says, as components hold it.
type parsedPURL struct {
	purl, pkg, name, version string
	err                      error
}

// purl parses a package URL, or returns it as parsed before. A nil
// Reader keeps nothing.
func (r *Reader) purl(s string) *parsedPURL {
	if r != nil {
		if v, ok := r.purls.Load(s); ok {
			return v.(*parsedPURL)
		}
	}
	p := &parsedPURL{purl: s}
	if u, err := packageurl.FromString(s); err != nil {
		p.err = err
	} else {
		p.pkg, p.name, p.version = packageKey(u.Type, u.Namespace, u.Name), displayName(u.Type, u.Namespace, u.Name), u.Version
	}
	if r != nil && r.kept.Load() < memoLimit {
		if v, loaded := r.purls.LoadOrStore(s, p); loaded {
			return v.(*parsedPURL)
		}
		r.kept.Add(1)
	}
	return p
}

// licence returns expr, as a string shared with the components read
// before that have the same licence.
func (r *Reader) licence(expr string) string {
	if r == nil || expr == "" {
		return expr
	}
	if v, ok := r.licences.Load(expr); ok {
		return v.(string)
	}
	if r.kept.Load() < memoLimit {
		if v, loaded := r.licences.LoadOrStore(expr, expr); loaded {
			return v.(string)
		}
		r.kept.Add(1)
	}
	return expr
}
