package decision

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

func TestParseReview(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Review
		err  string
	}{
		{in: "", want: Review{}},
		{in: "2027-06-01", want: Review{Date: meta.Date{Year: 2027, Month: 6, Day: 1}}},
		{in: "12", want: Review{Months: 12}},
		{in: "18 months", want: Review{Months: 18}},
		{in: "1 month", want: Review{Months: 1}},
		{in: "0", err: "not a number of months"},
		{in: "-3", err: "not a number of months"},
		{in: "next year", err: "neither a date (YYYY-MM-DD) nor a number of months"},
	} {
		got, err := ParseReview(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	body := strings.Join([]string{
		"## Considered Options", // 10
		"* {title of option 1}", // 11
		"Chosen option: \"{title of option 1}\", because {justification}.", // 12
		"GET /users/{id} and `{not this}` and ${HOME}",                     // 13
		"```",              // 14
		"{inside a fence}", // 15
		"```",              // 16
		"[Describe the context and problem statement.]", // 17
		"See [the guide](x.md) and [ADR-0001].",         // 18
		"    {indented code}",                           // 19
		`A JSON {"a": 1} value.`,                        // 20
	}, "\n")
	var got []string
	for _, p := range Placeholders([]byte(body), 10) {
		got = append(got, fmt.Sprintf("%d %s", p.Line, p.Text))
	}
	want := []string{"11 {title of option 1}", "12 {title of option 1}", "12 {justification}", "17 [Describe the context and problem statement.]"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestLifecycleFindings: overdue reviews, records proposed for too long
// and placeholders left in decided records, each at its line; nothing
// without a date to judge by.
func TestLifecycleFindings(t *testing.T) {
	today := meta.Date{Year: 2026, Month: 3, Day: 1}
	lc := Lifecycle{Review: 24}
	files := map[string]string{
		"decisions/0001-due.md":          "---\nstatus: accepted\ndate: 2025-01-01\nreview: 2026-01-01\n---\n# Due\n",
		"decisions/0002-months.md":       "---\nstatus: accepted\ndate: 2025-01-01\nreview: 6 months\n---\n# Months\n",
		"decisions/0003-site-default.md": "---\nstatus: accepted\ndate: 2023-01-01\n---\n# Old\n",
		"decisions/0004-fresh.md":        "---\nstatus: accepted\ndate: 2025-06-01\n---\n# Fresh\n",
		"decisions/0005-rejected.md":     "---\nstatus: rejected\ndate: 2020-01-01\nreview: 2021-01-01\n---\n# Rejected ones are not reviewed\n",
		"decisions/0006-waiting.md":      "---\nstatus: proposed\ndate: 2026-01-01\n---\n# Waiting\n\n{title of option 1}\n",
		"decisions/0007-new.md":          "---\nstatus: proposed\ndate: 2026-02-20\n---\n# New\n",
		"decisions/0008-unfilled.md":     "---\nstatus: accepted\ndate: 2026-02-20\n---\n# Unfilled\n\n* {title of option 1}\n",
	}
	var records []*Record
	for name, src := range files {
		r, err := Parse(name, "", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, r)
	}
	log, _ := Link(records)
	var got []string
	for _, p := range log.Findings(today, lc) {
		got = append(got, p.Error())
	}
	slices.Sort(got)
	want := []string{
		"decisions/0001-due.md:4: warning: review was due on 2026-01-01; review the decision, then set review: to the next review's date, or change its status (waymark status 1 deprecated)",
		"decisions/0002-months.md:4: warning: review was due on 2025-07-01; review the decision, then set review: to the next review's date, or change its status (waymark status 2 deprecated)",
		"decisions/0003-site-default.md:3: warning: review was due on 2025-01-01; review the decision, then set review: to the next review's date, or change its status (waymark status 3 deprecated)",
		"decisions/0006-waiting.md:2: warning: proposed for 59 days, since 2026-01-01 (decisions.proposedDays is 30); decide it (waymark status 6 accepted, or rejected), or date it anew",
		"decisions/0008-unfilled.md:7: warning: unfilled template placeholder {title of option 1}; write what it asks for, or delete it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(log.Findings(meta.Date{}, lc)); n != 1 {
		t.Errorf("without today: %d findings, want only the placeholder", n)
	}
	if n := len(log.Findings(today, Lifecycle{ProposedDays: 90})); n != 3 {
		t.Errorf("with 90 days and no site review: %d findings, want 3", n)
	}
}

// TestSupersededOnceAccepted: a record stays as it is while the record
// that supersedes it is proposed, and is superseded once that one is
// accepted, whichever side states the relation.
func TestSupersededOnceAccepted(t *testing.T) {
	for _, c := range []struct {
		name, newStatus string
		wantOld         string
		wantPending     []int
	}{
		{"proposed successor", "proposed", Accepted, []int{2}},
		{"accepted successor", "accepted", Superseded, nil},
		{"rejected successor", "rejected", Accepted, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			old, err := Parse("decisions/0001-old.md", "", []byte("---\nstatus: accepted\n---\n# Old\n"))
			if err != nil {
				t.Fatal(err)
			}
			nu, err := Parse("decisions/0002-new.md", "", []byte("---\nstatus: "+c.newStatus+"\nsupersedes: 1\n---\n# New\n"))
			if err != nil {
				t.Fatal(err)
			}
			_, problems := Link([]*Record{nu, old})
			if old.Status != c.wantOld || !slices.Equal(old.ToBeSupersededBy, c.wantPending) {
				t.Errorf("old: %s, to be superseded by %v; want %s, %v", old.Status, old.ToBeSupersededBy, c.wantOld, c.wantPending)
			}
			if len(problems) != 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}

func FuzzParseReview(f *testing.F) {
	for _, s := range []string{"2027-06-01", "12", "12 months", "", "x", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseReview(s)
		if err == nil && v.Months < 0 {
			t.Fatalf("%q: negative months %d", s, v.Months)
		}
	})
}

func FuzzPlaceholders(f *testing.F) {
	f.Add("* {title of option 1}\n```\n{x}\n```\n[Describe it here]\n", 1)
	f.Add("`a]` [b c]\u00a0\n  - [Say `why` here]  \n\"{a b}\" `{c}`\n", 3)
	f.Fuzz(func(t *testing.T, body string, first int) {
		lines := strings.Count(body, "\n") + 1
		got := Placeholders([]byte(body), first)
		for _, p := range got {
			if p.Line < first || p.Line >= first+lines || !strings.Contains(body, p.Text) {
				t.Fatalf("placeholder %+v outside the body", p)
			}
		}
		if want := placeholdersEveryLine(body, first); !slices.Equal(got, want) {
			t.Fatalf("Placeholders = %+v, the expressions on every line find %+v", got, want)
		}
	})
}

// placeholdersEveryLine is Placeholders without its quick rejection of
// lines: every line outside code goes through the expressions.
func placeholdersEveryLine(body string, first int) []Placeholder {
	var out []Placeholder
	for i, line := range proseLines(body) {
		masked := maskCode(line)
		for _, m := range braced.FindAllStringSubmatchIndex(masked, -1) {
			out = append(out, Placeholder{Line: first + i, Text: line[m[2]:m[3]]})
		}
		if m := bracketed.FindStringSubmatchIndex(masked); m != nil {
			out = append(out, Placeholder{Line: first + i, Text: line[m[2]:m[3]]})
		}
	}
	return out
}
