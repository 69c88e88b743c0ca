// Package config reads a site's waymark.yaml.
//
// Every key is optional; a missing file means all defaults. Unknown and
// duplicate keys are errors with file and line. The keys:
//
//	title        site title (default "Architecture")
//	description  one line shown on the home page and in the feed
//	baseURL      absolute URL the site is published at; used only where an
//	             absolute URL is required (feed, sitemap, canonical links)
//	decisions    folder of decision records (default "decisions"), or a
//	             map: folder; statuses, the folder's own status words
//	             mapped onto the lifecycle ({implemented: accepted});
//	             defaultStatus, the status of records that state none
//	             (default: they show as "not stated"); review, the months
//	             after its date an accepted record is due for review
//	             (default: never); proposedDays, the days a record may
//	             stay proposed before check asks for a decision (30)
//	radar        folder of radar blips (default "radar")
//	content      folder of free pages (default "content")
//	theme        name of a theme folder under themes/ (default "default")
//	quadrants    list of ids, or maps {id, title, description, color}
//	rings        likewise; the first two rings are the adopting rings
//	             unless adopting is given
//	adopting     ring ids that mean "teams may use this"
//	horizons     list of {id, title, months}; months is how far ahead the
//	             horizon reaches from the radar's edition date
//	edition      the radar's edition date (default: newest history date)
//	review       {months}: a blip not reviewed for that long is stale
//	licenses     {allowed, review, denied}: lists of SPDX licence ids;
//	             without the key, permissive licences are allowed, weak
//	             copyleft reviewed and network copyleft denied
//	markdown     {unsafe: true} renders raw HTML in markdown, sanitised
//	search       false leaves out the search box, the search page and
//	             the search index (default true)
//	usage        {folder, holdInUse, candidates}: the folder of teams'
//	             SBOMs and lockfiles (default "usage"); the severity of a
//	             held technology still in use, warning (default) or
//	             policy; how many projects must use a package no blip
//	             claims before /usage/ suggests a blip (default 2)
//	views        named radars for one audience each, made from the same
//	             blips: a list of {id, title, description, tags, owners,
//	             quadrants, blips}; a blip is in a view when the view
//	             lists it under blips, or when it matches every kind of
//	             criterion given (any one tag, owner or quadrant of those
//	             listed). Each view gets radar/views/<id>/ and a
//	             standalone radar/views/<id>/radar.svg
//	editURL      where a page's source can be edited, with {path} for
//	             the file's path in the site folder, e.g.
//	             https://github.com/acme/guide/edit/main/{path}
package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/usage"
)

// FileName is the configuration file's name in a site folder.
const FileName = "waymark.yaml"

// Config is a site's configuration with defaults applied.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"baseURL"`
	Decisions   string `yaml:"-"` // the decisions folder in use
	// DecisionSettings is the decisions key as written: a folder, or a
	// map with the folder and how its records are read.
	DecisionSettings DecisionSettings `yaml:"decisions"`
	// Lifecycle is how decisions age: decisions.review and
	// decisions.proposedDays, as DecisionSettings states them.
	Lifecycle decision.Lifecycle `yaml:"-"`
	Radar     string             `yaml:"radar"`
	Content   string             `yaml:"content"`
	Theme     string             `yaml:"theme"`
	Quadrants Segments           `yaml:"quadrants"`
	Rings     Segments           `yaml:"rings"`
	Adopting  []string           `yaml:"adopting"`
	Horizons  []radar.Horizon    `yaml:"horizons"`
	Edition   meta.Date          `yaml:"edition"`
	Review    radar.ReviewPeriod `yaml:"review"`
	Licenses  radar.Licenses     `yaml:"licenses"`
	Markdown  Markdown           `yaml:"markdown"`
	Search    *bool              `yaml:"search"` // nil: on; see SearchOn
	Usage     usage.Settings     `yaml:"usage"`
	Views     []radar.View       `yaml:"views"`
	EditURL   string             `yaml:"editURL"`
}

// EditLink returns the URL where the site file at path can be edited, or
// "" when the site sets no editURL.
func (c *Config) EditLink(path string) string {
	if c.EditURL == "" || path == "" {
		return ""
	}
	return strings.ReplaceAll(c.EditURL, "{path}", (&url.URL{Path: path}).EscapedPath())
}

// SearchOn reports whether the site has search (the search key is not
// false).
func (c *Config) SearchOn() bool { return c.Search == nil || *c.Search }

// RadarSettings returns what the radar needs of the configuration.
func (c *Config) RadarSettings() radar.Settings {
	return radar.Settings{Title: c.Title, Quadrants: c.Quadrants, Rings: c.Rings, Adopting: c.Adopting,
		Horizons: c.Horizons, Edition: c.Edition, Review: c.Review, Licenses: c.Licenses}
}

// Markdown holds rendering options.
type Markdown struct {
	Unsafe bool `yaml:"unsafe"`
}

// Segments are quadrants or rings as waymark.yaml lists them: each a
// plain id or a map with id, title, description and color.
type Segments []radar.Segment

// UnmarshalYAML decodes a list of segments; yaml itself walks the list,
// so that null items, aliases and the errors of several items are handled
// as for any list.
func (s *Segments) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return n.Decode(new([]radar.Segment)) // yaml's message for a value that is not a list
	}
	var items []segment
	err := n.Decode(&items)
	*s = make(Segments, len(items))
	for i, item := range items {
		(*s)[i] = radar.Segment(item)
	}
	return err
}

// segment is one item of Segments.
type segment radar.Segment

// UnmarshalYAML accepts a plain id or a map with id, title, description and color.
func (s *segment) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = segment{ID: n.Value}
		return nil
	}
	type plain segment
	var p plain
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected an id or a map with id, title, description", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; k.Value {
		case "id", "title", "description", "color":
		default:
			return fmt.Errorf("line %d: unknown key %q; use id, title, description or color", k.Line, k.Value)
		}
	}
	if err := n.Decode(&p); err != nil {
		return err
	}
	*s = segment(p)
	return nil
}

// Default returns the configuration of a site with no waymark.yaml.
func Default() *Config {
	c := &Config{}
	c.applyDefaults()
	return c
}

// validID reports whether id is a segment or horizon id: lower-case
// letters of any script, digits and dashes, not starting with a dash
// (avstå, languages-and-frameworks). Page URLs percent-encode what is not
// ASCII.
func validID(id string) bool {
	for i, r := range id {
		if !(r == '-' && i > 0) && !unicode.IsDigit(r) && !(unicode.IsLetter(r) && !unicode.IsUpper(r)) {
			return false
		}
	}
	return id != ""
}

func (c *Config) applyDefaults() {
	c.Title = cmpOr(c.Title, "Architecture")
	c.Decisions = cmpOr(cmpOr(c.Decisions, c.DecisionSettings.Folder), "decisions")
	c.Lifecycle, _ = c.DecisionSettings.Lifecycle()
	c.Radar = cmpOr(c.Radar, "radar")
	c.Content = cmpOr(c.Content, "content")
	c.Theme = cmpOr(c.Theme, "default")
	def := radar.DefaultSettings()
	if len(c.Quadrants) == 0 {
		c.Quadrants = def.Quadrants
	}
	if len(c.Rings) == 0 {
		c.Rings = def.Rings
	}
	if len(c.Horizons) == 0 {
		c.Horizons = def.Horizons
	}
	if c.Review.Months == 0 {
		c.Review.Months = def.Review.Months
	}
	if c.Licenses.Allowed == nil && c.Licenses.Review == nil && c.Licenses.Denied == nil {
		c.Licenses = def.Licenses
	}
	if c.Adopting == nil {
		for _, r := range c.Rings[:min(2, len(c.Rings))] {
			c.Adopting = append(c.Adopting, r.ID)
		}
	}
	for _, segs := range []Segments{c.Quadrants, c.Rings} {
		for i := range segs {
			segs[i].Title = cmpOr(segs[i].Title, titleFromID(segs[i].ID))
		}
	}
	for i := range c.Views {
		c.Views[i].Title = cmpOr(c.Views[i].Title, titleFromID(c.Views[i].ID))
	}
	for i := range c.Horizons {
		c.Horizons[i].Title = cmpOr(c.Horizons[i].Title, titleFromID(c.Horizons[i].ID))
	}
	du := usage.DefaultSettings()
	c.Usage.Folder = cmpOr(c.Usage.Folder, du.Folder)
	c.Usage.HoldInUse = cmpOr(c.Usage.HoldInUse, du.HoldInUse)
	if c.Usage.Candidates == 0 {
		c.Usage.Candidates = du.Candidates
	}
	if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
}

func cmpOr(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return v
}

func titleFromID(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// Parse reads configuration from src, named file in messages.
func Parse(file string, src []byte) (*Config, error) {
	node, err := meta.ParseYAML(file, src)
	if err != nil {
		return nil, err
	}
	c := &Config{}
	if err := meta.Decode(file, 0, node, c); err != nil {
		return nil, err
	}
	c.applyDefaults()
	if err := c.validate(file, node); err != nil {
		return nil, err
	}
	return c, nil
}

// validate checks values that decode but make no sense.
func (c *Config) validate(file string, node *yaml.Node) error {
	var l diag.List
	line := func(key string) int { return meta.KeyLine(node, key) }
	check := func(key string, segs Segments) {
		if len(segs) > 8 {
			l.Add(diag.Errorf(file, line(key), "use at most 8", "%d %s given", len(segs), key))
		}
		seen := map[string]bool{}
		for _, s := range segs {
			switch {
			case !validID(s.ID):
				l.Add(diag.Errorf(file, line(key), "use lower-case letters (of any script), digits and dashes", "%s id %q is not a valid id", key, s.ID))
			case seen[s.ID]:
				l.Add(diag.Errorf(file, line(key), "give each a different id", "%s id %q appears twice", key, s.ID))
			case s.Color != "" && !radar.ValidColor(s.Color):
				l.Add(diag.Errorf(file, line(key), "write it as #rrggbb, a CSS colour name, rgb(…) or hsl(…)", "%s %q: color %q is not a colour", key, s.ID, s.Color))
			}
			seen[s.ID] = true
		}
	}
	check("quadrants", c.Quadrants)
	check("rings", c.Rings)
	for _, a := range c.Adopting {
		if !slices.ContainsFunc(c.Rings, func(r radar.Segment) bool { return r.ID == a }) {
			l.Add(diag.Errorf(file, line("adopting"), "name rings listed under rings", "adopting ring %q is not a ring", a))
		}
	}
	seen := map[string]bool{}
	for _, h := range c.Horizons {
		if !validID(h.ID) || seen[h.ID] {
			l.Add(diag.Errorf(file, line("horizons"), "give each horizon a unique id of lower-case letters, digits and dashes", "horizon id %q is invalid or repeated", h.ID))
		}
		seen[h.ID] = true
	}
	if c.BaseURL != "" {
		if !ValidBaseURL(c.BaseURL) {
			l.Add(diag.Errorf(file, line("baseURL"), "write it as https://host/path/", "baseURL %q is not an absolute http(s) URL", c.BaseURL))
		}
	}
	for _, bad := range c.DecisionSettings.validate() {
		l.Add(diag.Errorf(file, line("decisions"), "map each word to proposed, accepted, rejected, deprecated or superseded", "%s", bad))
	}
	if err := c.Usage.Validate(); err != nil {
		l.Add(diag.Errorf(file, line("usage"), "see the usage key in the documentation", "usage: %v", err))
	}
	if !ValidDir(c.Usage.Folder) {
		l.Add(diag.Errorf(file, line("usage"), "name a folder inside the site", "usage folder %q leaves the site folder", c.Usage.Folder))
	}
	if _, bad := c.DecisionSettings.Lifecycle(); bad != "" {
		l.Add(diag.Errorf(file, line("decisions"), "write review: as a number of months and proposedDays: as a number of days", "%s", bad))
	}
	views := map[string]bool{}
	for _, v := range c.Views {
		switch {
		case !validID(v.ID):
			l.Add(diag.Errorf(file, line("views"), "use lower-case letters (of any script), digits and dashes", "view id %q is not a valid id", v.ID))
		case views[v.ID]:
			l.Add(diag.Errorf(file, line("views"), "give each view a different id", "view id %q appears twice", v.ID))
		case len(v.Tags)+len(v.Owners)+len(v.Quadrants)+len(v.Blips) == 0:
			l.Add(diag.Errorf(file, line("views"), "give it tags, owners, quadrants or blips", "view %q selects no blips", v.ID))
		}
		views[v.ID] = true
		for _, q := range v.Quadrants {
			if !slices.ContainsFunc(c.Quadrants, func(s radar.Segment) bool { return s.ID == q }) {
				l.Add(diag.Errorf(file, line("views"), "name quadrants listed under quadrants: "+radar.IDs(c.Quadrants), "view %q: quadrant %q is not a quadrant", v.ID, q))
			}
		}
	}
	if c.EditURL != "" {
		u, err := url.Parse(strings.ReplaceAll(c.EditURL, "{path}", "x"))
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			l.Add(diag.Errorf(file, line("editURL"), "write it as https://host/…/{path}", "editURL %q is not an absolute http(s) URL", c.EditURL))
		case !strings.Contains(c.EditURL, "{path}"):
			l.Add(diag.Errorf(file, line("editURL"), "put {path} where the file's path goes, e.g. https://github.com/acme/guide/edit/main/{path}", "editURL %q has no {path}", c.EditURL))
		}
	}
	for key, dir := range map[string]string{"decisions": c.Decisions, "radar": c.Radar, "content": c.Content, "theme": c.Theme} {
		if !ValidDir(dir) {
			l.Add(diag.Errorf(file, line(key), "name a folder inside the site", "%s folder %q leaves the site folder", key, dir))
		}
	}
	return l.Err()
}

// ValidBaseURL reports whether u is an absolute http(s) URL with a host,
// as baseURL (and --base-url) must be: it starts every link of the feed,
// the sitemap and canonical links, so javascript: or data: may not.
func ValidBaseURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// ValidDir reports whether dir is a relative path that stays inside the site.
func ValidDir(dir string) bool {
	return dir != "" && !strings.HasPrefix(dir, "/") && !strings.Contains(dir, "\\") &&
		!slices.Contains(strings.Split(dir, "/"), "..")
}
