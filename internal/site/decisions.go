package site

import (
	"bytes"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/githistory"
	"github.com/waymark-dev/waymark/internal/meta"
)

// History gives the dates of files from version control.
type History interface {
	// FileDates returns the first and last commit dates of the files under
	// dir, a folder relative to the site, keyed by site-relative path.
	FileDates(dir string) (*githistory.Log, error)
}

// decisionCandidates are the folders searched, in order, for decision
// records when neither --decisions nor waymark.yaml names one (after
// .adr-dir and .log4brains.yml), as adr-tools, log4brains and MADR place
// them.
var decisionCandidates = []string{"doc/adr", "docs/adr", "docs/decisions", "decisions"}

// DecisionsDir returns the decisions folder of the site in fsys: override
// when set (--decisions), else "decisions:" from waymark.yaml, else the
// folder named by adr-tools' .adr-dir or log4brains' .log4brains.yml, else
// the first of doc/adr, docs/adr, docs/decisions and decisions that
// exists, else "decisions". Problems with those files are returned as
// warnings; the error is set only when override leaves the site.
func DecisionsDir(fsys fs.FS, override string) (string, []*diag.Problem, error) {
	if override != "" {
		dir := cleanDir(override)
		if !config.ValidDir(dir) {
			return "", nil, diag.Errorf("--decisions", 0, "name a folder inside the site", "decisions folder %q leaves the site folder", override)
		}
		return dir, nil, nil
	}
	if dir, ok := configuredDecisions(fsys); ok {
		return dir, nil, nil
	}
	var problems []*diag.Problem
	if src, err := fs.ReadFile(fsys, ".adr-dir"); err == nil {
		dir := cleanDir(strings.TrimSpace(string(src)))
		if config.ValidDir(dir) && isDir(fsys, dir) {
			return dir, nil, nil
		}
		problems = append(problems, diag.Warnf(".adr-dir", 1, "name a folder inside the site, or set decisions: in waymark.yaml",
			"folder %q does not exist in the site", strings.TrimSpace(string(src))))
	}
	if src, err := fs.ReadFile(fsys, ".log4brains.yml"); err == nil {
		var l4b struct {
			Project struct {
				AdrFolder string `yaml:"adrFolder"`
			} `yaml:"project"`
		}
		// Another tool's file: read leniently, take only what waymark needs.
		if err := yaml.Unmarshal(src, &l4b); err == nil && l4b.Project.AdrFolder != "" {
			dir := cleanDir(l4b.Project.AdrFolder)
			if config.ValidDir(dir) && isDir(fsys, dir) {
				return dir, problems, nil
			}
		}
		problems = append(problems, diag.Warnf(".log4brains.yml", 1, "set project.adrFolder to a folder inside the site, or set decisions: in waymark.yaml",
			"no usable project.adrFolder"))
	}
	for _, dir := range decisionCandidates {
		if isDir(fsys, dir) {
			return dir, problems, nil
		}
	}
	return "decisions", problems, nil
}

// configuredDecisions returns the decisions key of waymark.yaml, if the
// file sets it. Errors are left to the configuration's own loading.
func configuredDecisions(fsys fs.FS) (string, bool) {
	src, err := fs.ReadFile(fsys, config.FileName)
	if err != nil || !bytes.Contains(src, []byte("decisions")) {
		return "", false
	}
	node, err := meta.ParseYAML(config.FileName, src)
	if err != nil || len(node.Content) == 0 || node.Content[0].Kind != yaml.MappingNode {
		return "", false
	}
	m := node.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "decisions" {
			continue
		}
		v := m.Content[i+1]
		if v.Kind == yaml.MappingNode { // decisions: {folder: docs/adr, statuses: …}
			for j := 0; j+1 < len(v.Content); j += 2 {
				if v.Content[j].Value == "folder" {
					v = v.Content[j+1]
				}
			}
		}
		if v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" {
			return cleanDir(v.Value), true
		}
	}
	return "", false
}

func cleanDir(dir string) string {
	dir = strings.TrimSpace(dir)
	if dir == "" {
		return ""
	}
	return strings.TrimPrefix(path.Clean(strings.ReplaceAll(dir, "\\", "/")), "./")
}

func isDir(fsys fs.FS, dir string) bool {
	fi, err := fs.Stat(fsys, dir)
	return err == nil && fi.IsDir()
}

// findDecisions sets the configuration's decisions folder.
func (s *Site) findDecisions(cfg *config.Config) {
	dir, problems, err := DecisionsDir(s.opts.Site, s.opts.Decisions)
	s.Problems.Add(problems...)
	if err != nil {
		s.Problems.AddErr("--decisions", err)
		return
	}
	cfg.Decisions = dir
	// a folder named on purpose that is not there would give a site with
	// no decisions, silently
	switch _, configured := configuredDecisions(s.opts.Site); {
	case isDir(s.opts.Site, dir):
	case s.opts.Decisions != "":
		s.Problems.Add(diag.Errorf("--decisions", 0, "name the folder of your records, relative to the site folder", "decisions folder %q does not exist in the site", s.opts.Decisions))
	case configured:
		s.Problems.Add(diag.Warnf(config.FileName, 1, "name the folder of your records, relative to the site folder, or create it",
			"decisions folder %q does not exist: the site has no decisions", dir))
	}
}

// readHistory starts reading the history of the decisions folder, if the
// site has one, and returns a function that waits for it. It runs while
// the sources are parsed.
func (s *Site) readHistory(dir string) func() *githistory.Log {
	if s.opts.History == nil {
		return func() *githistory.Log { return nil }
	}
	done := make(chan *githistory.Log, 1)
	go func() {
		log, err := s.opts.History.FileDates(dir)
		if err != nil {
			s.Problems.Add(diag.Warnf(dir, 0, "check that git works in this folder", "no dates from git: %v", err))
		}
		done <- log
	}()
	return func() *githistory.Log { return <-done }
}

// applyHistory dates records that state no date by their file's first
// commit and gives every record the date of its last commit.
func (s *Site) applyHistory(dir string, records []*decision.Record, log *githistory.Log) {
	if log == nil || len(log.Files) == 0 {
		return
	}
	if log.Shallow {
		s.Problems.Add(diag.Warnf(dir, 0, "fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in CI)",
			"the git clone is shallow: dates taken from git (records without a date, and \"last changed\") may be wrong"))
	}
	for _, r := range records {
		d, ok := log.Files[r.Source]
		if !ok {
			continue
		}
		r.Changed = d.Changed
		if r.Date.IsZero() {
			r.Date, r.DateSource = d.Created, "git"
		}
	}
}
