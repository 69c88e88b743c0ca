package decision

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

// TestFormatRoundTrip writes a record with each format's own template,
// reads it back in that format, marks it superseded and reads it again:
// what a format writes, it reads.
func TestFormatRoundTrip(t *testing.T) {
	for _, f := range Formats() {
		t.Run(f.Name(), func(t *testing.T) {
			d := &Draft{Title: "Use NATS", Number: 7, Date: day, Status: "accepted", Dated: f.DatedNames(),
				Supersedes: []*Record{{Number: 3, ID: "0003-old", Title: "Old"}}}
			src := f.Write(f.Template(), d)
			name := d.FileName()
			doc, err := meta.Split(name, src)
			if err != nil {
				t.Fatal(err)
			}
			if !f.Accepts(doc) {
				t.Fatalf("%s does not accept what it wrote:\n%s", f.Name(), src)
			}
			r, err := Parse(name, "", src)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := r.Format, f.Name(); got != want {
				t.Errorf("read back as %q, want %q\n%s", got, want, src)
			}
			if r.Title != d.Title || r.Status != Accepted || r.Date != day || !slices.Equal(r.Supersedes, []int{3}) {
				t.Errorf("read back %q %q %s supersedes %v\n%s", r.Title, r.Status, r.Date, r.Supersedes, src)
			}
			by := &Record{Number: 9, ID: "0009-use-kafka", Title: "Use Kafka"}
			out, err := f.Supersede(src, by)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Parse(name, "", out)
			if err != nil {
				t.Fatal(err)
			}
			if again.Status != Superseded || !strings.Contains(string(out), "(0009-use-kafka.md)") {
				t.Errorf("after Supersede: status %q\n%s", again.Status, out)
			}
		})
	}
}

// TestExtraStatus warns about a custom status unless the record's format
// defines it.
func TestExtraStatus(t *testing.T) {
	for _, tt := range []struct {
		path, src string
		warned    bool
	}{
		{"20200420-a.md", "# A\n\n- Status: draft\n- Tags: x\n", false},
		{"0001-a.md", "---\nstatus: draft\n---\n# A\n", false},  // draft means proposed
		{"0001-a.md", "# 1. A\n\n## Status\n\nPending\n", true}, // a word of the folder's own
		{"20200420-a.md", "# A\n\n- Status: pending\n- Tags: x\n", true},
	} {
		r, err := Parse(tt.path, "", []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		_, problems := Link([]*Record{r})
		if got := len(problems) > 0; got != tt.warned {
			t.Errorf("%s format, status %q: warned %v, want %v (%v)", r.Format, r.Status, got, tt.warned, problems)
		}
	}
}

// TestFreshSlices checks that callers cannot change the package's lists.
func TestFreshSlices(t *testing.T) {
	Statuses()[0] = "changed"
	Formats()[0] = nil
	if got := Statuses()[0]; got != Proposed {
		t.Errorf("Statuses()[0] = %q after a caller changed its copy", got)
	}
	if Formats()[0] == nil {
		t.Error("Formats()[0] is nil after a caller changed its copy")
	}
}
