package scaffold

import (
	"embed"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed ci
var ci embed.FS

// CIHosts are the hosts CI writes a workflow for.
func CIHosts() []string { return []string{"github", "gitlab"} }

// ciPaths are where each host reads its workflow, in the repository.
var ciPaths = map[string]string{
	"github": ".github/workflows/waymark.yml",
	"gitlab": ".gitlab-ci.yml",
}

// CI writes into dir, the repository's root, a workflow for host (github
// or gitlab) that checks every pull request and builds and publishes the
// site from the main branch to the host's Pages. It never overwrites a
// file. It returns the path it wrote.
func CI(dir, host string) (string, error) {
	if !slices.Contains(CIHosts(), host) {
		return "", fmt.Errorf("--ci %s: use %s", host, strings.Join(CIHosts(), " or "))
	}
	data, err := ci.ReadFile("ci/" + host + ".yml")
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, filepath.FromSlash(ciPaths[host]))
	return p, WriteNew(p, data)
}
