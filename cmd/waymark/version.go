package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
	"time"
)

// pseudoVersion matches the version the go command gives a build from a
// commit without a tag: v0.0.0-20260115093000-0123456789ab(+dirty).
var pseudoVersion = regexp.MustCompile(`[-.](\d{14})-([0-9a-f]{12})(\+dirty)?$`)

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("version", stdout, stderr)
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("version takes no arguments, got %q", fs.Args())
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, "waymark", versionOf(bi))
	return nil
}

// versionOf says which waymark a binary is: the module version it was
// installed at (go install …@v1.2.0), else the commit it was built from
// and that commit's date (go install ./cmd/waymark in a clone), marked
// "modified" when the clone had changes.
func versionOf(bi *debug.BuildInfo) string {
	if bi == nil {
		return "(no build information)"
	}
	var rev, date string
	modified := false
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		m := pseudoVersion.FindStringSubmatch(v)
		if m == nil {
			return v
		}
		// A build from a clone is stamped with a pseudo-version made of
		// the commit's time and revision: say which commit that is.
		t, _ := time.Parse("20060102150405", m[1])
		return fmt.Sprintf("%s (commit %s of %s%s)", v, m[2], t.Format(time.RFC3339), map[bool]string{true: ", with changes not committed"}[m[3] != ""])
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			date = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "development build (no module version or commit recorded; build with go install in a git clone)"
	}
	out := "commit " + rev[:min(len(rev), 12)]
	if date != "" {
		out += " of " + date
	}
	if modified {
		out += ", with changes not committed"
	}
	return out
}
