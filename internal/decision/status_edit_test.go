package decision

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestChangeStatusRoundTrip changes the status of every record of every
// format fixture to every status it can take: the file reads back with
// the new status and everything else as it was, and only the line that
// states the status changed (one line for one, or a status word added
// where the section had none).
func TestChangeStatusRoundTrip(t *testing.T) {
	fsys := os.DirFS("testdata/formats")
	formats := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, _, ok := ParseFileName(p); !ok {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		r, err := Parse(p, "", src)
		if err != nil || r.Status == Superseded {
			return nil
		}
		formats[r.Format] = true
		for _, status := range []string{Accepted, Rejected, Deprecated, Proposed} {
			t.Run(fmt.Sprintf("%s/%s", p, status), func(t *testing.T) {
				out, err := ChangeStatus(r, src, status)
				if err != nil {
					t.Fatal(err)
				}
				again, err := Parse(p, "", out)
				if err != nil {
					t.Fatal(err)
				}
				if again.Status != status || again.Title != r.Title || again.Date != r.Date || again.Format != r.Format ||
					!slices.Equal(again.Supersedes, r.Supersedes) || !slices.Equal(again.Amends, r.Amends) ||
					!slices.Equal(again.DecisionMakers, r.DecisionMakers) || !slices.Equal(again.Tags, r.Tags) {
					t.Errorf("read back %+v\nwas %+v", again, r)
				}
				removed, added := lineDiff(string(src), string(out))
				switch {
				case string(out) == string(src):
					if status != r.Status {
						t.Errorf("the file did not change")
					}
				case len(removed) == 1 && len(added) == 1:
					if !strings.Contains(strings.ToLower(added[0]), status) {
						t.Errorf("replaced %q with %q", removed[0], added[0])
					}
					if strings.HasSuffix(removed[0], "\r\n") != strings.HasSuffix(added[0], "\r\n") {
						t.Errorf("line ending changed: %q → %q", removed[0], added[0])
					}
				case len(removed) == 0 && slices.Equal(added, []string{"---\n", "status: " + status + "\n", "---\n"}):
					// a record that states no status gets front matter that does
				case len(removed) == 0 && r.Format == "nygard":
					// a status section that stated no word gets one
					if len(added) != 2 || !strings.Contains(strings.ToLower(added[1]), status) {
						t.Errorf("added %q", added)
					}
				default:
					t.Errorf("changed more than the status line: %q → %q", removed, added)
				}
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats() {
		if !formats[f.Name()] {
			t.Errorf("no fixture in the %s format", f.Name())
		}
	}
}

// TestChangeStatusCases: the word is written as the file writes it, and
// what cannot be changed is refused.
func TestChangeStatusCases(t *testing.T) {
	for _, c := range []struct {
		name, src, status, want, err string
	}{
		{name: "front matter", src: "---\nstatus: proposed # until the board meets\ndate: 2024-01-01\n---\n# A\n", status: Accepted,
			want: "---\nstatus: accepted # until the board meets\ndate: 2024-01-01\n---\n# A\n"},
		{name: "front matter, capitalised", src: "---\nstatus: Proposed\n---\n# A\n", status: Rejected, want: "---\nstatus: Rejected\n---\n# A\n"},
		{name: "madr2 list", src: "# A\n\n* Status: proposed\n* Date: 2024-01-01\n\n## Context\n", status: Deprecated,
			want: "# A\n\n* Status: deprecated\n* Date: 2024-01-01\n\n## Context\n"},
		{name: "nygard word", src: "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n\nAmends [2. B](0002-b.md)\n\n## Context\n", status: Accepted,
			want: "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmends [2. B](0002-b.md)\n\n## Context\n"},
		{name: "nygard, windows line endings", src: "# 1. A\r\n\r\n## Status\r\n\r\nProposed\r\n\r\n## Context\r\n", status: Rejected,
			want: "# 1. A\r\n\r\n## Status\r\n\r\nRejected\r\n\r\n## Context\r\n"},
		{name: "front matter wins over the body", src: "---\nstatus: proposed\n---\n# 1. A\n\n## Status\n\nProposed\n", status: Accepted,
			want: "---\nstatus: accepted\n---\n# 1. A\n\n## Status\n\nProposed\n"},
		{name: "superseded", src: "---\nstatus: superseded by ADR-0002\n---\n# A\n", status: Accepted, err: "its status follows from the record that supersedes it"},
		{name: "superseded is not a status to set", src: "---\nstatus: accepted\n---\n# A\n", status: Superseded, err: "superseded needs the record that supersedes it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse("decisions/0001-a.md", "", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			out, err := ChangeStatus(r, []byte(c.src), c.status)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got\n%q\nwant\n%q", out, c.want)
			}
		})
	}
}

// FuzzChangeStatus: on any record, changing the status never panics, and
// what it returns reads back with that status.
func FuzzChangeStatus(f *testing.F) {
	_ = fs.WalkDir(os.DirFS("testdata/formats"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if src, err := os.ReadFile("testdata/formats/" + p); err == nil {
				f.Add(string(src), uint8(0))
			}
		}
		return nil
	})
	f.Add("# 1. A\n\n## Status\n\n", uint8(1))
	f.Fuzz(func(t *testing.T, src string, which uint8) {
		r, err := Parse("decisions/0001-a.md", "", []byte(src))
		if err != nil {
			return
		}
		status := []string{Accepted, Rejected, Deprecated, Proposed}[int(which)%4]
		out, err := ChangeStatus(r, []byte(src), status)
		if err != nil {
			return
		}
		again, err := Parse("decisions/0001-a.md", "", out)
		if err != nil || again.Status != status {
			t.Fatalf("read back %v, %v", again, err)
		}
	})
}
