package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskRenderer writes a task list's checkbox with a name ("done" or "to
// do"), which a screen reader announces and an unnamed form control
// lacks; it stays disabled, as GFM renders it.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if node.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="done"> `)
		} else {
			_, _ = w.WriteString(`<input disabled="" type="checkbox" aria-label="to do"> `)
		}
		return ast.WalkContinue, nil
	})
}
