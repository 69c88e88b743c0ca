// Package radar models a technology radar: blips placed in rings and
// quadrants, their history and roadmap, and the licence policy that judges
// them. It does no I/O.
//
// # Blip files
//
// A blip is radar/<id>.md with YAML front matter:
//
//	title     display name (default: from the id)
//	quadrant  a quadrant id from the site configuration (required)
//	ring      a ring id (required)
//	license   SPDX id or expression, e.g. "MIT OR Apache-2.0"
//	backing   organisation | foundation | community | individual | vendor
//	owner     team or person responsible for the guidance
//	summary   one or two sentences that say what the guidance is, for the
//	          radar's in-place card (default: the body's first paragraph)
//	reviewed  YYYY-MM-DD of the last review
//	horizon   roadmap horizon id when the blip is expected to move
//	tags      list or comma-separated string
//	history   ring movements, oldest first: {date, ring, decision, note,
//	          moved, quadrant}; moved (new, in, out or none) states the
//	          movement of that entry where the rings alone cannot tell it,
//	          as an imported radar that says "moved in" without the ring
//	          before; quadrant says that the blip moved to that quadrant
//	          with the entry; note is markdown
//	roadmap   planned moves: {horizon, ring, note}
//	link      the blip's page in the radar it was imported from (http or
//	          https); exports point there
//	drawn     false lists the blip (legend, its page, exports) but leaves
//	          it off the radar's drawing, as AOE's "featured: false"
//	related   ids of other blips this one is related to, a list or a
//	          comma-separated string; each blip's page lists the blips it
//	          names and those that name it (see Related)
//	packages  the packages whose use means this technology is used, as
//	          package URL patterns (see "Packages" below)
//
// The markdown body says why the blip is where it is. Format writes a blip
// back in this form; Slug makes ids from names.
//
// # Packages
//
// A blip's packages: list says which packages in the teams' SBOMs and
// lockfiles (package usage) mean that the technology is used. Each entry
// is a package URL without version, "pkg:<type>/<namespace>/<name>", such
// as pkg:npm/kafkajs or pkg:maven/org.apache.kafka/kafka-clients, written
// percent-encoded or not (pkg:npm/@angular/core). Matching uses these
// patterns only, never names:
//
//   - without *, a pattern matches that package and every package whose
//     name continues it after a slash (pkg:golang/github.com/aws/aws-sdk-go-v2
//     also matches .../aws-sdk-go-v2/service/s3, not .../aws-sdk-go-v2x);
//   - * stands for any run of characters, slashes included
//     (pkg:maven/org.apache.kafka/* is every artifact of that group);
//   - the type is compared without case, the rest exactly;
//   - versions (@…), qualifiers (?…) and subpaths (#…) are not matched: a
//     pattern that has them is an error, as is one that is no package URL.
//
// Matcher finds the blips that claim a package; a package may be claimed
// by several blips.
//
// # The edition and movement
//
// The radar's edition date is the configuration's edition key, or else the
// newest date in any blip's history. A blip is new when its first history
// entry falls in the six months up to the edition, moved in or moved out
// when its latest entry in that window took it toward or away from the
// centre; entries after the edition do not count yet.
//
// # The drawing
//
// Layout places every blip but those with drawn: false (which take no
// room and get no number) at build time, deterministically: the picture
// depends on the configuration and on the blips' quadrants, rings and
// titles, never on file order. Quadrants are equal sectors, the first
// starting straight up; rings are concentric. Every ring is as wide as its
// most crowded segment needs and the rest of BaseRadius is shared evenly;
// a radar too crowded for BaseRadius grows (the SVG's viewBox scales it
// back to the page) rather than overlapping or dropping blips. Within a
// segment the blips sit on concentric rows spaced as widely as the segment
// allows. No blip's circle (BlipRadius, body and marker) comes within
// BlipGap of another, within LineGap of a ring line or a sector boundary,
// or within LabelGap of a label: ring names sit in a lane along the upward
// axis, quadrant names outside the outer ring. Blips are numbered 1..n in
// reading order: by quadrant, ring, then title.
//
// SectorView gives the geometry of one quadrant drawn alone, enlarged,
// with the ring names beside its boundary. Package draw turns a layout
// into SVG; this package builds no markup.
//
// # Policy
//
// Policy judges SPDX licence expressions against the configured allowed,
// review and denied lists; Findings turns verdicts, backing and review
// dates into problems with file and line (see Findings for the rules).
package radar

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

// Backings returns the kinds of backing a blip may name.
func Backings() []string { return slices.Clone(backings) }

var backings = []string{"organisation", "foundation", "community", "individual", "vendor"}

// Blip is one technology on the radar.
type Blip struct {
	ID       string
	Source   string
	Title    string
	Quadrant string
	Ring     string
	License  string
	Backing  string
	Owner    string
	Summary  string // the summary: front matter, as written; "" when not stated
	Reviewed meta.Date
	Horizon  string
	Tags     []string
	History  []Move
	Roadmap  []Plan
	Link     string
	// NotDrawn is drawn: false: the blip is listed but not drawn.
	NotDrawn bool
	// Related are the ids of the blips its related: key names, as written.
	Related  []string
	Packages []string // package URL patterns, as written

	Body     []byte
	BodyLine int
	Lines    map[string]int
}

// Move is a ring change in a blip's history.
type Move struct {
	Date     meta.Date `yaml:"date"`
	Ring     string    `yaml:"ring"`
	Decision int       `yaml:"decision"`
	Note     string    `yaml:"note"`
	// Moved is the movement the source stated (Moves), where the rings
	// of the entries before do not show it; empty means derived.
	Moved string `yaml:"moved"`
	// Quadrant is the quadrant the blip moved to with this entry, where
	// it moved to another; empty means it stayed where it was.
	Quadrant string `yaml:"quadrant"`
}

// Moves returns the values a history entry's moved key may take.
func Moves() []string { return []string{"new", "in", "out", "none"} }

// Plan is a planned ring change on a roadmap horizon.
type Plan struct {
	Horizon string `yaml:"horizon"`
	Ring    string `yaml:"ring"`
	Note    string `yaml:"note"`
}

type frontMatter struct {
	Title    meta.Text    `yaml:"title"`
	Quadrant meta.Text    `yaml:"quadrant"`
	Ring     meta.Text    `yaml:"ring"`
	License  meta.Text    `yaml:"license"`
	Backing  meta.Text    `yaml:"backing"`
	Owner    meta.Text    `yaml:"owner"`
	Summary  meta.Text    `yaml:"summary"`
	Reviewed meta.Date    `yaml:"reviewed"`
	Horizon  meta.Text    `yaml:"horizon"`
	Tags     meta.Strings `yaml:"tags"`
	History  []Move       `yaml:"history"`
	Roadmap  []Plan       `yaml:"roadmap"`
	Link     meta.Text    `yaml:"link"`
	Drawn    *bool        `yaml:"drawn"`
	Related  meta.Strings `yaml:"related"`
	Packages meta.Strings `yaml:"packages"`
}

// Line returns the file line where key was written, or 1.
func (b *Blip) Line(key string) int {
	if n, ok := b.Lines[key]; ok {
		return n
	}
	return 1
}

// Parse reads the blip at path (relative to the site) from src and checks
// its quadrant, ring, backing and horizon against s.
func Parse(path string, src []byte, s Settings) (*Blip, error) {
	doc, err := meta.Split(path, src)
	if err != nil {
		return nil, err
	}
	var fm frontMatter
	if err := doc.Decode(&fm); err != nil {
		return nil, err
	}
	base := path[strings.LastIndex(path, "/")+1:]
	b := &Blip{
		ID: strings.TrimSuffix(base, ".md"), Source: path,
		Title: string(fm.Title), Quadrant: string(fm.Quadrant), Ring: string(fm.Ring),
		License: string(fm.License), Backing: strings.ToLower(string(fm.Backing)), Owner: string(fm.Owner),
		Summary:  strings.TrimSpace(string(fm.Summary)),
		Reviewed: fm.Reviewed, Horizon: string(fm.Horizon), Tags: fm.Tags,
		History: fm.History, Roadmap: fm.Roadmap, Packages: fm.Packages,
		Link: string(fm.Link), NotDrawn: fm.Drawn != nil && !*fm.Drawn, Related: fm.Related,
		Body: doc.Body, BodyLine: doc.BodyLine, Lines: map[string]int{},
	}
	for _, k := range []string{"title", "quadrant", "ring", "license", "backing", "owner", "reviewed", "horizon", "tags", "history", "roadmap", "packages"} {
		b.Lines[k] = doc.Line(k)
	}
	if b.Link != "" {
		b.Lines["link"] = doc.Line("link")
	}
	if fm.Drawn != nil {
		b.Lines["drawn"] = doc.Line("drawn")
	}
	if len(fm.Related) > 0 {
		b.Lines["related"] = doc.Line("related")
	}
	if b.Title == "" {
		b.Title = strings.ReplaceAll(b.ID, "-", " ")
	}
	return b, b.validate(&s)
}

// validate reports values the radar cannot place: each is an error.
func (b *Blip) validate(s *Settings) error {
	var l diag.List
	if b.Quadrant == "" {
		l.Add(diag.Errorf(b.Source, b.Line("quadrant"), "add quadrant: one of "+IDs(s.Quadrants), "blip has no quadrant"))
	} else if _, ok := s.Quadrant(b.Quadrant); !ok {
		l.Add(diag.Errorf(b.Source, b.Line("quadrant"), "use one of "+IDs(s.Quadrants), "unknown quadrant %q", b.Quadrant))
	}
	checkRing := func(ring, key string) {
		if _, ok := s.Ring(ring); !ok {
			l.Add(diag.Errorf(b.Source, b.Line(key), "use one of "+IDs(s.Rings), "unknown ring %q", ring))
		}
	}
	if b.Ring == "" {
		l.Add(diag.Errorf(b.Source, b.Line("ring"), "add ring: one of "+IDs(s.Rings), "blip has no ring"))
	} else {
		checkRing(b.Ring, "ring")
	}
	for _, m := range b.History {
		checkRing(m.Ring, "history")
		if _, ok := s.Quadrant(m.Quadrant); m.Quadrant != "" && !ok {
			l.Add(diag.Errorf(b.Source, b.Line("history"), "use one of "+IDs(s.Quadrants), "unknown quadrant %q in history", m.Quadrant))
		}
		if m.Moved != "" && !slices.Contains(Moves(), m.Moved) {
			l.Add(diag.Errorf(b.Source, b.Line("history"), "use one of "+strings.Join(Moves(), ", "), "unknown moved %q in history", m.Moved))
		}
		if m.Date.IsZero() {
			l.Add(diag.Errorf(b.Source, b.Line("history"), "give every history entry a date: YYYY-MM-DD", "history entry without a date"))
		}
	}
	for _, p := range b.Roadmap {
		checkRing(p.Ring, "roadmap")
	}
	if b.Link != "" && !webURL(b.Link) {
		l.Add(diag.Errorf(b.Source, b.Line("link"), "write it as https://…", "link %q is not an http(s) URL", b.Link))
	}
	if b.Backing != "" && !slices.Contains(backings, b.Backing) {
		l.Add(diag.Errorf(b.Source, b.Line("backing"), "use one of "+strings.Join(backings, ", "), "unknown backing %q", b.Backing))
	}
	horizons := func(h, key string) {
		if h != "" && !slices.ContainsFunc(s.Horizons, func(x Horizon) bool { return x.ID == h }) {
			l.Add(diag.Errorf(b.Source, b.Line(key), "use one of the horizons in waymark.yaml", "unknown horizon %q", h))
		}
	}
	horizons(b.Horizon, "horizon")
	for _, p := range b.Roadmap {
		horizons(p.Horizon, "roadmap")
	}
	if !slices.IsSortedFunc(b.History, func(a, c Move) int { return a.Date.Compare(c.Date) }) {
		l.Add(diag.Errorf(b.Source, b.Line("history"), "list history entries oldest first", "history is not in date order"))
	}
	for _, p := range b.Packages {
		if _, err := ParsePattern(p); err != nil {
			l.Add(diag.Errorf(b.Source, b.Line("packages"), "write it as pkg:<type>/<namespace>/<name>, with * for any run of characters", "packages: %v", err))
		}
	}
	return l.Err()
}

// webURL reports whether u is an absolute http or https URL.
func webURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// String names the blip for messages.
func (b *Blip) String() string { return fmt.Sprintf("%s (%s)", b.Title, b.Source) }
