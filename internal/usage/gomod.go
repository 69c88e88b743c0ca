package usage

import (
	"errors"
	"path"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/waymark-dev/waymark/internal/diag"
)

// goModFormat reads and writes go.mod: every requirement, direct or
// indirect, is a component (pkg:golang/<module path>).
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
		c := newPURL("golang", strings.TrimSuffix(ns, "/"), name, r.Mod.Version)
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
