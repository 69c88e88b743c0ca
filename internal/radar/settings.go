package radar

import (
	"regexp"
	"strings"

	"github.com/waymark-dev/waymark/internal/meta"
)

// Settings are what a site says about its radar: the segments blips are
// placed in, the roadmap horizons, the edition and the policies that judge
// blips. The site configuration decodes into these types and produces a
// Settings; the radar never reads a configuration file itself.
type Settings struct {
	Title     string    // names the radar in its drawing: the site's title
	Quadrants []Segment // in drawing order, the first straight up
	Rings     []Segment // from the centre out
	Adopting  []string  // ids of the rings where teams may use a blip
	Horizons  []Horizon // roadmap horizons, nearest first
	Edition   meta.Date // the edition date; zero means the newest history date
	Review    ReviewPeriod
	Licenses  Licenses
}

// Segment is a quadrant or a ring.
type Segment struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Color       string `yaml:"color"`
}

// Horizon is a roadmap horizon, reaching Months ahead of the edition date.
type Horizon struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Months int    `yaml:"months"`
}

// ReviewPeriod says how often blips must be reviewed.
type ReviewPeriod struct {
	Months int `yaml:"months"`
}

// Licenses is the licence policy, as SPDX ids.
type Licenses struct {
	Allowed []string `yaml:"allowed"`
	Review  []string `yaml:"review"`
	Denied  []string `yaml:"denied"`
}

// DefaultSettings returns the radar of a site that configures none: four
// quadrants and four rings as most radars name them, the first two rings
// adopting, three horizons, a review every ten months, and common
// permissive licences allowed, weak copyleft reviewed, network copyleft
// and source-available licences denied. It has no title.
func DefaultSettings() Settings {
	return Settings{
		Quadrants: []Segment{
			{ID: "techniques", Title: "Techniques"},
			{ID: "tools", Title: "Tools"},
			{ID: "platforms", Title: "Platforms"},
			{ID: "languages-and-frameworks", Title: "Languages & Frameworks"},
		},
		Rings: []Segment{
			{ID: "adopt", Title: "Adopt"},
			{ID: "trial", Title: "Trial"},
			{ID: "assess", Title: "Assess"},
			{ID: "hold", Title: "Hold"},
		},
		Adopting: []string{"adopt", "trial"},
		Horizons: []Horizon{
			{ID: "now", Title: "Now"},
			{ID: "next", Title: "Next", Months: 10},
			{ID: "later", Title: "Later", Months: 24},
		},
		Review: ReviewPeriod{Months: 10},
		Licenses: Licenses{
			Allowed: []string{"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD", "Zlib", "Unlicense", "PostgreSQL", "BSL-1.0", "CC0-1.0", "Python-2.0"},
			Review:  []string{"MPL-2.0", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "EPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later"},
			Denied:  []string{"AGPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0", "BUSL-1.1", "Elastic-2.0", "Commons-Clause"},
		},
	}
}

// Ring returns the ring with the given id.
func (s *Settings) Ring(id string) (Segment, bool) { return find(s.Rings, id) }

// Quadrant returns the quadrant with the given id.
func (s *Settings) Quadrant(id string) (Segment, bool) { return find(s.Quadrants, id) }

func find(segs []Segment, id string) (Segment, bool) {
	for _, s := range segs {
		if s.ID == id {
			return s, true
		}
	}
	return Segment{}, false
}

// IDs lists the ids of segs, for messages.
func IDs(segs []Segment) string {
	ids := make([]string, len(segs))
	for i, s := range segs {
		ids[i] = s.ID
	}
	return strings.Join(ids, ", ")
}

var colorRE = regexp.MustCompile(`^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|rgba|hsl|hsla)\([0-9., %/]+\))$`)

// ValidColor reports whether c is a colour a quadrant or ring may have:
// #hex, a CSS colour name, or rgb()/hsl() with numbers. Nothing else can
// reach the drawing's style attributes.
func ValidColor(c string) bool { return colorRE.MatchString(c) }
