package decision

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

var day = meta.Date{Year: 2024, Month: 6, Day: 1}

// lineDiff describes how b differs from a, line by line: the lines of a
// that were replaced or removed and the lines of b that replaced them or
// were added.
func lineDiff(a, b string) (removed, added []string) {
	al, bl := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j := 0
	for j < len(al)-i && j < len(bl)-i && al[len(al)-1-j] == bl[len(bl)-1-j] {
		j++
	}
	return al[i : len(al)-j], bl[i : len(bl)-j]
}

// TestMarkSuperseded changes only the status of each format.
func TestMarkSuperseded(t *testing.T) {
	by := &Record{Number: 9, ID: "0009-use-nats", Title: "Use NATS"}
	cases := []struct {
		name, path, src string
		removed, added  []string
	}{{
		name: "adr-tools: the status word becomes the link, as adr-tools writes it",
		path: "0004-a.md", src: "# 4. A\n\nDate: 2016-08-01\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n\n## Context\n\nText.\n",
		removed: []string{"Accepted\n"}, added: []string{"Superseded by [9. Use NATS](0009-use-nats.md)\n"},
	}, {
		name: "adr-tools with no status word left",
		path: "0004-a.md", src: "# 4. A\n\n## Status\n\nAmended by [5. C](0005-c.md)\n\n## Context\n",
		removed: []string{}, added: []string{"Superseded by [9. Use NATS](0009-use-nats.md)\n", "\n"},
	}, {
		name: "adr-tools with Windows line endings and a byte-order mark",
		path: "0004-a.md", src: "\ufeff# 4. A\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n",
		removed: []string{"Accepted\r\n"}, added: []string{"Superseded by [9. Use NATS](0009-use-nats.md)\r\n"},
	}, {
		name: "MADR 4 front matter, a comment after the value kept",
		path: "0004-a.md", src: "---\nstatus: accepted # since June\ndate: 2024-05-20\n---\n\n# A\n",
		removed: []string{"status: accepted # since June\n"}, added: []string{"status: superseded by [ADR-0009](0009-use-nats.md) # since June\n"},
	}, {
		name: "MADR 4 quoted placeholder",
		path: "0004-a.md", src: "---\nstatus: \"{proposed | accepted}\"\n---\n# A\n",
		removed: []string{"status: \"{proposed | accepted}\"\n"}, added: []string{"status: superseded by [ADR-0009](0009-use-nats.md)\n"},
	}, {
		name: "front matter without a status",
		path: "0004-a.md", src: "---\ndate: 2024-05-20\n---\n# A\n",
		removed: []string{}, added: []string{"status: superseded by [ADR-0009](0009-use-nats.md)\n"},
	}, {
		name: "plain markdown gets front matter",
		path: "0004-a.md", src: "# A\n\nText.\n",
		removed: []string{}, added: []string{"---\n", "status: superseded by [ADR-0009](0009-use-nats.md)\n", "---\n"},
	}, {
		name: "MADR 2 list item, its comment kept",
		path: "0004-a.md", src: "# A\n\n* Status: accepted <!-- optional -->\n* Date: 2018-05-01\n\n## Context and Problem Statement\n",
		removed: []string{"* Status: accepted <!-- optional -->\n"}, added: []string{"* Status: superseded by [ADR-0009](0009-use-nats.md) <!-- optional -->\n"},
	}, {
		name: "log4brains list item",
		path: "20200310-a.md", src: "# A\n\n- Status: accepted\n- Tags: x\n\n## Context\n",
		removed: []string{"- Status: accepted\n"}, added: []string{"- Status: superseded by [20200420-b](20200420-b.md)\n"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, err := Parse(c.path, "", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			target := by
			if old.Format == "log4brains" {
				target = &Record{ID: "20200420-b", Title: "B", Dated: true}
			}
			out, err := MarkSuperseded(old, []byte(c.src), target)
			if err != nil {
				t.Fatal(err)
			}
			removed, added := lineDiff(c.src, string(out))
			if strings.Join(removed, "") != strings.Join(c.removed, "") || strings.Join(added, "") != strings.Join(c.added, "") {
				t.Errorf("changed\n%q\ninto\n%q\nwant\n%q\ninto\n%q\nwhole file:\n%s", removed, added, c.removed, c.added, out)
			}
			again, err := Parse(c.path, "", out)
			if err != nil {
				t.Fatal(err)
			}
			if again.Status != Superseded {
				t.Errorf("status after marking = %q", again.Status)
			}
		})
	}
}

// TestDraft renders a new record in each format and reads it back.
func TestDraft(t *testing.T) {
	old := []*Record{{Number: 3, ID: "0003-use-kafka", Title: "Use Kafka [v1]"}}
	for _, format := range []string{"madr", "nygard", "madr2", "log4brains"} {
		t.Run(format, func(t *testing.T) {
			d := &Draft{Title: "Kafka vs RabbitMQ: prototype first", Number: 5, Date: day, Format: format, Status: "accepted",
				Supersedes: old, Amends: []*Record{{Number: 4, ID: "0004-use-rest-proxy", Title: "Use REST proxy"}}, Dated: format == "log4brains"}
			src, got, err := d.Render()
			if err != nil {
				t.Fatal(err)
			}
			if got != format {
				t.Errorf("format = %q, want %q", got, format)
			}
			r, err := Parse(d.FileName(), "", src)
			if err != nil {
				t.Fatalf("%v\n%s", err, src)
			}
			if r.Format != format || r.Title != d.Title || r.Status != Accepted || r.Date != day {
				t.Errorf("read back %s %q %q %s\n%s", r.Format, r.Title, r.Status, r.Date, src)
			}
			var verbs []string
			for _, w := range r.Written {
				verbs = append(verbs, w.Verb+" "+w.Ref)
			}
			if len(verbs) != 2 || !strings.HasPrefix(verbs[0], "supersedes") || !strings.HasPrefix(verbs[1], "amends") {
				t.Errorf("relations %q\n%s", verbs, src)
			}
		})
	}
	d := &Draft{Title: "Use Go", Number: 12}
	if got, want := d.FileName(), "0012-use-go.md"; got != want {
		t.Errorf("FileName = %q, want %q", got, want)
	}
	d = &Draft{Title: "Use Go", Dated: true, Date: day}
	if got, want := d.FileName(), "20240601-use-go.md"; got != want {
		t.Errorf("FileName = %q, want %q", got, want)
	}
}

// TestDraftFromTemplate fills in a site's own templates.
func TestDraftFromTemplate(t *testing.T) {
	for _, c := range []struct {
		name, tpl, format string
		want              []string
	}{{
		name: "adr-tools template", format: "nygard",
		tpl:  "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nContext here...\n",
		want: []string{"# 7. Use NATS\n", "Date: 2024-06-01\n", "\nProposed\n\nSupersedes [3. Old](0003-old.md)\n\n## Context\n"},
	}, {
		name: "MADR 4 template with placeholders", format: "madr",
		tpl:  "---\nstatus: \"{proposed | rejected | accepted}\"\ndate: {YYYY-MM-DD when the decision was last updated}\ndecision-makers: {list everyone}\n---\n\n# {short title}\n\n## Context and Problem Statement\n",
		want: []string{"status: proposed\n", "date: 2024-06-01\n", "decision-makers: {list everyone}\n", "supersedes: [3]\n---\n", "# Use NATS\n"},
	}, {
		name: "MADR 2 template", format: "madr2",
		tpl:  "# [short title of solved problem and solution]\n\n* Status: [accepted | superseeded by [ADR-0005](0005-example.md) | deprecated | …] <!-- optional -->\n* Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->\n\n## Context and Problem Statement\n",
		want: []string{"# Use NATS\n", "* Status: proposed <!-- optional -->\n", "* Date: 2024-06-01 <!-- optional -->\n", "## Links\n\n* Supersedes [ADR-0003](0003-old.md)\n"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			d := &Draft{Title: "Use NATS", Number: 7, Date: day, Template: []byte(c.tpl), Supersedes: []*Record{{Number: 3, ID: "0003-old", Title: "Old"}}}
			src, format, err := d.Render()
			if err != nil {
				t.Fatal(err)
			}
			if format != c.format {
				t.Errorf("format = %q, want %q", format, c.format)
			}
			for _, w := range c.want {
				if !strings.Contains(string(src), w) {
					t.Errorf("missing %q in\n%s", w, src)
				}
			}
		})
	}
}

func TestNextNumberAndPrevalentFormat(t *testing.T) {
	if got := NextNumber([]string{"0001-a.md", "0007-b.md", "README.md", "template.md", "0003-c.md"}); got != 8 {
		t.Errorf("NextNumber = %d, want 8", got)
	}
	if got := NextNumber(nil); got != 1 {
		t.Errorf("NextNumber of nothing = %d, want 1", got)
	}
	rs := []*Record{{Format: "nygard"}, {Format: "nygard"}, {Format: "madr"}}
	if got := PrevalentFormat(rs); got != "nygard" {
		t.Errorf("PrevalentFormat = %q", got)
	}
	if got := PrevalentFormat(nil); got != "" {
		t.Errorf("PrevalentFormat of nothing = %q", got)
	}
	for in, want := range map[string]string{
		"Kafka vs RabbitMQ: prototype first": "kafka-vs-rabbitmq-prototype-first",
		"  Ünïcode — Überall!  ":             "ünïcode-überall",
		"???":                                "decision",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
