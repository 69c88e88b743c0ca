package usage

import (
	"bytes"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Format is one kind of usage file, read and written by one file of this
// package.
type Format interface {
	// Name is the format's short name: cyclonedx, spdx, gomod, npm, maven.
	Name() string
	// Suffix is how a file of the format is named: ".cdx.json" ends a
	// project's file name; "go.mod" is the whole name, in a project folder.
	Suffix() string
	// Read reads data, the contents of file. A file it cannot read is an
	// error (a *diag.Problem with a line); warnings are about single
	// components it left out.
	Read(file string, data []byte) (b *BOM, warnings []*diag.Problem, err error)
	// Write writes b in the format (what a lockfile cannot hold, such as
	// licences, is left out).
	Write(b *BOM) ([]byte, error)
}

var formats = []Format{cyclonedxFormat{}, spdxFormat{}, goModFormat{}, npmFormat{}, mavenFormat{}}

// Formats returns every format, a fresh slice.
func Formats() []Format { return slices.Clone(formats) }

// suffixes are the other endings of SBOM file names that generators and
// CI write, besides each format's Suffix.
var suffixes = []struct {
	suffix string
	format Format
}{{".cyclonedx.json", cyclonedxFormat{}}}

// sbomNames are the whole names CI gives an SBOM without saying its
// format (cyclonedx-maven-plugin's target/bom.json, syft's and trivy's
// customary sbom.json): the contents say which it is.
var sbomNames = []string{"bom.json", "sbom.json"}

// FormatOf returns the format a file is written in, judged by its name
// alone ("bom.cdx.json", "go.mod"), or nil. A name that does not say
// (bom.json) is nil too: ReadFormat judges by the contents.
func FormatOf(name string) Format {
	for _, f := range formats {
		s := f.Suffix()
		if name == s || (s[0] == '.' && len(name) > len(s) && name[len(name)-len(s):] == s) {
			return f
		}
	}
	for _, s := range suffixes {
		if len(name) > len(s.suffix) && strings.HasSuffix(name, s.suffix) {
			return s.format
		}
	}
	return nil
}

// ProjectSuffix returns the part of an SBOM file name that says its
// format (".cdx.json", ".cyclonedx.json", ".spdx.json"), or "" for a name
// that has none.
func ProjectSuffix(name string) string {
	for _, f := range formats {
		if s := f.Suffix(); s[0] == '.' && len(name) > len(s) && strings.HasSuffix(name, s) {
			return s
		}
	}
	for _, s := range suffixes {
		if len(name) > len(s.suffix) && strings.HasSuffix(name, s.suffix) {
			return s.suffix
		}
	}
	return ""
}

// IsUsageName reports whether a file of this name in a project folder is
// read as usage: a lockfile, an SBOM whose name says its format, or
// bom.json and sbom.json.
func IsUsageName(name string) bool {
	return FormatOf(name) != nil || slices.Contains(sbomNames, name)
}

// sniff judges a JSON file by its contents: CycloneDX names its
// bomFormat, SPDX its spdxVersion (which Microsoft's sbom-tool writes
// last), an npm lockfile its lockfileVersion. It returns nil when the
// contents are none of these.
func sniff(data []byte) Format {
	switch {
	case hasMember(data, "bomFormat"):
		return cyclonedxFormat{}
	case hasMember(data, "spdxVersion"):
		return spdxFormat{}
	case hasMember(data, "lockfileVersion"):
		return npmFormat{}
	}
	return nil
}

// hasMember reports whether data has `"key":` anywhere.
func hasMember(data []byte, key string) bool {
	needle := []byte(`"` + key + `"`)
	for i := 0; ; {
		j := bytes.Index(data[i:], needle)
		if j < 0 {
			return false
		}
		k := i + j + len(needle)
		for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n') {
			k++
		}
		if k < len(data) && data[k] == ':' {
			return true
		}
		i = k
	}
}

// Read reads the file at path (named in messages) in the format its name
// (or, for bom.json and the like, its contents) says, with the team and
// project given, with a Reader of its own.
func Read(path, team, project string, data []byte) (*BOM, []*diag.Problem, error) {
	return NewReader().Read(path, team, project, data)
}

func baseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' || p[i] == '\\' {
			return p[i+1:]
		}
	}
	return p
}
