package decision

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// Format reads one way of writing decision records.
type Format interface {
	// Name identifies the format in messages, e.g. "madr".
	Name() string
	// Accepts reports whether doc is written in this format.
	Accepts(doc *meta.Doc) bool
	// Read fills r from doc; r already has number, id and source.
	Read(doc *meta.Doc, r *Record) error
}

// Formats are the formats tried, in order, by Parse.
var Formats = []Format{FrontMatter{}}

// Parse reads the record at path (relative to the site, used in messages)
// from src. folder is its category sub-folder, "" at the top level.
func Parse(path, folder string, src []byte) (*Record, error) {
	number, id, ok := ParseFileName(path)
	if !ok {
		return nil, diag.Errorf(path, 1, "name it NNNN-title.md", "not a decision record file name")
	}
	doc, err := meta.Split(path, src)
	if err != nil {
		return nil, err
	}
	r := &Record{Number: number, ID: id, Folder: folder, Source: path, Lines: map[string]int{}}
	for _, f := range Formats {
		if f.Accepts(doc) {
			if err := f.Read(doc, r); err != nil {
				return nil, err
			}
			break
		}
	}
	r.Status = strings.ToLower(strings.TrimSpace(r.Status))
	if r.Status == "" {
		r.Status = Proposed
	}
	if r.Title == "" {
		r.Title = strings.ReplaceAll(strings.TrimLeft(id, "0123456789-_"), "-", " ")
	}
	return r, nil
}

// FrontMatter reads MADR 3 and 4 records: YAML front matter and markdown.
// It also accepts files with no front matter at all, taking the title from
// the first heading, so it is the format of last resort.
type FrontMatter struct{}

// Name returns "madr".
func (FrontMatter) Name() string { return "madr" }

// Accepts every document.
func (FrontMatter) Accepts(*meta.Doc) bool { return true }

type madr struct {
	Title          meta.Text    `yaml:"title"`
	Status         meta.Text    `yaml:"status"`
	Date           meta.Text    `yaml:"date"`
	DecisionMakers meta.Strings `yaml:"decision-makers"`
	Deciders       meta.Strings `yaml:"deciders"`
	Consulted      meta.Strings `yaml:"consulted"`
	Informed       meta.Strings `yaml:"informed"`
	Tags           meta.Strings `yaml:"tags"`
	Supersedes     refs         `yaml:"supersedes"`
	Amends         refs         `yaml:"amends"`
	Related        refs         `yaml:"related"`
	Blips          meta.Strings `yaml:"blips"`
}

// Read decodes the front matter strictly and takes the title from the body.
func (FrontMatter) Read(doc *meta.Doc, r *Record) error {
	var fm madr
	if err := doc.Decode(&fm); err != nil {
		return err
	}
	for _, k := range []string{"title", "status", "date", "decision-makers", "deciders", "consulted", "informed", "tags", "supersedes", "amends", "related", "blips"} {
		r.Lines[k] = doc.Line(k)
	}
	r.Title = string(fm.Title)
	r.Status = string(fm.Status)
	if by, ok := supersededBy(r.Status); ok {
		r.Status = Superseded
		r.SupersededBy = append(r.SupersededBy, by)
	}
	if fm.Date != "" {
		d, err := meta.ParseDate(string(fm.Date))
		if err != nil {
			return diag.Errorf(doc.File, doc.Line("date"), "write it as YYYY-MM-DD", "%v", err)
		}
		r.Date = d
	}
	r.DecisionMakers = append(fm.DecisionMakers, fm.Deciders...)
	r.Consulted, r.Informed, r.Tags, r.Blips = fm.Consulted, fm.Informed, fm.Tags, fm.Blips
	r.Supersedes, r.Amends, r.Related = fm.Supersedes, fm.Amends, fm.Related
	title, body := cutTitle(doc.Body)
	if r.Title == "" {
		r.Title = title
	}
	r.Body, r.BodyLine = body, doc.BodyLine
	return nil
}

// supersededBy reads statuses like "superseded by [ADR-0005](0005-x.md)".
func supersededBy(status string) (int, bool) {
	s := strings.TrimSpace(status)
	const prefix = "superseded by"
	if len(s) <= len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return 0, false
	}
	return ParseRef(s[len(prefix):])
}

// cutTitle returns the text of the first "# " heading and the body with that
// heading line blanked, so body line numbers stay true.
func cutTitle(body []byte) (string, []byte) {
	rest := body
	offset := 0
	inFence := false
	for len(rest) > 0 {
		end := bytes.IndexByte(rest, '\n')
		line := rest
		if end >= 0 {
			line = rest[:end]
		}
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			inFence = !inFence
		}
		if !inFence && bytes.HasPrefix(t, []byte("# ")) {
			title := strings.TrimSpace(strings.TrimRight(string(t[2:]), "#"))
			out := make([]byte, 0, len(body))
			out = append(out, body[:offset]...)
			out = append(out, body[offset+len(line):]...)
			return title, out
		}
		if end < 0 {
			break
		}
		offset += end + 1
		rest = rest[end+1:]
	}
	return "", body
}

// refs is a list of record numbers written as a number, a list, or
// references such as ADR-0003 and 0003-slug.md.
type refs []int

// UnmarshalYAML reads one reference or a list of them.
func (rs *refs) UnmarshalYAML(n *yaml.Node) error {
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
		if v == "" {
			continue
		}
		num, ok := ParseRef(v)
		if !ok {
			return fmt.Errorf("line %d: %q is not a record reference; write a number such as 3 or ADR-0003", it.Line, v)
		}
		*rs = append(*rs, num)
	}
	return nil
}
