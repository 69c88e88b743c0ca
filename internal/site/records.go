package site

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
)

// Skipped is a markdown file in the decisions folder that is not a
// record, and why.
type Skipped struct {
	Path, Why string
}

// pickRecords sorts the markdown files under the decisions folder root
// into records and the files that are not: numbered and dated names are
// records; index.md or README.md is a record kept as a folder
// (choosing-a-database/index.md, images beside it) when its folder holds
// no other markdown; a plain name (use-kafka.md) is a record when its
// folder has no numbered or dated records, else a page beside them.
func pickRecords(root string, paths []string) (records []string, skipped []Skipped) {
	named := map[string]bool{} // folders with numbered or dated records
	mdIn := map[string]int{}   // markdown files per folder, sub-folders counted in their parents
	for _, p := range paths {
		if k := decision.ReadName(p).Kind; k == decision.Numbered || k == decision.DatedFile {
			named[path.Dir(p)] = true
		}
		for d := path.Dir(p); ; d = path.Dir(d) {
			mdIn[d]++
			if d == root || d == "." || d == "/" {
				break
			}
		}
	}
	for _, p := range paths {
		dir := path.Dir(p)
		n := decision.ReadName(p)
		switch n.Kind {
		case decision.Numbered, decision.DatedFile:
			records = append(records, p)
		case decision.Plain:
			if named[dir] {
				skipped = append(skipped, Skipped{p, "not named like the numbered records beside it (NNNN-title.md)"})
				continue
			}
			records = append(records, p)
		default:
			base := strings.ToLower(path.Base(p))
			if (base == "index.md" || base == "readme.md") && dir != root && mdIn[dir] == 1 {
				records = append(records, p)
				continue
			}
			skipped = append(skipped, Skipped{p, n.Why})
		}
	}
	return records, skipped
}

// noRecords reports a decisions folder that holds markdown but no record,
// so that a site is never silently empty: the folder, how many files it
// saw and why the first few were not taken.
func noRecords(root string, skipped []Skipped) *diag.Problem {
	var why []string
	for _, s := range skipped[:min(len(skipped), 4)] {
		why = append(why, fmt.Sprintf("%s: %s", strings.TrimPrefix(s.Path, root+"/"), s.Why))
	}
	if len(skipped) > 4 {
		why = append(why, fmt.Sprintf("and %d more", len(skipped)-4))
	}
	return diag.Errorf(root, 0, "name records NNNN-title.md, ADR-N.md or YYYY-MM-DD-title.md, or point --decisions (or decisions: in waymark.yaml) at the folder that holds them",
		"no decision record among the %d markdown files of the decisions folder (%s)", len(skipped), strings.Join(why, "; "))
}

// recordFolder returns the category folder of the record at p under root:
// "" at the top level; a record kept as a folder is in its folder's parent.
func recordFolder(root, p string) string {
	rel := strings.TrimPrefix(p, root+"/")
	dir := path.Dir(rel)
	if folderRecord(p) {
		dir = path.Dir(dir)
	}
	return strings.TrimPrefix(dir, ".")
}

// folderRecord reports whether p, a record, is kept as a folder.
func folderRecord(p string) bool {
	base := strings.ToLower(path.Base(p))
	return base == "index.md" || base == "readme.md"
}

// checkNotEmpty makes sure a site is never silently empty: a decisions
// folder of markdown with no record is an error, and so is a folder with
// nothing of a site in it.
func (s *Site) checkNotEmpty(cfg *config.Config, src Sources, records []*decision.Record, notRecords []Skipped, others int) {
	if len(records) > 0 || s.Problems.Err() != nil {
		return
	}
	if skipped := append(slices.Clone(src.Skipped), notRecords...); len(skipped) > 0 {
		s.Problems.Add(noRecords(cfg.Decisions, skipped))
		return
	}
	if others > 0 || isFile(s.opts.Site, config.FileName) {
		return
	}
	for _, dir := range []string{cfg.Decisions, cfg.Radar, cfg.Content} {
		if isDir(s.opts.Site, dir) {
			return
		}
	}
	s.Problems.Add(diag.Errorf(s.dirName(), 0, "run waymark init in it to start a site, or pass --site with your site's folder (and --decisions with your records' folder)",
		"not a waymark site: no waymark.yaml, and no decision records (looked in %s), radar or content", strings.Join(append([]string{cfg.Decisions}, decisionCandidates...), ", ")))
}

// dirName names the site folder in messages.
func (s *Site) dirName() string {
	if s.opts.Dir != "" {
		return s.opts.Dir
	}
	return "the site folder"
}

func isFile(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.Mode().IsRegular()
}
