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
// says, with the team and project given, with a Reader of its own.
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
