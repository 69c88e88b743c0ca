// Package themes embeds the built-in theme, themes/default, into the
// binary. A site overrides it file by file with its own themes/<name>/.
//
// A theme has templates/base.html (the layout, executed as "base", which
// calls the block "main"), one template per kind of page (home, radar,
// blip, roadmap, sector, licenses, decisions, decision, tags, tag, page,
// search, 404) that defines "main", radar-parts.html (shared by radar and sector),
// and static/ files published under assets/ (minified, except
// static/vendor/: others' files, such as the mermaid diagram renderer
// with its licence, published exactly as they are). Templates receive a
// page.View.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default returns the built-in theme's files.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}
