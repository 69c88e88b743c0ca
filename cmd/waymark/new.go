package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/build"
	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

const newUsage = `Usage:
  waymark new adr "Title" [--supersedes N]... [--amends N]... [--status proposed] [--format madr|nygard|madr2|log4brains]
  waymark new blip "Name" --quadrant Q --ring R
`

// runNew creates a new source file; args[0] says which kind.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return errors.New("new needs a kind: adr or blip")
	}
	switch args[0] {
	case "adr":
		return runNewADR(ctx, args[1:], stdout, stderr)
	case "blip":
		return runNewBlip(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, newUsage)
		return nil
	}
	fmt.Fprint(stderr, newUsage)
	return fmt.Errorf("unknown kind %q", args[0])
}

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
	fs := flags("new adr", `new adr "Title" [--supersedes N]... [--amends N]... [--status proposed] [--format madr|nygard|madr2|log4brains]

Writes a new decision record with the next free number and prints its path.
It never overwrites a file. With --supersedes N it also marks record N as
superseded, in N's own format, changing nothing else in that file.`, stderr)
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
		fs.Usage()
		return errors.New(`new adr needs a title, as in: waymark new adr "Use PostgreSQL for orders"`)
	}
	if !slices.Contains(decision.Statuses(), *status) {
		return fmt.Errorf("--status %q: use one of %s", *status, strings.Join(decision.Statuses(), ", "))
	}
	if *format != "" {
		if _, ok := decision.FormatNamed(*format); !ok {
			return fmt.Errorf("--format %q: use madr, nygard, madr2 or log4brains", *format)
		}
	}
	today := time.Now()
	date := meta.Date{Year: today.Year(), Month: today.Month(), Day: today.Day()}
	if *dateFlag != "" {
		if date, err = meta.ParseDate(*dateFlag); err != nil {
			return fmt.Errorf("--date: %v", err)
		}
	}

	siteFS := os.DirFS(*site)
	root, problems, err := build.DecisionsDir(siteFS, *decisions)
	if err != nil {
		return err
	}
	report(stderr, problems)
	sub := strings.Trim(path.Clean("/"+filepath.ToSlash(*folder)), "/")
	if *folder != "" && !config.ValidDir(filepath.ToSlash(*folder)) {
		return fmt.Errorf("--folder %q: name a sub-folder of the decisions folder", *folder)
	}
	dir := path.Join(root, sub)
	records, names, err := readFolder(siteFS, dir, sub)
	if err != nil {
		return err
	}

	d := &decision.Draft{Title: title, Date: date, Status: *status, Format: *format}
	if d.Supersedes, err = findRecords(records, supersedes, "--supersedes"); err != nil {
		return err
	}
	if d.Amends, err = findRecords(records, amends, "--amends"); err != nil {
		return err
	}
	if *format == "" {
		d.Template = siteTemplate(siteFS, root, dir)
		d.Format = decision.PrevalentFormat(records)
	}
	d.Dated = dated(names, d.Format)

	written, err := writeDraft(*site, dir, d)
	if err != nil {
		return err
	}
	for _, old := range d.Supersedes {
		if err := markSuperseded(*site, old, d.Record()); err != nil {
			return fmt.Errorf("wrote %s, but: %w", written, err)
		}
		fmt.Fprintf(stderr, "marked %s superseded by %s\n", old.Source, d.Record().ID)
	}
	fmt.Fprintln(stdout, written)
	return nil
}

// readFolder parses the records of one folder (not its sub-folders) and
// lists every file name, so that numbers are never reused even for files
// that do not parse.
func readFolder(siteFS fs.FS, dir, sub string) ([]*decision.Record, []string, error) {
	entries, err := fs.ReadDir(siteFS, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var records []*decision.Record
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		names = append(names, e.Name())
		if _, _, ok := decision.ParseFileName(e.Name()); !ok {
			continue
		}
		p := path.Join(dir, e.Name())
		src, err := fs.ReadFile(siteFS, p)
		if err != nil {
			return nil, nil, err
		}
		if r, err := decision.Parse(p, sub, src); err == nil {
			records = append(records, r)
		}
	}
	decision.Link(records) // numbers log4brains records; problems are check's business
	return records, names, nil
}

// findRecords finds the records refs name, by number or file name.
func findRecords(records []*decision.Record, refs []string, flagName string) ([]*decision.Record, error) {
	var out []*decision.Record
	for _, ref := range refs {
		id := strings.TrimSuffix(path.Base(filepath.ToSlash(ref)), ".md")
		n, isNumber := decision.ParseRef(ref)
		i := slices.IndexFunc(records, func(r *decision.Record) bool { return r.ID == id })
		if i < 0 && isNumber {
			i = slices.IndexFunc(records, func(r *decision.Record) bool { return r.Number == n })
		}
		if i < 0 {
			return nil, fmt.Errorf("%s %s: no such record in this folder (or it does not parse; run waymark check)", flagName, ref)
		}
		out = append(out, records[i])
	}
	return out, nil
}

// siteTemplate returns the site's own template: template.md in the
// category folder or the decisions folder, or adr-tools'
// templates/template.md.
func siteTemplate(siteFS fs.FS, root, dir string) []byte {
	for _, p := range []string{path.Join(dir, "template.md"), path.Join(root, "template.md"), path.Join(root, "templates", "template.md")} {
		if src, err := fs.ReadFile(siteFS, p); err == nil {
			return src
		}
	}
	return nil
}

// dated reports whether new records of this folder are named by date, as
// log4brains names them: when the folder's records are, or when a new
// log4brains folder starts.
func dated(names []string, format string) bool {
	datedNames, numbered := 0, 0
	for _, n := range names {
		if _, ok := decision.DatedName(n); ok {
			datedNames++
		} else if _, _, ok := decision.ParseFileName(n); ok {
			numbered++
		}
	}
	if datedNames+numbered == 0 {
		return format == "log4brains"
	}
	return datedNames > numbered
}

// writeDraft writes the draft into dir with the next free number. A lock
// file in the folder keeps two "new" commands run at once from taking the
// same number.
func writeDraft(site, dir string, d *decision.Draft) (string, error) {
	osDir := filepath.Join(site, filepath.FromSlash(dir))
	unlock, err := lockFolder(osDir)
	if err != nil {
		return "", err
	}
	defer unlock()
	names, err := listNames(osDir)
	if err != nil {
		return "", err
	}
	d.Number = decision.NextNumber(names)
	src, _, err := d.Render()
	if err != nil {
		return "", err
	}
	p := filepath.Join(osDir, d.FileName())
	return p, scaffold.WriteNew(p, src)
}

// lockFolder takes the folder's lock file, waiting up to ten seconds for
// another "new" to finish; a lock older than a minute is left over from a
// killed run and is taken over.
func lockFolder(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock := filepath.Join(dir, ".waymark-new.lock")
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(lock) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(lock); err == nil && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(lock)
			continue
		}
		if time.Since(start) > 10*time.Second {
			return nil, fmt.Errorf("%s is held by another waymark new; remove it if no other is running", lock)
		}
	}
}

func listNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, err
}

// markSuperseded rewrites the status of old, atomically: the new content
// goes to a temporary file beside it that replaces it.
func markSuperseded(site string, old, by *decision.Record) error {
	p := filepath.Join(site, filepath.FromSlash(old.Source))
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	out, err := decision.MarkSuperseded(old, src, by)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".waymark-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}
