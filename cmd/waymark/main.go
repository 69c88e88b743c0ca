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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "waymark:", err)
		}
		os.Exit(1)
	}
}

// errReported is returned when the problems are already printed.
var errReported = errors.New("problems reported")

const usage = `waymark turns architecture decision records and a technology radar into a static site.

Usage:
  waymark build   [--site DIR] [--out DIR] [--base-url URL] [--force]
  waymark check   [--site DIR] [--format text|json] [--strict]
  waymark serve   [--site DIR] [--addr 127.0.0.1:1313] [--open]
  waymark init    DIR
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
