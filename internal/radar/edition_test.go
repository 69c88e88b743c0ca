package radar

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

func TestAppendHistory(t *testing.T) {
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
			got, err := AppendHistory("radar/go.md", []byte(c.src), "adopt", moves)
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
	if _, err := AppendHistory("radar/x.md", []byte("no front matter\n"), "adopt", moves); err == nil {
		t.Error("a file without front matter was accepted")
	}
}
