// Package annotation writes problems as GitHub Actions workflow commands,
// which GitHub shows as annotations on the lines of a pull request:
//
//	::error file=decisions/0005-kafka.md,line=3,title=waymark/unknown-ring::unknown ring "hodl"; use one of adopt, trial, assess, hold
//
// Errors and policy violations are "error" (check fails on both),
// warnings "warning". Values are escaped as the runner expects: % and
// line breaks everywhere, and also : and , in properties.
package annotation

import (
	"fmt"
	"io"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/sarif"
)

// Write writes one workflow command per problem; dir is the folder the
// problems' files are relative to, relative to the repository root.
func Write(w io.Writer, dir string, problems []*diag.Problem) error {
	for _, p := range problems {
		props := []string{"file=" + property(sarif.URI(dir, p.File))}
		if p.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", p.Line))
		}
		props = append(props, "title="+property(p.Rule()))
		msg := p.Message
		if p.Fix != "" {
			msg += "; " + p.Fix
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", sarif.Level(p), strings.Join(props, ","), data(msg)); err != nil {
			return err
		}
	}
	return nil
}

// data escapes a command's message.
func data(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// property escapes a command's property value.
func property(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
