package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// flags returns the flag set of the command name ("build", "new adr").
// Its help, printed to stdout by --help, is made from the command's entry
// in commands and from the flags defined on the set, written --flag.
func flags(name string, stdout, _ io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints its errors and the usage itself; parse
	// reports errors in one line of its own and shows the help.
	fs.SetOutput(helpOut{stdout})
	fs.Usage = func() {}
	return fs
}

// helpOut is a flag set's output: it drops what the flag package prints
// and keeps where parse shows the help.
type helpOut struct{ stdout io.Writer }

func (helpOut) Write(p []byte) (int, error) { return len(p), nil }

// errHelp is returned by parse when --help was asked for and shown.
var errHelp = errors.New("help shown")

// parse parses args, showing the help for --help and turning the flag
// package's errors into one line that names the flag as it is written
// (--out) and the nearest flag that exists.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		if out, ok := fs.Output().(helpOut); ok {
			fmt.Fprint(out.stdout, commandHelp(fs))
		}
		return errHelp
	}
	msg := err.Error()
	hint := fmt.Sprintf(" (waymark %s --help lists the flags)", fs.Name())
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		return fmt.Errorf("%s: unknown flag --%s%s%s", fs.Name(), name, didYouMean(name, known, "--"), hint)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		name = strings.TrimLeft(name, "-")
		return fmt.Errorf("%s: --%s needs a value, as in --%s %s%s", fs.Name(), name, name, valueName(fs.Lookup(name)), hint)
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil && m[1] != "" {
		return fmt.Errorf("%s: --%s takes true or false, not %s (--%s alone means true)", fs.Name(), m[3], m[2], m[3])
	} else if m != nil {
		return fmt.Errorf("%s: --%s %s: %s%s", fs.Name(), m[3], m[2], m[4], hint)
	}
	return fmt.Errorf("%s: %s%s", fs.Name(), msg, hint)
}

// invalidValue matches the flag package's `invalid value "x" for flag
// -n: reason` (and its wording for booleans).
var invalidValue = regexp.MustCompile(`^invalid (boolean )?value (".*") for (?:flag )?-+(\S+): (.*)$`)

// helpOK turns the error of a shown help into success.
func helpOK(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// commandHelp is the --help text of the command whose flag set is fs.
func commandHelp(fs *flag.FlagSet) string {
	c := commandNamed(fs.Name())
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: waymark %s\n\n", synopsis(fs))
	if c.about != "" {
		b.WriteString(wrap(sentence(strings.ReplaceAll(c.about, "`", "")), 76) + "\n")
	}
	var rows [][2]string
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		left := "--" + f.Name
		if v := valueName(f); v != "" {
			left += " " + v
		}
		_, usage := flag.UnquoteUsage(f)
		if f.DefValue != "" && f.DefValue != "false" && !strings.Contains(usage, "default") {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		rows = append(rows, [2]string{left, usage})
		width = max(width, len(left))
	})
	if len(rows) > 0 {
		b.WriteString("\nFlags:\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, r[0], r[1])
		}
	}
	return b.String()
}

// commandNamed returns the command called name; a zero command if none.
func commandNamed(name string) command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return command{name: name}
}

// synopsis is the command's usage line: its name, its arguments and its
// flags, required ones bare, others in brackets, repeatable ones with "...".
func synopsis(fs *flag.FlagSet) string {
	c := commandNamed(fs.Name())
	parts := []string{c.name}
	if c.args != "" {
		parts = append(parts, c.args)
	}
	fs.VisitAll(func(f *flag.Flag) {
		s := "--" + f.Name
		if v := valueName(f); v != "" {
			s += " " + v
		}
		_, usage := flag.UnquoteUsage(f)
		if !strings.Contains(usage, "(required)") {
			s = "[" + s + "]"
		}
		if _, ok := f.Value.(repeatable); ok {
			s += "..."
		}
		parts = append(parts, s)
	})
	return strings.Join(parts, " ")
}

// repeatable is a flag value that may be given more than once.
type repeatable interface{ repeatable() }

func (*refList) repeatable() {}
func (nameMap) repeatable()  {}

func (*patternList) repeatable() {}

// valueName is the name of a flag's value in upper case (the word in
// backquotes in its usage), or "" for a boolean flag.
func valueName(f *flag.Flag) string {
	if f == nil {
		return "VALUE"
	}
	name, _ := flag.UnquoteUsage(f)
	return strings.ToUpper(name)
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// wrap breaks s into lines of at most width bytes at spaces.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		if i > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		} else if i > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// usageError is err followed by the command's usage line, in one line.
func usageError(fs *flag.FlagSet, err error) error {
	return fmt.Errorf("%w; usage: waymark %s", err, synopsis(fs))
}
