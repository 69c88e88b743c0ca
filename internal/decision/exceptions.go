package decision

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// Exception is a time-limited exception a record grants one team: to
// keep using blips the radar holds, or to ship licences the licence
// policy denies, until a date.
type Exception struct {
	Team     string
	Blips    []string // blip ids
	Licenses []string // SPDX licence ids
	Until    meta.Date
	Line     int // file line of the exception
}

// exception is one item of the exceptions key as written.
type exception struct {
	Exception
	line int // within the front matter
}

var exceptionKeys = []string{"team", "blips", "licenses", "until"}

// UnmarshalYAML reads {team, blips | licenses, until}.
func (e *exception) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: write an exception as {team: T, blips: [ids], until: YYYY-MM-DD}", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(exceptionKeys, k.Value) {
			return fmt.Errorf("line %d: unknown key %q in an exception; use team, blips, licenses and until", k.Line, k.Value)
		}
	}
	var v struct {
		Team     meta.Text    `yaml:"team"`
		Blips    meta.Strings `yaml:"blips"`
		Licenses meta.Strings `yaml:"licenses"`
		Until    meta.Date    `yaml:"until"`
	}
	if err := n.Decode(&v); err != nil {
		return err
	}
	e.Exception = Exception{Team: string(v.Team), Blips: v.Blips, Licenses: v.Licenses, Until: v.Until}
	e.line = n.Line
	return nil
}

// readExceptions checks the exceptions written in front matter and
// returns them with file lines; offset is the front matter's first line
// less one.
func readExceptions(file string, offset int, written []exception) ([]Exception, error) {
	var l diag.List
	var out []Exception
	for _, w := range written {
		e := w.Exception
		e.Line = offset + w.line
		switch {
		case e.Team == "":
			l.Add(diag.Errorf(file, e.Line, "name the team as its folder under usage/ is named", "exception without a team"))
		case len(e.Blips) == 0 && len(e.Licenses) == 0:
			l.Add(diag.Errorf(file, e.Line, "list the blips (blips: [kafka]) or licences (licenses: [AGPL-3.0-only]) it excepts", "exception for %s excepts nothing", e.Team))
		case e.Until.IsZero():
			l.Add(diag.Errorf(file, e.Line, "add until: YYYY-MM-DD; an exception without an end is a new rule, not an exception", "exception for %s has no until date", e.Team))
		}
		out = append(out, e)
	}
	return out, l.Err()
}
