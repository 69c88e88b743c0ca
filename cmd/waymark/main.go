// Command waymark builds architecture decision records and a technology
// radar into a static site. Run "waymark help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
)

func main() {
	tuneMemory()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "waymark:", err)
		}
		var coded interface{ ExitCode() int }
		if errors.As(err, &coded) {
			os.Exit(coded.ExitCode())
		}
		os.Exit(1)
	}
}

// errReported is returned when the problems are already printed.
var errReported = errors.New("problems reported")

const usage = `waymark turns architecture decision records and a technology radar into a static site.

Usage:
  waymark build   [--site DIR] [--out DIR] [--base-url URL] [--decisions DIR] [--force]
  waymark check   [--site DIR] [--format text|json] [--strict] [--decisions DIR]
  waymark serve   [--site DIR] [--addr 127.0.0.1:1313] [--open]
  waymark new adr "Title" [--supersedes N]... [--amends N]... [--status proposed] [--format madr|nygard|madr2|log4brains]
  waymark init    DIR
  waymark new     blip "Name" --quadrant Q --ring R [--site DIR] [--packages PURL]...
  waymark import  byor-csv|zalando-json|backstage-json|aoe SRC [--site DIR] [--date YYYY-MM-DD]
  waymark export  byor-csv|zalando-json|backstage-json|json [--site DIR] [--out FILE]
  waymark audit   --site GUIDE [--team TEAM] [--format text|json|sarif|github] [--fail-on hold,denied] FILE...
  waymark version

Run "waymark COMMAND --help" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "init":
		return runInit(rest, stdout, stderr)
	case "new":
		return runNew(ctx, rest, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "export":
		return runExport(ctx, rest, stdout, stderr)
	case "audit":
		return runAudit(ctx, rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "waymark", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// tuneMemory trades a little memory for less garbage collection: a build
// allocates far more than it keeps. GOGC and GOMEMLIMIT, when set, win.
func tuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(320 << 20)
	}
}
