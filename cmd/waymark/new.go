package main

import (
	"context"
	"errors"
	"fmt"
	"io"
)

const newUsage = `Usage: waymark new KIND ...

Kinds:
  blip "Name" --quadrant Q --ring R   a radar blip
`

// runNew creates a new source file; the first argument names its kind.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return errors.New("new needs a kind of file to make")
	}
	switch args[0] {
	case "blip":
		return runNewBlip(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, newUsage)
		return nil
	}
	fmt.Fprint(stderr, newUsage)
	return fmt.Errorf("unknown kind %q for new", args[0])
}
