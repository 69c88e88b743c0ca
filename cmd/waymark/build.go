package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"time"

	"github.com/waymark-dev/waymark/internal/annotation"
	"github.com/waymark-dev/waymark/internal/buildcache"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/output"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/render"
	"github.com/waymark-dev/waymark/internal/sarif"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("build", stdout, stderr)
	sf := addSiteFlags(fs, baseURLUsage)
	out := fs.String("out", "", "output `folder` (default SITE/public)")
	force := fs.Bool("force", false, "write into a non-empty output folder waymark did not create (its files are kept)")
	cf := cacheFlags{
		dir: fs.String("cache-dir", "", "build cache `folder` (default $"+cacheEnv+", else waymark/ in your cache folder); each site gets a folder inside"),
		off: fs.Bool("no-cache", false, "neither read nor write the build cache"),
	}
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
	version := startVersion()
	opts := sf.options()
	opts.Walked = scaleMemory
	wait := output.Wait{For: buildWait, Waiting: func(holder string) {
		fmt.Fprintf(stderr, "waiting for %s to finish writing %s\n", holder, *out)
	}}
	cache := cf.open(*sf.dir, version, stderr)
	var st *stamping
	if cache != nil {
		st, opts = newStamping(cache, sf, opts, *out)
		if sd, ok := st.again(ctx, wait); ok {
			tell(stdout, stderr, sd, *out, time.Since(start).Round(time.Millisecond).String()+" (nothing changed since the last build)")
			return nil
		}
	}
	s, err := site.Load(opts)
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
	spare := ""
	if cache != nil {
		spare = cache.SpareDir(*out)
	}
	stage, err := output.NewStagingWithSpare(ctx, *out, wait, spare)
	if err != nil {
		return err
	}
	if err := renderCached(stage, s, cache, stderr); err != nil {
		_ = stage.Discard()
		report(stderr, s.Problems.Sorted())
		return fmt.Errorf("build failed, %s left as it was: %w", *out, err)
	}
	if err := ctx.Err(); err != nil {
		_ = stage.Discard()
		return err
	}
	sd := saidOf(s)
	if st != nil {
		fp, err := stage.PublishNoting()
		if err != nil {
			cache.DropStamp(*out)
			return err
		}
		st.keep(fp, sd)
	} else if err := stage.Publish(); err != nil {
		return err
	}
	written, same := stage.Changed()
	took := time.Since(start).Round(time.Millisecond).String()
	if same > 0 {
		took += fmt.Sprintf(" (%s written, %d unchanged)", count(written, "file"), same)
	}
	tell(stdout, stderr, sd, *out, took)
	return nil
}

// renderCached renders s into w, through the build cache c when it is
// not nil.
func renderCached(w render.Writer, s *site.Site, c *buildcache.Cache, stderr io.Writer) error {
	th, err := render.LoadTheme(s)
	if err != nil {
		s.Problems.Add(diag.As("themes/"+s.Config.Theme, err))
		return err
	}
	if c == nil {
		return render.Build(w, s, th, nil)
	}
	reuse, err := c.For(s, th)
	if err != nil {
		fmt.Fprintf(stderr, "warning: build cache: %v; building without it\n", err)
		return render.Build(w, s, th, nil)
	}
	err = render.Build(w, s, th, reuse)
	if cerr := c.Close(); cerr != nil {
		// The build is good without a trimmed cache: say so, not fail it.
		fmt.Fprintf(stderr, "warning: trimming the build cache: %v; remove its folder or pass --no-cache\n", cerr)
	}
	return err
}

// buildWait is how long a build waits for another build of the same
// output folder before it gives up.
const buildWait = 2 * time.Minute

// sourceFolders are the folders of s that are read as the site.
func sourceFolders(s *site.Site) []string {
	return []string{s.Config.Decisions, s.Config.Radar, s.Config.Content, "themes/" + s.Config.Theme}
}

// notices are the site's notices, an empty list rather than none.
func notices(s *site.Site) []string {
	if s.Notices == nil {
		return []string{}
	}
	return s.Notices
}

// notify prints the site's notices, one line each.
func notify(w io.Writer, s *site.Site) {
	for _, n := range s.Notices {
		fmt.Fprintln(w, "note:", n)
	}
}

// maxBuildWarnings is how many warnings build prints; check prints all.
const maxBuildWarnings = 50

func report(w io.Writer, problems []*diag.Problem) {
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
	}
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("check", stdout, stderr)
	sf := addSiteFlags(fs, baseURLUsage)
	format := fs.String("format", "text", "output `format`: text, json, sarif (SARIF 2.1.0, for code scanning) or github (workflow annotations)")
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	formats := []string{"text", "json", "sarif", "github"}
	if !slices.Contains(formats, *format) {
		return fmt.Errorf("--format %s: use text, json, sarif or github%s", *format, didYouMean(*format, formats, ""))
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
	switch *format {
	case "sarif":
		var version string
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		log := sarif.New(problems, sarif.Options{Version: version, Dir: repoPath(*sf.dir),
			Describe: func(p *diag.Problem) string { return cmp.Or(p.Pattern, p.Message) }})
		if err := log.Write(stdout); err != nil {
			return err
		}
	case "github":
		if err := annotation.Write(stdout, repoPath(*sf.dir), problems); err != nil {
			return err
		}
		for _, n := range s.Notices {
			fmt.Fprintf(stdout, "::notice title=waymark::%s\n", n)
		}
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if problems == nil {
			problems = []*diag.Problem{}
		}
		if err := enc.Encode(map[string]any{"problems": problems, "notices": notices(s), "errors": errs, "policy": policy, "warnings": warnings}); err != nil {
			return err
		}
	default:
		report(stdout, problems)
		notify(stderr, s)
		if errs+policy+warnings == 0 {
			fmt.Fprintln(stdout, "no problems")
		} else {
			fmt.Fprintln(stdout, list(count(errs, "error"), count(policy, "policy violation"), count(warnings, "warning")))
		}
	}
	if errs+policy > 0 || (*strict && warnings > 0) {
		return errReported
	}
	return nil
}

func runInit(args []string, stdout, stderr io.Writer) error {
	fs := flags("init", stdout, stderr)
	host := fs.String("ci", "", "also write a CI `host`'s workflow (github or gitlab): check pull requests, publish the main branch to Pages; into an existing site, only the workflow")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		return usageError(fs, errors.New("init needs exactly one folder"))
	}
	dir := pos[0]
	if *host != "" && !slices.Contains(scaffold.CIHosts(), *host) {
		return fmt.Errorf("--ci %s: use github or gitlab%s", *host, didYouMean(*host, scaffold.CIHosts(), ""))
	}
	if *host != "" && isSite(dir) {
		written, err := scaffold.CI(dir, *host)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s, a %s workflow for the site in %s\nnext: commit it; read its comments on publishing under a sub-path\n", written, *host, dir)
		return nil
	}
	written, err := scaffold.Init(dir, today())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created a new site in %s (%s: a sample decision, blips, a page and a README)\n", dir, count(len(written), "file"))
	if *host != "" {
		p, err := scaffold.CI(dir, *host)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s, a %s workflow that checks pull requests and publishes the main branch\n", p, *host)
	}
	fmt.Fprintf(stdout, "next: cd %s && waymark serve\n", shellQuote(dir))
	return nil
}

// isSite reports whether dir holds a site's waymark.yaml.
func isSite(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "waymark.yaml"))
	return err == nil
}

// repoPath is the site folder as a slash path relative to the working
// directory, which CI runs at the repository's root, for the file paths
// of SARIF results and annotations.
func repoPath(dir string) string {
	if filepath.IsAbs(dir) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, dir); err == nil && filepath.IsLocal(rel) {
				dir = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(dir))
}
