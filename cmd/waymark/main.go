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
		debug.SetMemoryLimit(baseMemoryLimit)
	}
}

// A build keeps about 28 KB per document while it renders. The memory
// limit starts at baseMemoryLimit and grows by memoryPerDocument for a
// site of more than 10,000 documents, so that a large site gets the
// headroom a 10,000-document one has: with a fixed limit, a site of
// 50,000 spent most of its build collecting garbage.
const (
	baseMemoryLimit   = 320 << 20
	memoryPerDocument = 32 << 10
)

// scaleMemory raises the memory limit for a site of docs documents, once
// they are found and before they are parsed; GOMEMLIMIT, when set, wins.
func scaleMemory(docs int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(max(baseMemoryLimit, int64(docs)*memoryPerDocument))
	}
}
