package config_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/usage"
)

// problems unpacks err, which may join several errors, into problems and
// fails the test for any error that is not a *diag.Problem.
func problems(t testing.TB, err error) []*diag.Problem {
	t.Helper()
	ps, others := diag.Split(err)
	for _, e := range others {
		t.Fatalf("error %q (%T) is not a *diag.Problem", e, e)
	}
	return ps
}

const everyKey = `title: Acme Architecture
description: What we build with.
baseURL: https://architecture.acme.example/guide
decisions: adr
radar: tech/radar
content: pages
theme: acme
quadrants:
  - id: techniques
    title: Ways of Working
    description: How we work.
    color: "#1f77b4"
  - tools
  - id: platforms
  - data-stores
rings:
  - adopt
  - id: trial
    title: Try It
  - assess
  - hold
adopting: [adopt]
horizons:
  - id: now
  - id: soon
    title: Soon-ish
    months: 6
edition: 2025-03-01
review:
  months: 12
licenses:
  allowed: [MIT, Apache-2.0]
  review: [MPL-2.0]
  denied: [AGPL-3.0-only]
markdown:
  unsafe: true
usage: {folder: sboms, holdInUse: policy, candidates: 3}
views:
  - id: data-team
    description: What the data team runs.
    tags: [databases]
    owners: [data-team]
    quadrants: [data-stores]
    blips: [kafka]
editURL: https://github.com/acme/guide/edit/main/{path}
`

func TestParseEveryKey(t *testing.T) {
	c, err := config.Parse("waymark.yaml", []byte(everyKey))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := &config.Config{
		Title:            "Acme Architecture",
		Description:      "What we build with.",
		BaseURL:          "https://architecture.acme.example/guide/",
		Decisions:        "adr",
		DecisionSettings: config.DecisionSettings{Folder: "adr"},
		Radar:            "tech/radar",
		Content:          "pages",
		Theme:            "acme",
		Quadrants: config.Segments{
			{ID: "techniques", Title: "Ways of Working", Description: "How we work.", Color: "#1f77b4"},
			{ID: "tools", Title: "Tools"},
			{ID: "platforms", Title: "Platforms"},
			{ID: "data-stores", Title: "Data Stores"},
		},
		Rings: config.Segments{
			{ID: "adopt", Title: "Adopt"},
			{ID: "trial", Title: "Try It"},
			{ID: "assess", Title: "Assess"},
			{ID: "hold", Title: "Hold"},
		},
		Adopting: []string{"adopt"},
		Horizons: []radar.Horizon{
			{ID: "now", Title: "Now"},
			{ID: "soon", Title: "Soon-ish", Months: 6},
		},
		Edition: meta.Date{Year: 2025, Month: time.March, Day: 1},
		Review:  radar.ReviewPeriod{Months: 12},
		Licenses: radar.Licenses{
			Allowed: []string{"MIT", "Apache-2.0"},
			Review:  []string{"MPL-2.0"},
			Denied:  []string{"AGPL-3.0-only"},
		},
		Markdown: config.Markdown{Unsafe: true},
		Usage:    usage.Settings{Folder: "sboms", HoldInUse: "policy", Candidates: 3},
		Views: []radar.View{{ID: "data-team", Title: "Data Team", Description: "What the data team runs.",
			Tags: []string{"databases"}, Owners: []string{"data-team"}, Quadrants: []string{"data-stores"}, Blips: []string{"kafka"}}},
		EditURL: "https://github.com/acme/guide/edit/main/{path}",
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", c, want)
	}
}

func TestParseDefaults(t *testing.T) {
	for _, src := range []string{"", "\n", "# only a comment\n", "---\n", "\ufeff", "~\n"} {
		t.Run(src, func(t *testing.T) {
			c, err := config.Parse("waymark.yaml", []byte(src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(c, config.Default()) {
				t.Errorf("Parse(%q) =\n%+v\nwant the defaults\n%+v", src, c, config.Default())
			}
		})
	}
	c := config.Default()
	for _, tt := range []struct{ got, want string }{
		{c.Title, "Architecture"},
		{c.Decisions, "decisions"},
		{c.Radar, "radar"},
		{c.Content, "content"},
		{c.Theme, "default"},
		{c.BaseURL, ""},
		{radar.IDs(c.Quadrants), "techniques, tools, platforms, languages-and-frameworks"},
		{radar.IDs(c.Rings), "adopt, trial, assess, hold"},
		{strings.Join(c.Adopting, ", "), "adopt, trial"},
		{c.Quadrants[3].Title, "Languages & Frameworks"},
		{c.Rings[0].Title, "Adopt"},
	} {
		if tt.got != tt.want {
			t.Errorf("default %q, want %q", tt.got, tt.want)
		}
	}
	if got, want := len(c.Horizons), 3; got != want {
		t.Fatalf("%d default horizons, want %d", got, want)
	}
	if got, want := c.Horizons[2], (radar.Horizon{ID: "later", Title: "Later", Months: 24}); got != want {
		t.Errorf("default horizon %+v, want %+v", got, want)
	}
	if got, want := c.Review.Months, 10; got != want {
		t.Errorf("default review months = %d, want %d", got, want)
	}
	if !c.Edition.IsZero() {
		t.Errorf("default edition = %v, want none", c.Edition)
	}
	// Defaults are copies: changing one configuration leaves the next alone.
	c.Quadrants[0].Title = "changed"
	c.Rings[0].ID = "changed"
	c.Horizons[0].ID = "changed"
	d := config.Default()
	if d.Quadrants[0].Title == "changed" || d.Rings[0].ID == "changed" || d.Horizons[0].ID == "changed" {
		t.Error("Default shares its segments with an earlier configuration")
	}
}

func TestParseLicenses(t *testing.T) {
	def := config.Default().Licenses
	for _, tt := range []struct {
		list []string
		id   string
	}{{def.Allowed, "MIT"}, {def.Review, "MPL-2.0"}, {def.Denied, "AGPL-3.0-only"}} {
		if !slices.Contains(tt.list, tt.id) {
			t.Errorf("default licence lists do not put %s in %v", tt.id, tt.list)
		}
	}
	// A stated policy replaces the default one entirely.
	c, err := config.Parse("waymark.yaml", []byte("licenses:\n  denied: [GPL-3.0-only]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Licenses, (radar.Licenses{Denied: []string{"GPL-3.0-only"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("Licenses = %+v, want %+v", got, want)
	}
}

func TestParseSegments(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ids      string
		titles   string
		adopting string
	}{
		{
			name: "plain ids", src: "rings: [now, soon, later]",
			ids: "now, soon, later", titles: "Now|Soon|Later", adopting: "now, soon",
		},
		{
			name: "maps", src: "rings:\n  - {id: use, title: Use it}\n  - {id: avoid}",
			ids: "use, avoid", titles: "Use it|Avoid", adopting: "use, avoid",
		},
		{
			name: "mixed", src: "rings:\n  - first-choice\n  - {id: second, description: d}\n  - x9",
			ids: "first-choice, second, x9", titles: "First Choice|Second|X9", adopting: "first-choice, second",
		},
		{
			name: "one ring", src: "rings: [only]",
			ids: "only", titles: "Only", adopting: "only",
		},
		{
			name: "adopting given", src: "rings: [a, b, c]\nadopting: [b, c]",
			ids: "a, b, c", titles: "A|B|C", adopting: "b, c",
		},
		{
			name: "adopting empty", src: "rings: [a, b, c]\nadopting: []",
			ids: "a, b, c", titles: "A|B|C", adopting: "",
		},
		{
			name: "eight rings", src: "rings: [a, b, c, d, e, f, g, h]",
			ids: "a, b, c, d, e, f, g, h", titles: "A|B|C|D|E|F|G|H", adopting: "a, b",
		},
		{
			name: "empty list means defaults", src: "rings: []",
			ids: "adopt, trial, assess, hold", titles: "Adopt|Trial|Assess|Hold", adopting: "adopt, trial",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse("waymark.yaml", []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got, want := radar.IDs(c.Rings), tt.ids; got != want {
				t.Errorf("ring ids = %q, want %q", got, want)
			}
			var titles []string
			for _, r := range c.Rings {
				titles = append(titles, r.Title)
			}
			if got, want := strings.Join(titles, "|"), tt.titles; got != want {
				t.Errorf("ring titles = %q, want %q", got, want)
			}
			if got, want := strings.Join(c.Adopting, ", "), tt.adopting; got != want {
				t.Errorf("adopting = %q, want %q", got, want)
			}
		})
	}

	c, err := config.Parse("waymark.yaml", []byte("quadrants:\n  - id: a\n    title: Alpha\n    color: red\n  - b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Quadrants, (config.Segments{{ID: "a", Title: "Alpha", Color: "red"}, {ID: "b", Title: "B"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("quadrants = %+v, want %+v", got, want)
	}
	rs := c.RadarSettings()
	if q, ok := rs.Quadrant("b"); !ok || q.Title != "B" {
		t.Errorf("Quadrant(b) = %+v, %v", q, ok)
	}
	if _, ok := rs.Quadrant("tools"); ok {
		t.Error("Quadrant(tools) found a default quadrant that was replaced")
	}
	if r, ok := rs.Ring("hold"); !ok || r.Title != "Hold" {
		t.Errorf("Ring(hold) = %+v, %v", r, ok)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int    // one problem per line, in order
		texts []string // in Error()
	}{
		{
			name:  "unknown top-level key",
			src:   "title: x\n\nthemes: dark\n",
			lines: []int{3},
			texts: []string{`waymark.yaml:3: unknown key "themes"; remove it or use one of: title, description, baseURL`},
		},
		{
			name:  "key in the wrong case",
			src:   "baseurl: https://x.example/\n",
			lines: []int{1},
			texts: []string{`unknown key "baseurl"`},
		},
		{
			name:  "unclosed flow sequence",
			src:   "title: a\nrings: [adopt, trial\ntheme: t\n",
			lines: []int{2},
			texts: []string{`waymark.yaml:2: did not find expected ',' or ']'`},
		},
		{
			name:  "duplicate top-level key",
			src:   "title: a\ntheme: t\ntitle: b\n",
			lines: []int{3},
			texts: []string{`waymark.yaml:3: duplicate key "title" (first at line 1)`},
		},
		{
			name:  "view without criteria",
			src:   "views:\n  - id: empty\n",
			lines: []int{1},
			texts: []string{`waymark.yaml:1: view "empty" selects no blips; give it tags, owners, quadrants or blips`},
		},
		{
			name:  "view ids",
			src:   "title: x\nviews:\n  - {id: Team, tags: [a]}\n  - {id: t, tags: [a]}\n  - {id: t, tags: [b]}\n",
			lines: []int{2, 2},
			texts: []string{`view id "Team" is not a valid id`, `view id "t" appears twice`},
		},
		{
			name:  "view of an unknown quadrant",
			src:   "views:\n  - {id: t, quadrants: [tool]}\n",
			lines: []int{1},
			texts: []string{`view "t": quadrant "tool" is not a quadrant; name quadrants listed under quadrants: techniques, tools`},
		},
		{
			name:  "unknown key in a view",
			src:   "views:\n  - id: t\n    tag: [a]\n",
			lines: []int{3},
			texts: []string{`unknown key "tag"`},
		},
		{
			name:  "editURL without {path}",
			src:   "editURL: https://github.com/acme/guide/edit/main/\n",
			lines: []int{1},
			texts: []string{`editURL "https://github.com/acme/guide/edit/main/" has no {path}`},
		},
		{
			name:  "editURL not http",
			src:   "editURL: javascript:alert({path})\n",
			lines: []int{1},
			texts: []string{`is not an absolute http(s) URL`},
		},
		{
			name:  "unknown key inside a quadrant map",
			src:   "quadrants:\n  - tools\n  - id: platforms\n    colour: red\n",
			lines: []int{4},
			texts: []string{`waymark.yaml:4: unknown key "colour"; use id, title, description or color`},
		},
		{
			name:  "unknown key inside a ring map",
			src:   "rings:\n  - id: adopt\n  - id: hold\n\n    name: Hold\n",
			lines: []int{5},
			texts: []string{`unknown key "name"`},
		},
		{
			name:  "list as a quadrant",
			src:   "quadrants:\n  - [a, b]\n",
			lines: []int{2},
			texts: []string{"expected an id or a map"},
		},
		{
			name:  "unknown key in a horizon",
			src:   "horizons:\n  - id: now\n    month: 3\n",
			lines: []int{3},
			texts: []string{`unknown key "month"; remove it or use one of: id, title, months`},
		},
		{
			name:  "unknown key in review",
			src:   "review:\n  every: 3\n",
			lines: []int{2},
			texts: []string{`unknown key "every"`},
		},
		{
			name:  "unknown key in licenses",
			src:   "licenses:\n  allowed: [MIT]\n  forbidden: [GPL-3.0-only]\n",
			lines: []int{3},
			texts: []string{`unknown key "forbidden"; remove it or use one of: allowed, review, denied`},
		},
		{
			name:  "wrong type",
			src:   "review:\n  months: ten\n",
			lines: []int{2},
			texts: []string{"waymark.yaml:2: cannot unmarshal !!str `ten` into int"},
		},
		{
			name:  "wrong type for markdown.unsafe",
			src:   "markdown:\n  unsafe: maybe\n",
			lines: []int{2},
			texts: []string{"cannot unmarshal"},
		},
		{
			name:  "bad edition",
			src:   "title: t\nedition: March 2025\n",
			lines: []int{2},
			texts: []string{`date "March 2025" is not YYYY-MM-DD`},
		},
		{
			name:  "more than 8 rings",
			src:   "title: t\nrings: [a, b, c, d, e, f, g, h, i]\n",
			lines: []int{2},
			texts: []string{"waymark.yaml:2: 9 rings given; use at most 8"},
		},
		{
			name:  "more than 8 quadrants",
			src:   "quadrants: [a, b, c, d, e, f, g, h, i, j]\n",
			lines: []int{1},
			texts: []string{"10 quadrants given; use at most 8"},
		},
		{
			name:  "duplicate ring ids",
			src:   "rings:\n  - adopt\n  - id: adopt\n    title: Again\n",
			lines: []int{1},
			texts: []string{`waymark.yaml:1: rings id "adopt" appears twice; give each a different id`},
		},
		{
			name:  "duplicate quadrant ids",
			src:   "title: t\nquadrants: [a, b, a]\n",
			lines: []int{2},
			texts: []string{`quadrants id "a" appears twice`},
		},
		{
			name:  "invalid ids",
			src:   "rings: [Adopt, 'with space', '']\n",
			lines: []int{1, 1, 1},
			texts: []string{`rings id "Adopt" is not a valid id`, `rings id "with space"`, `rings id ""`},
		},
		{
			name:  "adopting names a non-ring",
			src:   "rings: [adopt, hold]\n\nadopting: [adopt, trial]\n",
			lines: []int{3},
			texts: []string{`waymark.yaml:3: adopting ring "trial" is not a ring; name rings listed under rings`},
		},
		{
			name:  "adopting names a default ring that was replaced",
			src:   "adopting: [adopt]\nrings: [use, avoid]\n",
			lines: []int{1},
			texts: []string{`adopting ring "adopt" is not a ring`},
		},
		{
			name:  "bad horizon ids",
			src:   "horizons:\n  - id: now\n  - id: now\n  - id: Later\n",
			lines: []int{1, 1},
			texts: []string{`horizon id "now" is invalid or repeated`, `horizon id "Later"`},
		},
		{
			name:  "baseURL without a scheme",
			src:   "title: t\nbaseURL: example.com/docs\n",
			lines: []int{2},
			texts: []string{`waymark.yaml:2: baseURL "example.com/docs/" is not an absolute http(s) URL; write it as https://host/path/`},
		},
		{
			name:  "baseURL with another scheme",
			src:   "baseURL: ftp://example.com/\n",
			lines: []int{1},
			texts: []string{"not an absolute http(s) URL"},
		},
		{
			name:  "baseURL without a host",
			src:   "baseURL: https:///docs/\n",
			lines: []int{1},
			texts: []string{"not an absolute http(s) URL"},
		},
		{
			name:  "baseURL that does not parse",
			src:   "baseURL: 'http://exa mple.com:port/'\n",
			lines: []int{1},
			texts: []string{"not an absolute http(s) URL"},
		},
		{
			name:  "javascript baseURL",
			src:   "baseURL: javascript:alert(1)\n",
			lines: []int{1},
			texts: []string{"not an absolute http(s) URL"},
		},
		{
			name:  "folder leaving the site",
			src:   "title: t\ndecisions: ../x\n",
			lines: []int{2},
			texts: []string{`waymark.yaml:2: decisions folder "../x" leaves the site folder; name a folder inside the site`},
		},
		{
			name:  "folder leaving the site further down",
			src:   "radar: a/../../secret\n",
			lines: []int{1},
			texts: []string{`radar folder "a/../../secret"`},
		},
		{
			name:  "usage folder leaving the site",
			src:   "title: t\nusage: {folder: ../sboms}\n",
			lines: []int{2},
			texts: []string{`usage folder "../sboms" leaves the site folder`},
		},
		{
			name:  "usage severity",
			src:   "usage:\n  holdInUse: error\n",
			lines: []int{1},
			texts: []string{`holdInUse "error": use warning or policy`},
		},
		{
			name:  "absolute folder",
			src:   "content: /etc\n",
			lines: []int{1},
			texts: []string{`content folder "/etc" leaves the site folder`},
		},
		{
			name:  "backslash folder",
			src:   `theme: '..\..\x'` + "\n",
			lines: []int{1},
			texts: []string{`theme folder`},
		},
		{
			name:  "several problems at once",
			src:   "rings: [a, a]\nadopting: [z]\nbaseURL: x\n",
			lines: []int{1, 2, 3},
			texts: []string{`rings id "a" appears twice`, `adopting ring "z"`, `baseURL "x/"`},
		},
		{
			name:  "syntax error",
			src:   "title: a\nrings: x\n  y: z\n",
			lines: []int{3},
			texts: []string{"waymark.yaml:3: mapping values are not allowed in this context; fix the YAML syntax"},
		},
		{
			name:  "duplicate key inside a quadrant map",
			src:   "quadrants:\n  - id: a\n    title: A\n    id: b\n",
			lines: []int{4},
			texts: []string{`waymark.yaml:4: mapping key "id" already defined at line 2`},
		},
		{
			name:  "wrong type inside a quadrant map",
			src:   "quadrants:\n  - id: a\n    title: [A]\n",
			lines: []int{3},
			texts: []string{"waymark.yaml:3: cannot unmarshal !!seq into string"},
		},
		{
			name:  "invalid UTF-8",
			src:   "title: a\ndescription: \xff\n",
			lines: []int{2},
			texts: []string{"invalid UTF-8"},
		},
		{
			name:  "not a mapping",
			src:   "- a\n- b\n",
			lines: []int{1},
			texts: []string{"cannot unmarshal !!seq"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse("waymark.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse returned %+v, want an error", c)
			}
			ps := problems(t, err)
			if got, want := len(ps), len(tt.lines); got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			for i, p := range ps {
				if got, want := p.File, "waymark.yaml"; got != want {
					t.Errorf("problem %d: File = %q, want %q", i, got, want)
				}
				if got, want := p.Line, tt.lines[i]; got != want {
					t.Errorf("problem %d: Line = %d, want %d (%v)", i, got, want, p)
				}
				if got, want := p.Severity, diag.Error; got != want {
					t.Errorf("problem %d: Severity = %v, want %v", i, got, want)
				}
			}
			for _, text := range tt.texts {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q does not contain %q", err, text)
				}
			}
		})
	}
}

func TestValidDir(t *testing.T) {
	tests := []struct {
		dir  string
		want bool
	}{
		{"decisions", true},
		{"docs/decisions", true},
		{"./radar", true},
		{"a..b", true},
		{"..x", true},
		{"", false},
		{"..", false},
		{"../x", false},
		{"a/../../x", false},
		{"a/..", false},
		{"/abs", false},
		{`..\x`, false},
		{`a\b`, false},
	}
	for _, tt := range tests {
		if got, want := config.ValidDir(tt.dir), tt.want; got != want {
			t.Errorf("ValidDir(%q) = %v, want %v", tt.dir, got, want)
		}
	}
}

func TestEditLink(t *testing.T) {
	for _, c := range []struct{ url, path, want string }{
		{"https://github.com/acme/guide/edit/main/{path}", "decisions/0005-kafka.md", "https://github.com/acme/guide/edit/main/decisions/0005-kafka.md"},
		{"https://git.example/x?file={path}", "radar/c sharp.md", "https://git.example/x?file=radar/c%20sharp.md"},
		{"", "radar/kafka.md", ""},
		{"https://github.com/acme/guide/edit/main/{path}", "", ""},
	} {
		c2 := &config.Config{EditURL: c.url}
		if got := c2.EditLink(c.path); got != c.want {
			t.Errorf("EditLink(%q) with %q = %q, want %q", c.path, c.url, got, c.want)
		}
	}
}
