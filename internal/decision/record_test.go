package decision_test

import (
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
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

func TestParseFileName(t *testing.T) {
	tests := []struct {
		name   string
		number int
		id     string
		ok     bool
	}{
		{"0005-kafka-vs-rabbitmq.md", 5, "0005-kafka-vs-rabbitmq", true},
		{"decisions/0005-kafka.md", 5, "0005-kafka", true},
		{"decisions/backend/0012-use-postgresql.md", 12, "0012-use-postgresql", true},
		{"1-short.md", 1, "1-short", true},
		{"0001_underscore.md", 1, "0001_underscore", true},
		{"0001 space.md", 1, "0001 space", true},
		{"12345678-eight-digits.md", 12345678, "12345678-eight-digits", true},
		{"0000-zero.md", 0, "0000-zero", true},
		{"template.md", 0, "", false},
		{"decisions/template.md", 0, "", false},
		{"Template.md", 0, "", false},
		{"adr-template.md", 0, "", false},
		{"adr-template-x.md", 0, "", false},
		{"ADR-Template-Short.md", 0, "", false},
		{"README.md", 0, "", false},
		{"readme.md", 0, "", false},
		{"index.md", 0, "", false},
		{"decisions/index.md", 0, "", false},
		{"0005.md", 0, "", false},
		{"0005-.md", 0, "", false},
		{"0005-kafka.txt", 0, "", false},
		{"0005-kafka.MD", 5, "0005-kafka", true},
		{"kafka.md", 0, "", false},
		{"adr-0005-kafka.md", 5, "adr-0005-kafka", true},
		{"123456789-nine-digits.md", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			number, id, ok := decision.ParseFileName(tt.name)
			if got, want := ok, tt.ok; got != want {
				t.Fatalf("ok = %v, want %v", got, want)
			}
			if got, want := number, tt.number; got != want {
				t.Errorf("number = %d, want %d", got, want)
			}
			if got, want := id, tt.id; got != want {
				t.Errorf("id = %q, want %q", got, want)
			}
		})
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in     string
		number int
		ok     bool
	}{
		{"3", 3, true},
		{"0003", 3, true},
		{" 0003 ", 3, true},
		{"ADR-0003", 3, true},
		{"adr-3", 3, true},
		{"ADR_0003", 3, true},
		{"ADR 0003", 3, true},
		{"ADR0003", 3, true},
		{"0003-slug.md", 3, true},
		{"0003-slug", 3, true},
		{"0003_slug.md", 3, true},
		{"./0003-slug.md", 3, true},
		{"decisions/0003-slug.md", 3, true},
		{"[ADR-0005](0005-x.md)", 5, true},
		{"[0005](0005-x.md)", 5, true},
		{"[ADR-0005](../decisions/0005-x.md)", 5, true},
		{"[ADR-0005](https://example.com/x)", 5, true},
		{"[see this](0007-x.md)", 7, true},
		{"10", 10, true},
		{"1000", 1000, true},
		{"0", 0, false},
		{"0000", 0, false},
		{"ADR-0", 0, false},
		{"-3", 0, false},
		{"", 0, false},
		{"ADR-", 0, false},
		{"three", 0, false},
		{"3a", 0, false},
		{"ADR-0003: title", 0, false},
		{"#3", 0, false},
		{"99999999999999999999999", 0, false},
		{"[x](y)", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			number, ok := decision.ParseRef(tt.in)
			if got, want := ok, tt.ok; got != want {
				t.Fatalf("ok = %v, want %v (number %d)", got, want, number)
			}
			if ok {
				if got, want := number, tt.number; got != want {
					t.Errorf("number = %d, want %d", got, want)
				}
			}
		})
	}
}

func TestLabel(t *testing.T) {
	if got, want := decision.Label(5), "ADR-0005"; got != want {
		t.Errorf("Label(5) = %q, want %q", got, want)
	}
	if got, want := decision.Label(12345), "ADR-12345"; got != want {
		t.Errorf("Label(12345) = %q, want %q", got, want)
	}
	r := &decision.Record{Number: 42}
	if got, want := r.Label(), "ADR-0042"; got != want {
		t.Errorf("Record.Label = %q, want %q", got, want)
	}
}

// readFixture parses a record under testdata/log.
func readFixture(t testing.TB, name string) *decision.Record {
	t.Helper()
	src, err := os.ReadFile(path.Join("testdata/log", name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := decision.Parse("decisions/"+name, "", src)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file           string
		number         int
		title          string
		status         string
		date           string
		decisionMakers []string
		consulted      []string
		informed       []string
		tags           []string
		blips          []string
		supersededBy   []int
		amends         []int
		related        []int
		bodyLine       int
	}{
		{
			file: "0001-record-architecture-decisions.md", number: 1,
			title: "Record architecture decisions", status: "accepted", date: "2024-01-15",
			decisionMakers: []string{"Ada Lovelace", "Grace Hopper"}, consulted: []string{"Alan Turing"},
			informed: []string{"everyone"}, tags: []string{"process", "documentation"}, bodyLine: 9,
		},
		{
			file: "0002-use-kafka.md", number: 2,
			title: "Use Kafka for business transactions", status: "superseded", date: "2024-02-01",
			decisionMakers: []string{"Jane Doe", "John Roe"}, blips: []string{"kafka"},
			supersededBy: []int{5}, bodyLine: 7,
		},
		{
			file: "0003-title-from-front-matter.md", number: 3,
			title: "Front matter title wins", status: "accepted", date: "2024-03-10",
			amends: []int{1}, related: []int{4, 2}, bodyLine: 8,
		},
		{
			file: "0004-no-front-matter.md", number: 4,
			title: "Plain markdown record", status: "not stated", bodyLine: 1,
		},
		{
			file: "0005-use-rabbitmq.md", number: 5,
			title: "Use RabbitMQ for business transactions", status: "accepted", date: "2024-05-20",
			decisionMakers: []string{"Jane Doe", "John Roe"}, tags: []string{"messaging", "integration"},
			blips: []string{"rabbitmq", "kafka"}, bodyLine: 10,
		},
		{
			file: "0006-unfilled-template.md", number: 6,
			title: "unfilled template", status: "not stated", // a {…} title is a placeholder: the file name gives the title
			bodyLine: 9,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := readFixture(t, tt.file)
			if got, want := r.Number, tt.number; got != want {
				t.Errorf("Number = %d, want %d", got, want)
			}
			if got, want := r.ID, strings.TrimSuffix(tt.file, ".md"); got != want {
				t.Errorf("ID = %q, want %q", got, want)
			}
			if got, want := r.Source, "decisions/"+tt.file; got != want {
				t.Errorf("Source = %q, want %q", got, want)
			}
			if got, want := r.Title, tt.title; got != want {
				t.Errorf("Title = %q, want %q", got, want)
			}
			if got, want := r.Status, tt.status; got != want {
				t.Errorf("Status = %q, want %q", got, want)
			}
			if got, want := r.Date.String(), tt.date; got != want {
				t.Errorf("Date = %q, want %q", got, want)
			}
			for _, l := range []struct {
				name      string
				got, want []string
			}{
				{"DecisionMakers", r.DecisionMakers, tt.decisionMakers},
				{"Consulted", r.Consulted, tt.consulted},
				{"Informed", r.Informed, tt.informed},
				{"Tags", r.Tags, tt.tags},
				{"Blips", r.Blips, tt.blips},
			} {
				if got, want := strings.Join(l.got, "|"), strings.Join(l.want, "|"); got != want {
					t.Errorf("%s = %q, want %q", l.name, got, want)
				}
			}
			for _, l := range []struct {
				name      string
				got, want []int
			}{
				{"SupersededBy", r.SupersededBy, tt.supersededBy},
				{"Amends", r.Amends, tt.amends},
				{"Related", r.Related, tt.related},
			} {
				if !slices.Equal(l.got, l.want) {
					t.Errorf("%s = %v, want %v", l.name, l.got, l.want)
				}
			}
			if got, want := r.BodyLine, tt.bodyLine; got != want {
				t.Errorf("BodyLine = %d, want %d", got, want)
			}
			checkBodyLines(t, tt.file, r)
		})
	}
}

// checkBodyLines asserts that line i of r.Body is line BodyLine+i of the
// file, except the title heading, which is blanked.
func checkBodyLines(t *testing.T, file string, r *decision.Record) {
	t.Helper()
	src, err := os.ReadFile(path.Join("testdata/log", file))
	if err != nil {
		t.Fatal(err)
	}
	fileLines := strings.Split(string(src), "\n")
	bodyLines := strings.Split(string(r.Body), "\n")
	if got, want := len(fileLines)-(r.BodyLine-1), len(bodyLines); got != want {
		t.Fatalf("body has %d lines, want %d", want, got)
	}
	blanked := 0
	for i, line := range bodyLines {
		orig := fileLines[r.BodyLine-1+i]
		switch {
		case line == orig:
		case line == "" && strings.HasPrefix(orig, "# "):
			blanked++
		default:
			t.Errorf("body line %d = %q, file line %d = %q", i+1, line, r.BodyLine+i, orig)
		}
	}
	if got, want := blanked, 1; got != want {
		t.Errorf("%d heading lines blanked, want %d", got, want)
	}
}

func TestParseFixtureLines(t *testing.T) {
	r := readFixture(t, "0003-title-from-front-matter.md")
	for _, tt := range []struct {
		key  string
		line int
	}{
		{"title", 2}, {"status", 3}, {"date", 4}, {"amends", 5}, {"related", 6},
		{"supersedes", 2}, // absent: the front matter's first line
		{"nonsense", 1},
	} {
		if got, want := r.Line(tt.key), tt.line; got != want {
			t.Errorf("Line(%q) = %d, want %d", tt.key, got, want)
		}
	}
}

// parse parses an inline record named decisions/<name>.
func parse(t testing.TB, name, src string) *decision.Record {
	t.Helper()
	r, err := decision.Parse("decisions/"+name, "", []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

func TestParse(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		title      string
		status     string
		supBy      []int
		supersedes []int
		makers     []string
	}{
		{
			name: "0001-heading-only.md", src: "# The title\n\ntext\n",
			title: "The title", status: "not stated",
		},
		{
			name: "0002-no-title-at-all.md", src: "text only\n",
			title: "no title at all", status: "not stated",
		},
		{
			name: "0003_underscore-id.md", src: "",
			title: "underscore id", status: "not stated",
		},
		{
			name: "0004-front-matter-title.md", src: "---\ntitle: From front matter\n---\n# From heading\n",
			title: "From front matter", status: "not stated",
		},
		{
			name: "0005-placeholder-title.md", src: "---\ntitle: '{title}'\n---\n# From heading\n",
			title: "From heading", status: "not stated",
		},
		{
			name: "0006-heading-in-fence.md", src: "```\n# not the title\n```\n\n# The title\n",
			title: "The title", status: "not stated",
		},
		{
			name: "0007-tilde-fence.md", src: "~~~md\n# not the title\n~~~\n# The title\n",
			title: "The title", status: "not stated",
		},
		{
			name: "0008-second-level-only.md", src: "## Context\n#NoSpace\n",
			title: "second level only", status: "not stated",
		},
		{
			name: "0009-closing-hashes.md", src: "#   Spaced title ##  \n",
			title: "Spaced title", status: "not stated",
		},
		{
			name: "0010-status-case.md", src: "---\nstatus: '  ACCEPTED '\n---\n",
			title: "status case", status: "accepted",
		},
		{
			name: "0011-superseded-by-link.md", src: "---\nstatus: superseded by [ADR-0005](0005-x.md)\n---\n",
			title: "superseded by link", status: "superseded", supBy: []int{5},
		},
		{
			name: "0012-superseded-by-label.md", src: "---\nstatus: Superseded by ADR-12\n---\n",
			title: "superseded by label", status: "superseded", supBy: []int{12},
		},
		{
			name: "0013-superseded-by-number.md", src: "---\nstatus: SUPERSEDED BY 3\n---\n",
			title: "superseded by number", status: "superseded", supBy: []int{3},
		},
		{
			name: "0014-superseded-by-nothing.md", src: "---\nstatus: superseded by the new one\n---\n",
			title: "superseded by nothing", status: "superseded",
		},
		{
			name: "0015-plain-superseded.md", src: "---\nstatus: superseded\n---\n",
			title: "plain superseded", status: "superseded",
		},
		{
			name: "0016-placeholder-status.md", src: "---\nstatus: '{proposed | accepted}'\n---\n",
			title: "placeholder status", status: "not stated",
		},
		{
			name: "0017-supersedes-forms.md", src: "---\nsupersedes: [1, ADR-0002, 0003-x.md, '[ADR-0004](0004-y.md)', 2]\n---\n",
			title: "supersedes forms", status: "not stated", supersedes: []int{1, 2, 3, 4, 2},
		},
		{
			name: "0018-supersedes-string.md", src: "---\nsupersedes: 1, ADR-0002,, \n---\n",
			title: "supersedes string", status: "not stated", supersedes: []int{1, 2},
		},
		{
			name: "0019-supersedes-one.md", src: "---\nsupersedes: 7\nstatus: accepted\n---\n",
			title: "supersedes one", status: "accepted", supersedes: []int{7},
		},
		{
			name: "0020-deciders-and-makers.md", src: "---\ndecision-makers: A, B\ndeciders: [C]\n---\n",
			title: "deciders and makers", status: "not stated", makers: []string{"A", "B", "C"},
		},
		{
			name: "0021-no-norway.md", src: "---\ntitle: no\nstatus: accepted\ndecision-makers: [no, yes]\n---\n",
			title: "no", status: "accepted", makers: []string{"no", "yes"},
		},
		{
			name: "0022-bom.md", src: "\ufeff---\nstatus: rejected\n---\n# BOM\n",
			title: "BOM", status: "rejected",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, tt.name, tt.src)
			if got, want := r.Title, tt.title; got != want {
				t.Errorf("Title = %q, want %q", got, want)
			}
			if got, want := r.Status, tt.status; got != want {
				t.Errorf("Status = %q, want %q", got, want)
			}
			if got, want := r.SupersededBy, tt.supBy; !slices.Equal(got, want) {
				t.Errorf("SupersededBy = %v, want %v", got, want)
			}
			if got, want := r.Supersedes, tt.supersedes; !slices.Equal(got, want) {
				t.Errorf("Supersedes = %v, want %v", got, want)
			}
			if got, want := strings.Join(r.DecisionMakers, "|"), strings.Join(tt.makers, "|"); got != want {
				t.Errorf("DecisionMakers = %q, want %q", got, want)
			}
		})
	}
}

func TestParseFolder(t *testing.T) {
	r, err := decision.Parse("decisions/backend/0002-x.md", "backend", []byte("# X\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Folder, "backend"; got != want {
		t.Errorf("Folder = %q, want %q", got, want)
	}
	if got, want := r.ID, "0002-x"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
}

func TestParseDate(t *testing.T) {
	r := parse(t, "0001-x.md", "---\ndate: 2016-07-15\n---\n")
	if got, want := r.Date, (meta.Date{Year: 2016, Month: time.July, Day: 15}); got != want {
		t.Errorf("Date = %v, want %v", got, want)
	}
	r = parse(t, "0001-x.md", "---\ndate: '{YYYY-MM-DD}'\n---\n")
	if !r.Date.IsZero() {
		t.Errorf("placeholder date = %v, want none", r.Date)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		text string
	}{
		{"template.md", "# T\n", 1, "decisions/template.md:1: not a decision record: a template, not a record; name it NNNN-title.md"},
		{"README.md", "# T\n", 1, "a folder's README or index page"},
		{"0001-unknown-key.md", "---\nstatus: accepted\nstatuss: me\n---\n", 3,
			`decisions/0001-unknown-key.md:3: unknown key "statuss"; did you mean "status"?`},
		{"0001-typo.md", "---\nstatus: accepted\ndecison-makers: [me]\n---\n", 3,
			`decisions/0001-typo.md:3: unknown key "decison-makers"; did you mean "decision-makers"?`},
		{"0001-duplicate-key.md", "---\nstatus: accepted\n\nstatus: rejected\n---\n", 4,
			`duplicate key "status" (first at line 2)`},
		{"0001-bad-date.md", "\n---\ntitle: t\ndate: 2024-02-30\n---\n", 4,
			`decisions/0001-bad-date.md:4: date "2024-02-30" is not YYYY-MM-DD; write it as YYYY-MM-DD`},
		{"0001-bad-ref.md", "---\nstatus: accepted\nsupersedes: [1, the old one]\n---\n", 3,
			`"the old one" is not a record reference; write a number such as 3 or ADR-0003`},
		{"0001-bad-ref-string.md", "---\namends: ADR-0001, nope\n---\n", 2, `"nope" is not a record reference`},
		{"0001-ref-map.md", "---\nrelated: {a: 1}\n---\n", 2, "expected a record number or a list of them"},
		{"0001-ref-nested.md", "---\nrelated:\n  - 1\n  - [2]\n---\n", 4, "not a nested list or map"},
		{"0001-ref-nested-map.md", "---\nsupersedes:\n  - {number: 2}\n---\n", 3, "not a nested list or map"},
		{"0001-title-list.md", "---\ntitle: [a, b]\n---\n", 2, "expected a single value"},
		{"0001-unclosed.md", "---\nstatus: accepted\n# Title\n", 1, "never closed"},
		{"0001-invalid-utf8.md", "---\nstatus: accepted\n---\n# T\n\xff\n", 5, "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := decision.Parse("decisions/"+tt.name, "", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse returned %+v, want an error", r)
			}
			ps := problems(t, err)
			if got, want := len(ps), 1; got != want {
				t.Fatalf("%d problems (%v), want %d", got, err, want)
			}
			if got, want := ps[0].File, "decisions/"+tt.name; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if got, want := ps[0].Line, tt.line; got != want {
				t.Errorf("Line = %d, want %d (%v)", got, want, err)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not contain %q", err, tt.text)
			}
		})
	}
}

func TestKnownStatus(t *testing.T) {
	for _, s := range decision.Statuses() {
		if r := (&decision.Record{Status: s}); !r.KnownStatus() {
			t.Errorf("%q is not a known status", s)
		}
	}
	for _, s := range []string{"", "draft", "Accepted", "superseded by ADR-0001"} {
		if r := (&decision.Record{Status: s}); r.KnownStatus() {
			t.Errorf("%q is a known status", s)
		}
	}
}
