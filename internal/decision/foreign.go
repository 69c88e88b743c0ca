package decision

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/suggest"
)

// publishingKeys are front matter keys written by the publishing tools
// teams put decision folders into (GitBook, Docusaurus, Just the Docs,
// Hugo, MkDocs). waymark reads description, summary, draft and authors;
// the others it accepts and leaves alone.
var publishingKeys = []string{
	"description", "summary", "draft", "authors", "author",
	"sidebar_label", "sidebar_position", "sidebar_class_name", "sidebar_custom_props", "displayed_sidebar",
	"slug", "id", "weight", "keywords", "hide", "hide_title", "hide_table_of_contents", "toc", "toc_min_heading_level",
	"toc_max_heading_level", "pagination_label", "pagination_next", "pagination_prev", "custom_edit_url", "image",
	"aliases", "categories", "series", "type", "linkTitle", "menu", "url", "lastmod", "publishDate", "expiryDate",
	"icon", "search", "template", "title_template", "tags_description", "nav_order", "nav_exclude", "layout",
	"parent", "grand_parent", "has_children", "has_toc", "permalink", "last_update", "unlisted", "comments",
}

// foreignKeys reads the keys of other publishing tools out of the front
// matter and returns the rest for strict decoding. A key one or two edits
// from a key waymark knows is a typo and an error; any other unknown key
// is a warning and is left out.
func (r *Record) foreignKeys(doc *meta.Doc) (*yaml.Node, error) {
	if doc.Meta.Kind != yaml.DocumentNode || len(doc.Meta.Content) == 0 || doc.Meta.Content[0].Kind != yaml.MappingNode {
		return doc.Meta, nil
	}
	m := doc.Meta.Content[0]
	offset := doc.MetaLine - 1
	var kept []*yaml.Node
	var errs diag.List
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := offset + k.Line
		switch {
		case slices.Contains(frontMatterKeys, k.Value):
			kept = append(kept, k, v)
		case slices.Contains(publishingKeys, k.Value) || slices.Contains(meta.ForeignKeys(), k.Value):
			if err := r.publishingKey(k.Value, v, line); err != nil {
				errs.Add(diag.Errorf(doc.File, line, "", "%v", err))
			}
		default:
			if near := nearestKey(k.Value); near != "" {
				errs.Add(diag.Errorf(doc.File, line, fmt.Sprintf("did you mean %q?", near), "unknown key %q", k.Value))
				continue
			}
			r.warn(line, "remove it, or use one of: "+strings.Join(frontMatterKeys, ", "), "unknown front matter key %q is ignored", k.Value)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	mc, dc := *m, *doc.Meta
	mc.Content = kept
	dc.Content = []*yaml.Node{&mc}
	return &dc, nil
}

// publishingKey reads the publishing tools' keys waymark has a use for.
func (r *Record) publishingKey(key string, v *yaml.Node, line int) error {
	switch key {
	case "description", "summary":
		if v.Kind == yaml.ScalarNode && r.Summary == "" {
			r.Summary = strings.TrimSpace(v.Value)
		}
	case "draft":
		if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" && v.Value == "true" {
			r.Draft = true
			r.Lines["draft"] = line
		}
	case "authors", "author":
		var names list
		if err := names.UnmarshalYAML(v); err != nil {
			// Docusaurus also writes authors as maps {name, url}
			if v.Kind == yaml.SequenceNode {
				for _, it := range v.Content {
					if it.Kind == yaml.MappingNode {
						for j := 0; j+1 < len(it.Content); j += 2 {
							if it.Content[j].Value == "name" {
								r.Authors = append(r.Authors, it.Content[j+1].Value)
							}
						}
					}
				}
			}
			return nil
		}
		r.Authors = append(r.Authors, names...)
	}
	return nil
}

// nearestKey returns the known key name is a typo of: within one edit
// for short names, two for longer ones; "" when none is that close.
func nearestKey(name string) string {
	limit := 2
	if len(name) <= 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	for _, k := range frontMatterKeys {
		if d := suggest.Distance(strings.ToLower(name), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
