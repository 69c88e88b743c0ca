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
	stopProfile := startProfile()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	stopProfile()
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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, helpText())
		return errors.New("no command given")
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 {
			return run(ctx, append(args[1:], "--help"), stdout, stderr)
		}
		fmt.Fprint(stdout, helpText())
		return nil
	case "--version", "-version":
		return runVersion(ctx, nil, stdout, stderr)
	}
	c, rest, err := findCommand(args)
	if err != nil {
		return err
	}
	return c.run(ctx, rest, stdout, stderr)
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
