package radar

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

func TestInsertHistory(t *testing.T) {
	d := meta.Date{Year: 2025, Month: 4, Day: 1}
	moves := []Move{{Date: d, Ring: "adopt", Note: "Now the default."}}
	for _, c := range []struct{ name, src, want string }{
		{"block", "---\ntitle: Go # the language\nring: trial\nhistory:\n    - {date: 2024-01-01, ring: trial}\n\n# planned\nroadmap: []\n---\nBody ring: trial\n",
			"---\ntitle: Go # the language\nring: adopt\nhistory:\n    - {date: 2024-01-01, ring: trial}\n    - {date: 2025-04-01, ring: adopt, note: Now the default.}\n\n# planned\nroadmap: []\n---\nBody ring: trial\n"},
		{"none", "---\ntitle: Go\nring: trial\n---\n",
			"---\ntitle: Go\nring: adopt\nhistory:\n  - {date: 2025-04-01, ring: adopt, note: Now the default.}\n---\n"},
		{"flow", "---\nring: trial\nhistory: [{date: 2024-01-01, ring: trial}]\ntags: [a]\n---\n",
			"---\nring: adopt\nhistory:\n  - {date: 2024-01-01, ring: trial}\n  - {date: 2025-04-01, ring: adopt, note: Now the default.}\ntags: [a]\n---\n"},
		{"crlf", "---\r\nring: trial\r\nhistory:\r\n- date: 2024-01-01\r\n  ring: trial\r\n---\r\nx\r\n",
			"---\r\nring: adopt\r\nhistory:\r\n- date: 2024-01-01\r\n  ring: trial\r\n- {date: 2025-04-01, ring: adopt, note: Now the default.}\r\n---\r\nx\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := InsertHistory("radar/go.md", []byte(c.src), "adopt", "", moves)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			b, err := Parse("radar/go.md", got, DefaultSettings())
			if err != nil && !strings.Contains(err.Error(), "quadrant") {
				t.Fatalf("result does not parse: %v", err)
			}
			if n := len(b.History); b.Ring != "adopt" || b.History[n-1].Note != "Now the default." {
				t.Errorf("parsed back: ring %s, history %+v", b.Ring, b.History)
			}
		})
	}
	if _, err := InsertHistory("radar/x.md", []byte("no front matter\n"), "adopt", "", moves); err == nil {
		t.Error("a file without front matter was accepted")
	}
}

// TestInsertHistoryInOrder: an older edition goes between the entries
// around it, and no other line of the file changes; a quadrant change
// sets the quadrant key.
func TestInsertHistoryInOrder(t *testing.T) {
	src := "---\ntitle: Go\nquadrant: tools\nring: adopt\nhistory:\n  - {date: 2020-01-01, ring: assess} # first\n  - date: 2024-01-01\n    ring: adopt\n    note: Now the default.\n---\nBody\n"
	moves := []Move{
		{Date: meta.Date{Year: 2025, Month: 1, Day: 1}, Ring: "adopt", Quadrant: "languages-and-frameworks"},
		{Date: meta.Date{Year: 2022, Month: 6, Day: 1}, Ring: "trial"},
		{Date: meta.Date{Year: 2019, Month: 1, Day: 1}, Ring: "hold"},
	}
	got, err := InsertHistory("radar/go.md", []byte(src), "", "languages-and-frameworks", moves)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Go\nquadrant: languages-and-frameworks\nring: adopt\nhistory:\n  - {date: 2019-01-01, ring: hold}\n  - {date: 2020-01-01, ring: assess} # first\n  - {date: 2022-06-01, ring: trial}\n  - date: 2024-01-01\n    ring: adopt\n    note: Now the default.\n  - {date: 2025-01-01, ring: adopt, quadrant: languages-and-frameworks}\n---\nBody\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	b, err := Parse("radar/go.md", got, DefaultSettings())
	if err != nil {
		t.Fatalf("result does not parse: %v", err)
	}
	if len(b.History) != 5 || b.History[4].Quadrant != "languages-and-frameworks" {
		t.Errorf("parsed back: %+v", b.History)
	}
}
