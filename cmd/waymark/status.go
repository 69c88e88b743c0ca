package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/waymark-dev/waymark/internal/author"
	"github.com/waymark-dev/waymark/internal/decision"
	sitedir "github.com/waymark-dev/waymark/internal/site"
)

func runStatus(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("status", stdout, stderr)
	site := fs.String("site", ".", "site `folder`")
	decisions := fs.String("decisions", "", "decision records `folder` inside the site (default: as new adr finds it)")
	folder := fs.String("folder", "", "category `sub-folder` of the decisions folder the record is in")
	by := fs.String("by", "", "the `record` that supersedes it, with superseded")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 2 {
		return usageError(fs, errors.New("status needs a record and a status, as in: waymark status 3 accepted"))
	}
	ref, status := pos[0], pos[1]
	statuses := []string{decision.Accepted, decision.Rejected, decision.Deprecated, decision.Proposed, decision.Superseded}
	if !slices.Contains(statuses, status) {
		return fmt.Errorf("status %s: use accepted, rejected, deprecated, proposed, or superseded --by M%s", status, didYouMean(status, statuses, ""))
	}
	if (status == decision.Superseded) != (*by != "") {
		if *by == "" {
			return errors.New("status superseded needs --by M, the record that supersedes it")
		}
		return fmt.Errorf("--by names the record that supersedes this one: use it with superseded, not %s", status)
	}
	root, problems, err := sitedir.DecisionsDir(os.DirFS(*site), *decisions)
	if err != nil {
		return err
	}
	report(stderr, problems)
	dest, err := author.Open(*site, root, filepath.ToSlash(*folder))
	if err != nil {
		return fileErr("read the decisions folder", filepath.Join(*site, root, *folder), err)
	}
	found, err := dest.Find(ref)
	if err != nil {
		return err
	}
	r := found[0]
	path := filepath.Join(*site, filepath.FromSlash(r.Source))
	if status == decision.Superseded {
		next, err := dest.Find(*by)
		if err != nil {
			return fmt.Errorf("--by %w", err)
		}
		if next[0] == r {
			return errors.New("--by names the record itself")
		}
		if err := dest.Supersede(r, next[0]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "marked %s (%s) superseded by %s\n", path, recordName(r), recordName(next[0]))
		if next[0].Status != decision.Accepted {
			fmt.Fprintf(stdout, "next: %s is %s: accept it (waymark status %s accepted), then run waymark check\n", recordName(next[0]), next[0].Status, statusRef(next[0]))
		} else {
			fmt.Fprintln(stdout, "next: run waymark check")
		}
		return nil
	}
	marked, err := dest.SetStatus(r, status)
	if err == nil || len(marked) > 0 {
		fmt.Fprintf(stdout, "changed the status of %s (%s) from %s to %s\n", path, recordName(r), r.Status, status)
	}
	for _, old := range marked {
		fmt.Fprintf(stdout, "marked %s (%s) superseded by %s\n", filepath.Join(*site, filepath.FromSlash(old.Source)), recordName(old), recordName(r))
	}
	if err != nil {
		return err
	}
	if ps := decision.Placeholders(r.Body, r.BodyLine); len(ps) > 0 && status == decision.Accepted {
		fmt.Fprintf(stdout, "next: it still holds %s (line %d: %s); write them, then run waymark check\n", count(len(ps), "unfilled template placeholder"), ps[0].Line, ps[0].Text)
	} else {
		fmt.Fprintln(stdout, "next: run waymark check")
	}
	return nil
}

// statusRef is how the status command names a record: its number, or its
// id when its file is named by date.
func statusRef(r *decision.Record) string {
	if r.Dated || r.Number == 0 {
		return r.ID
	}
	return fmt.Sprint(r.Number)
}
