package config

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/radar"
)

// SetShape returns the waymark.yaml src (empty for a site without one)
// with its quadrants and rings set to the given segments, and a line for
// each key it changed. Every other key and every comment is kept: the
// file is edited as a YAML node tree, not rewritten from a Config. An
// adopting key that names rings the new rings lack is set to the first
// two new rings, as a site without the key has. The result is checked by
// Parse, so a shape the site could not load is an error, not a file.
func SetShape(file string, src []byte, quadrants, rings []radar.Segment) ([]byte, []string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s:%d: the file is not a map of keys; fix it before importing", file, root.Line)
	}
	var changed []string
	set := func(key string, v *yaml.Node, what string) {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == key {
				v.HeadComment, v.LineComment, v.FootComment = root.Content[i+1].HeadComment, root.Content[i+1].LineComment, root.Content[i+1].FootComment
				root.Content[i+1] = v
				changed = append(changed, key+": "+what)
				return
			}
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
		changed = append(changed, key+": "+what)
	}
	set("quadrants", segmentsNode(quadrants), titleList(quadrants))
	set("rings", segmentsNode(rings), titleList(rings))
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "adopting" {
			continue
		}
		var adopting []string
		_ = root.Content[i+1].Decode(&adopting)
		if !slices.ContainsFunc(adopting, func(id string) bool {
			return !slices.ContainsFunc(rings, func(r radar.Segment) bool { return r.ID == id })
		}) {
			break
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		var titles []string
		for _, r := range rings[:min(2, len(rings))] {
			seq.Content = append(seq.Content, scalarNode(r.ID))
			titles = append(titles, r.Title)
		}
		set("adopting", seq, strings.Join(titles, ", "))
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := enc.Close(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	if _, err := Parse(file, out.Bytes()); err != nil {
		return nil, nil, err
	}
	return out.Bytes(), changed, nil
}

// segmentsNode writes segments as a block list of one-line maps.
func segmentsNode(segs []radar.Segment) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, s := range segs {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		for _, kv := range [][2]string{{"id", s.ID}, {"title", s.Title}, {"description", s.Description}, {"color", s.Color}} {
			if kv[1] != "" {
				m.Content = append(m.Content, scalarNode(kv[0]), scalarNode(kv[1]))
			}
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

// scalarNode is a string the encoder quotes where YAML would read it as
// something else.
func scalarNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func titleList(segs []radar.Segment) string {
	var out []string
	for _, s := range segs {
		out = append(out, s.Title)
	}
	return strings.Join(out, ", ")
}

// SetsShape reports whether the waymark.yaml src lists quadrants or
// rings of its own: a site that does not has the default shape, which an
// import may replace with its source's.
func SetsShape(src []byte) bool {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i].Value; k == "quadrants" || k == "rings" {
			return true
		}
	}
	return false
}
