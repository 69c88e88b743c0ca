package decision

import (
	"reflect"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
)

func TestExceptions(t *testing.T) {
	src := `---
status: accepted
blips: [kafka]
exceptions:
  - {team: payments, blips: [kafka, confluent-rest-proxy], until: 2027-03-31}
  - team: reporting
    licenses: AGPL-3.0-only
    until: 2026-12-31
---
# Let payments keep Kafka until the migration
`
	r, err := Parse("decisions/0015-x.md", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Exception{
		{Team: "payments", Blips: []string{"kafka", "confluent-rest-proxy"}, Until: meta.Date{Year: 2027, Month: 3, Day: 31}, Line: 5},
		{Team: "reporting", Licenses: []string{"AGPL-3.0-only"}, Until: meta.Date{Year: 2026, Month: 12, Day: 31}, Line: 6},
	}
	if !reflect.DeepEqual(r.Exceptions, want) {
		t.Errorf("exceptions\n got %+v\nwant %+v", r.Exceptions, want)
	}
}

func TestExceptionErrors(t *testing.T) {
	tests := []struct {
		item string
		line int
		want string
	}{
		{"{blips: [kafka], until: 2027-01-01}", 3, "without a team"},
		{"{team: payments, until: 2027-01-01}", 3, "excepts nothing"},
		{"{team: payments, blips: [kafka]}", 3, "no until date"},
		{"{team: payments, blips: [kafka], until: soon}", 3, "date"},
		{"{team: payments, blip: [kafka], until: 2027-01-01}", 3, `unknown key "blip"`},
		{"kafka", 3, "write an exception as"},
	}
	for _, tt := range tests {
		src := "---\nexceptions:\n  - " + tt.item + "\n---\n# X\n"
		_, err := Parse("decisions/0015-x.md", "", []byte(src))
		ps, _ := diag.Split(err)
		if err == nil || len(ps) == 0 || ps[0].Line != tt.line || !strings.Contains(ps[0].Error(), tt.want) {
			t.Errorf("%s: %v, want line %d with %q", tt.item, err, tt.line, tt.want)
		}
	}
}
