package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

func TestParseFailOn(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
		err  string
	}{
		{"hold,denied", []string{"hold", "denied"}, ""},
		{" hold , unknown ", []string{"hold", "unknown"}, ""},
		{"none", nil, ""},
		{"", nil, ""},
		{"hold,held", nil, `unknown kind "held"`},
	} {
		got, err := ParseFailOn(tt.in)
		if !slices.Equal(got, tt.want) || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ParseFailOn(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestWorkflowCommandEscaping(t *testing.T) {
	if got, want := ghData("50% of\r\nit"), "50%25 of%0D%0Ait"; got != want {
		t.Errorf("ghData = %q, want %q", got, want)
	}
	if got, want := ghProperty("a:b,c%d\n"), "a%3Ab%2Cc%25d%0A"; got != want {
		t.Errorf("ghProperty = %q, want %q", got, want)
	}
}

func TestFromIndexErrors(t *testing.T) {
	day := meta.Date{Year: 2026, Month: 6, Day: 1}
	for _, tt := range []struct {
		src  string
		line int
		want string
	}{
		{"{\n\"title\": }", 2, "not valid JSON"},
		{`{"title": "old", "blips": []}`, 1, "no rings"},
		{`{"rings": "hold"}`, 1, "not a waymark index.json"},
		{`{"rings": [{"id": "hold"}], "exceptions": [{"team": "t", "until": "soon", "decisionLabel": "ADR-0001"}]}`, 1, "until"},
	} {
		_, _, err := FromIndex("index.json", []byte(tt.src), day)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "index.json:") {
			t.Errorf("%s: %v, want index.json:%d with %q", tt.src, err, tt.line, tt.want)
		}
	}
	g, _, err := FromIndex("index.json", []byte(`{"rings": [{"id": "adopt"}, {"id": "hold", "title": "Hold"}],
"blips": [{"id": "kafka", "ring": "hold", "packages": ["pkg:npm/kafkajs"], "ringDecision": 5}],
"decisions": [{"number": 5, "title": "Prototype first", "url": "decisions/0005-x/"}],
"licensePolicy": {"allowed": ["MIT"], "review": [], "denied": ["AGPL-3.0-only"]}}`), day)
	if err != nil {
		t.Fatal(err)
	}
	if g.Hold != "hold" || len(g.Matcher().Claims("pkg:npm/kafkajs")) != 1 || g.Decisions["kafka"].Label != "ADR-0005" || g.Policy.Verdict("AGPL-3.0-only") != "denied" {
		t.Errorf("guide from index.json: %+v", g)
	}
}
