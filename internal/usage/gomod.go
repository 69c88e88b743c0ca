package usage

import (
	"errors"
	"path"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/waymark-dev/waymark/internal/diag"
)

// goModFormat reads and writes go.mod: every requirement, direct or
// indirect, is a component (pkg:golang/<module path>). A replace
// directive changes what is built, not what is required: the component
// keeps the required path (what blips' patterns name) with the version
// that is built, the replacement's; a replacement by a local folder
// has no version. exclude, retract, tool, toolchain, godebug and ignore
// name no dependency.
type goModFormat struct{}

func (goModFormat) Name() string   { return "gomod" }
func (goModFormat) Suffix() string { return "go.mod" }

// Read parses the file with golang.org/x/mod/modfile.
func (goModFormat) Read(file string, data []byte) (*BOM, []*diag.Problem, error) {
	f, err := modfile.Parse(file, data, nil)
	if err != nil {
		var list modfile.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			e := list[0]
			return nil, nil, diag.Errorf(file, e.Pos.Line, "fix the line as go mod tidy would write it", "%v", e.Err)
		}
		return nil, nil, diag.Errorf(file, 1, "fix the file as go mod tidy would write it", "%v", err)
	}
	b := &BOM{}
	for _, r := range f.Require {
		ns, name := path.Split(r.Mod.Path)
		version := r.Mod.Version
		if rep := replacement(f.Replace, r.Mod.Path, version); rep != nil {
			version = rep.New.Version // "" for a folder
		}
		c := newPURL("golang", strings.TrimSuffix(ns, "/"), name, version)
		c.Name = r.Mod.Path
		if r.Syntax != nil {
			c.Line = r.Syntax.Start.Line
		}
		b.Components = append(b.Components, c)
	}
	return b, nil, nil
}

// Write writes b's golang components as requirements of a module named
// after the project.
func (goModFormat) Write(b *BOM) ([]byte, error) {
	f := &modfile.File{}
	if err := f.AddModuleStmt("example.com/" + b.Team + "/" + b.Project); err != nil {
		return nil, err
	}
	for _, c := range b.Components {
		mod, ok := strings.CutPrefix(c.Package, "pkg:golang/")
		if !ok || c.Version == "" {
			continue
		}
		f.AddNewRequire(mod, c.Version, false)
	}
	f.Cleanup()
	return f.Format()
}

// replacement returns the replace directive that applies to a module
// at a version: one for that version, else one for every version.
func replacement(reps []*modfile.Replace, path, version string) *modfile.Replace {
	var any *modfile.Replace
	for _, r := range reps {
		switch {
		case r.Old.Path != path:
		case r.Old.Version == version:
			return r
		case r.Old.Version == "":
			any = r
		}
	}
	return any
}
