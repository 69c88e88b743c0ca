// Package githistory reads when files were first committed and last
// changed, from the git work tree a site lives in.
//
// It runs two git commands for a whole folder, however many files it holds:
// one "git rev-parse" (is this a work tree, is the clone shallow) and one
// "git log --name-only" over the folder, whose output is read newest
// commit first. A folder outside any work tree, or a machine without git,
// simply has no history: that is not an error.
package githistory

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"os/exec"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Dates are the author dates of a file's first and last commits.
type Dates struct {
	Created meta.Date
	Changed meta.Date
}

// Log is what git knows about the files of one folder.
type Log struct {
	// Files maps paths relative to the repository's site folder (as
	// "decisions/0001-x.md") to their dates.
	Files map[string]Dates
	// Shallow is true in a shallow clone, where the first commit git
	// knows of a file may not be the one that added it.
	Shallow bool
}

// Repo is a site folder on disk.
type Repo struct {
	Dir string // the site folder
	Git string // the git program; "" means "git" from PATH
}

// FileDates returns the dates of every committed file under the folder
// dir, given relative to the site folder.
func (r Repo) FileDates(dir string) (*Log, error) {
	return r.Read(context.Background(), dir)
}

// Read is FileDates with a context that can stop git.
func (r Repo) Read(ctx context.Context, dir string) (*Log, error) {
	log := &Log{Files: map[string]Dates{}}
	git := r.Git
	if git == "" {
		git = "git"
	}
	out, err := r.run(ctx, git, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
	if err != nil {
		// No git, or not a work tree: no history, and nothing to report.
		return log, nil
	}
	answers := strings.Fields(string(out))
	if len(answers) == 0 || answers[0] != "true" {
		return log, nil
	}
	log.Shallow = len(answers) > 1 && answers[1] == "true"
	out, err = r.run(ctx, git, "log", "--format=%x1e%as", "--name-only", "--no-renames", "--relative", "-z", "--", dir)
	if err != nil {
		return log, err
	}
	return log, parse(out, log.Files)
}

func (r Repo) run(ctx context.Context, git string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, git, append([]string{"-C", r.Dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	return out, nil
}

// parse reads "git log --format=%x1e%as --name-only -z" output: for each
// commit, newest first, a record separator, the date, a NUL, and the
// NUL-terminated names of the files it touched.
func parse(out []byte, files map[string]Dates) error {
	var current meta.Date
	for _, tok := range bytes.Split(out, []byte{0}) {
		tok = bytes.TrimLeft(tok, "\n")
		if len(tok) == 0 {
			continue
		}
		if tok[0] == 0x1e {
			d, err := meta.ParseDate(string(tok[1:]))
			if err != nil {
				return fmt.Errorf("git log: unexpected date %q", tok[1:])
			}
			current = d
			continue
		}
		name := string(tok)
		d, seen := files[name]
		if !seen {
			d.Changed = current
		}
		d.Created = current
		files[name] = d
	}
	return nil
}

// Sum is a digest of l: two logs with the same Sum date every file alike.
func (l *Log) Sum() [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "shallow %t\n", l.Shallow)
	for _, f := range slices.Sorted(maps.Keys(l.Files)) {
		d := l.Files[f]
		fmt.Fprintf(h, "%q %s %s\n", f, d.Created, d.Changed)
	}
	return [32]byte(h.Sum(nil))
}
