package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/output"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/site"
)

// flags returns a flag set that prints its usage to stderr.
func flags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: waymark %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	return err
}

var errHelp = errors.New("help shown")

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("build", "build [--site DIR] [--out DIR] [--base-url URL] [--decisions DIR] [--force]\n\nBuilds the site into the output folder. A failed build leaves the previous output untouched.", stderr)
	sf := addSiteFlags(fs, baseURLUsage)
	out := fs.String("out", "", "output `folder` (default SITE/public)")
	force := fs.Bool("force", false, "write into a non-empty output folder waymark did not create (its files are kept)")
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if *out == "" {
		*out = filepath.Join(*sf.dir, "public")
	}
	if err := output.Guard(*out, *sf.dir, *force); err != nil {
		return err
	}
	start := time.Now()
	s, err := site.Load(sf.options())
	if err != nil {
		report(stderr, s.Problems.Sorted())
		return errReported
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := output.GuardSources(*out, *sf.dir, sourceFolders(s)); err != nil {
		return err
	}
	stage, err := output.NewStaging(ctx, *out, output.Wait{For: buildWait, Waiting: func(holder string) {
		fmt.Fprintf(stderr, "waiting for %s to finish writing %s\n", holder, *out)
	}})
	if err != nil {
		return err
	}
	if err := render.Render(stage, s); err != nil {
		_ = stage.Discard()
		report(stderr, s.Problems.Sorted())
		return fmt.Errorf("build failed, %s left as it was: %w", *out, err)
	}
	if err := ctx.Err(); err != nil {
		_ = stage.Discard()
		return err
	}
	if err := stage.Publish(); err != nil {
		return err
	}
	warn := s.Problems.Warnings()
	report(stderr, warn[:min(len(warn), maxBuildWarnings)])
	if len(warn) > maxBuildWarnings {
		fmt.Fprintf(stderr, "… and %d more warnings; waymark check lists them all\n", len(warn)-maxBuildWarnings)
	}
	_, policy, warnings := s.Problems.Count()
	fmt.Fprintf(stdout, "built %d decisions, %d blips and %d pages into %s in %s (%d warnings)\n",
		len(s.Decisions.Records), len(s.Radar.Blips), len(s.Pages), *out, time.Since(start).Round(time.Millisecond), policy+warnings)
	return nil
}

// buildWait is how long a build waits for another build of the same
// output folder before it gives up.
const buildWait = 2 * time.Minute

// sourceFolders are the folders of s that are read as the site.
func sourceFolders(s *site.Site) []string {
	return []string{s.Config.Decisions, s.Config.Radar, s.Config.Content, "themes/" + s.Config.Theme}
}

// maxBuildWarnings is how many warnings build prints; check prints all.
const maxBuildWarnings = 50

func helpOK(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func report(w io.Writer, problems []*diag.Problem) {
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
	}
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("check", "check [--site DIR] [--format text|json] [--strict] [--decisions DIR]\n\nReports every problem of the site as file:line: what is wrong; how to fix it.\nExits non-zero on errors and licence-policy violations (with --strict also on warnings).", stderr)
	sf := addSiteFlags(fs, baseURLUsage)
	format := fs.String("format", "text", "output `format`: text or json")
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("--format %q: use text or json", *format)
	}
	s, err := site.Load(sf.options())
	if err == nil {
		s.CheckLinks() // without rendering a page
		if th, err := render.LoadTheme(s); err != nil {
			s.Problems.Add(diag.As("themes/"+s.Config.Theme, err))
		} else {
			_ = render.CheckOutputs(s, page.Assemble(s), th) // its problems are reported with the others
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	problems := s.Problems.Sorted()
	errs, policy, warnings := s.Problems.Count()
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if problems == nil {
			problems = []*diag.Problem{}
		}
		if err := enc.Encode(map[string]any{"problems": problems, "errors": errs, "policy": policy, "warnings": warnings}); err != nil {
			return err
		}
	} else {
		report(stdout, problems)
		fmt.Fprintf(stdout, "%d errors, %d policy violations, %d warnings\n", errs, policy, warnings)
	}
	if errs+policy > 0 || (*strict && warnings > 0) {
		return errReported
	}
	return nil
}

func runInit(args []string, stdout, stderr io.Writer) error {
	fs := flags("init", "init DIR\n\nCreates a new site with a sample decision, a few blips and a page. DIR must be new or empty.", stderr)
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("init needs exactly one folder")
	}
	dir := fs.Arg(0)
	if _, err := scaffold.Init(dir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created a new site in %s\nnext: cd %s && waymark build\n", dir, dir)
	return nil
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
