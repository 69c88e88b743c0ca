package decision

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/meta"
)

// unfilled reports whether n is a MADR template placeholder that YAML
// read as a flow mapping: date: {YYYY-MM-DD when the decision was last
// updated}. MADR 3 and 4 templates are full of them.
func unfilled(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle == 0 {
		return false
	}
	for i := 1; i < len(n.Content); i += 2 {
		if v := n.Content[i]; v.Kind != yaml.ScalarNode || v.Tag != "!!null" {
			return false
		}
	}
	return true
}

// text is a single value; an unfilled placeholder reads as empty.
type text string

// UnmarshalYAML reads any scalar as its literal text.
func (t *text) UnmarshalYAML(n *yaml.Node) error {
	if unfilled(n) {
		*t = ""
		return nil
	}
	var v meta.Text
	if err := v.UnmarshalYAML(n); err != nil {
		return err
	}
	*t = text(v)
	return nil
}

// list is a YAML list or a comma-separated string; placeholders are empty.
type list []string

// UnmarshalYAML reads a list or a comma-separated string.
func (l *list) UnmarshalYAML(n *yaml.Node) error {
	if unfilled(n) {
		*l = nil
		return nil
	}
	var v meta.Strings
	if err := v.UnmarshalYAML(n); err != nil {
		return err
	}
	out := list{}
	for _, s := range v {
		if !placeholder(s) {
			out = append(out, s)
		}
	}
	*l = out
	return nil
}

// ref is one reference to a record as written in front matter.
type ref struct {
	value string
	line  int // line within the front matter
}

// refs is a list of references written as a number, a list, or a
// comma-separated string of references such as ADR-0003 and 0003-slug.md.
type refs []ref

// UnmarshalYAML reads one reference or a list of them.
func (rs *refs) UnmarshalYAML(n *yaml.Node) error {
	if unfilled(n) {
		return nil
	}
	var items []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		for _, part := range strings.Split(n.Value, ",") {
			items = append(items, &yaml.Node{Kind: yaml.ScalarNode, Value: part, Line: n.Line})
		}
	case yaml.SequenceNode:
		items = n.Content
	default:
		return fmt.Errorf("line %d: expected a record number or a list of them", n.Line)
	}
	for _, it := range items {
		if it.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: expected a record number such as 3 or ADR-0003, not a nested list or map", it.Line)
		}
		v := strings.TrimSpace(it.Value)
		if v == "" || placeholder(v) {
			continue
		}
		if _, ok := refTarget(v); !ok {
			return fmt.Errorf("line %d: %q is not a record reference; write a number such as 3 or ADR-0003", it.Line, v)
		}
		*rs = append(*rs, ref{v, it.Line})
	}
	return nil
}
