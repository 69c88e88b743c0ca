package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/author"
	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/meta"
	sitedir "github.com/waymark-dev/waymark/internal/site"
)

// refList collects a repeatable flag such as --supersedes 3 --supersedes 4.
type refList []string

func (r *refList) String() string { return strings.Join(*r, ",") }

func (r *refList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*r = append(*r, part)
		}
	}
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, as in: new adr "Title" --supersedes 3.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func runNewADR(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("new adr", stdout, stderr)
	site := fs.String("site", ".", "site `folder`")
	decisions := fs.String("decisions", "", "decision records `folder` inside the site (default: from waymark.yaml, .adr-dir, .log4brains.yml, doc/adr, docs/adr, docs/decisions or decisions)")
	folder := fs.String("folder", "", "category `sub-folder` of the decisions folder")
	var supersedes, amends refList
	fs.Var(&supersedes, "supersedes", "`record` (number, ADR-0003 or file name) the new one supersedes; repeatable")
	fs.Var(&amends, "amends", "`record` the new one amends; repeatable")
	status := fs.String("status", decision.Proposed, "`status` of the new record")
	format := fs.String("format", "", "`format` to write: madr (MADR 4), nygard (adr-tools), madr2 or log4brains (default: the site's decisions/template.md, else the folder's most common format, else madr)")
	dateFlag := fs.String("date", "", "`date` of the record, YYYY-MM-DD (default today)")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	title := strings.TrimSpace(strings.Join(words, " "))
	if title == "" {
		return usageError(fs, errors.New(`new adr needs a title, as in: waymark new adr "Use PostgreSQL for orders"`))
	}
	if !slices.Contains(decision.Statuses(), *status) {
		return fmt.Errorf("--status %q: use one of %s", *status, strings.Join(decision.Statuses(), ", "))
	}
	if *format != "" {
		if _, ok := decision.FormatNamed(*format); !ok {
			return fmt.Errorf("--format %q: use madr, nygard, madr2 or log4brains", *format)
		}
	}
	date := today()
	if *dateFlag != "" {
		if date, err = meta.ParseDate(*dateFlag); err != nil {
			return fmt.Errorf("--date: %v", err)
		}
	}

	siteFS := os.DirFS(*site)
	root, problems, err := sitedir.DecisionsDir(siteFS, *decisions)
	if err != nil {
		return err
	}
	report(stderr, problems)
	sub := strings.Trim(path.Clean("/"+filepath.ToSlash(*folder)), "/")
	if *folder != "" && !config.ValidDir(filepath.ToSlash(*folder)) {
		return fmt.Errorf("--folder %q: name a sub-folder of the decisions folder", *folder)
	}
	dest, err := author.Open(*site, root, sub)
	if err != nil {
		return err
	}

	d := &decision.Draft{Title: title, Date: date, Status: *status, Format: *format}
	if d.Supersedes, err = dest.Find(supersedes...); err != nil {
		return fmt.Errorf("--supersedes %w", err)
	}
	if d.Amends, err = dest.Find(amends...); err != nil {
		return fmt.Errorf("--amends %w", err)
	}
	if *format == "" {
		d.Template = dest.Template()
		d.Format = decision.PrevalentFormat(dest.Records)
	}
	d.Dated = dest.Dated(d.Format)

	written, marked, err := dest.Add(d)
	if written != "" {
		fmt.Fprintf(stdout, "created %s (%s, %s)\n", written, recordName(d.Record()), d.Status)
	}
	for _, old := range marked {
		fmt.Fprintf(stdout, "marked %s superseded by %s\n", filepath.Join(*site, filepath.FromSlash(old.Source)), recordName(d.Record()))
	}
	if err != nil {
		return err
	}
	if d.Status != decision.Accepted {
		for _, old := range d.Supersedes {
			fmt.Fprintf(stdout, "%s stays %s until %s is accepted; then it is marked superseded\n", recordName(old), old.Status, recordName(d.Record()))
		}
	}
	next := "next: fill in the record, preview it with waymark serve, then run waymark check"
	if d.Status == decision.Proposed {
		next += fmt.Sprintf("; once it is agreed, waymark status %s accepted", statusRef(d.Record()))
	}
	fmt.Fprintln(stdout, next)
	return nil
}

// recordName names a record in messages: ADR-0005, or its id when its
// file is named by date.
func recordName(r *decision.Record) string {
	if r.Dated || r.Number == 0 {
		return r.ID
	}
	return r.Label()
}
