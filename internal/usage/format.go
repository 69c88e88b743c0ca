package usage

import (
	"slices"

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

// FormatOf returns the format a file is written in, judged by its name
// alone ("bom.cdx.json", "go.mod"), or nil.
func FormatOf(name string) Format {
	for _, f := range formats {
		s := f.Suffix()
		if name == s || (s[0] == '.' && len(name) > len(s) && name[len(name)-len(s):] == s) {
			return f
		}
	}
	return nil
}

// Read reads the file at path (named in messages) in the format its name
// says, with the team and project given.
func Read(path, team, project string, data []byte) (*BOM, []*diag.Problem, error) {
	f := FormatOf(baseName(path))
	if f == nil {
		return nil, nil, diag.Errorf(path, 0, "name it <project>.cdx.json, <project>.spdx.json, or go.mod, package-lock.json or pom.xml in a project folder", "not a usage file")
	}
	if len(data) > MaxFileSize {
		return nil, nil, diag.Errorf(path, 0, "split the project or leave out test-only components", "%d bytes is more than the %d a usage file may have", len(data), MaxFileSize)
	}
	b, warnings, err := f.Read(path, data)
	if err != nil {
		return nil, warnings, err
	}
	if len(b.Components) > MaxComponents {
		return nil, warnings, diag.Errorf(path, 0, "split the project or leave out test-only components", "%d components are more than the %d a usage file may have", len(b.Components), MaxComponents)
	}
	b.Team, b.Project, b.Source, b.Format, b.Warnings = team, project, path, f.Name(), warnings
	return b, warnings, nil
}

func baseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' || p[i] == '\\' {
			return p[i+1:]
		}
	}
	return p
}
