package radar

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

func day(s string) meta.Date {
	d, err := meta.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// editionRadar is a radar published three times: Kafka added in Trial,
// then put on hold; Go added later; Make never had a history.
func editionRadar() *Radar {
	return New(DefaultSettings(), []*Blip{
		{ID: "kafka", Title: "Kafka", Quadrant: "platforms", Ring: "hold", Tags: []string{"messaging"}, Owner: "integration",
			History: []Move{{Date: day("2020-01-10"), Ring: "trial"}, {Date: day("2020-06-01"), Ring: "hold", Decision: 2}}},
		{ID: "go", Title: "Go", Quadrant: "languages-and-frameworks", Ring: "adopt", Owner: "platform",
			History: []Move{{Date: day("2020-06-01"), Ring: "assess"}, {Date: day("2021-02-01"), Ring: "adopt", Note: "in production"}}},
		{ID: "make", Title: "Make", Quadrant: "tools", Ring: "adopt", Tags: []string{"build"}},
	})
}

func TestEditions(t *testing.T) {
	r := editionRadar()
	var got []string
	for _, d := range r.Editions() {
		got = append(got, d.String())
	}
	if want := []string{"2020-01-10", "2020-06-01", "2021-02-01"}; !slices.Equal(got, want) {
		t.Errorf("Editions = %v, want %v", got, want)
	}
	s := DefaultSettings()
	s.Edition = day("2020-12-31")
	r = New(s, editionRadar().Blips)
	got = nil
	for _, d := range r.Editions() {
		got = append(got, d.String())
	}
	if want := []string{"2020-01-10", "2020-06-01", "2020-12-31"}; !slices.Equal(got, want) {
		t.Errorf("with edition 2020-12-31, Editions = %v, want %v: later history does not count yet, the edition does", got, want)
	}
	if got := New(DefaultSettings(), nil).Editions(); len(got) != 0 {
		t.Errorf("a radar with no history has editions %v", got)
	}
}

func TestAt(t *testing.T) {
	r := editionRadar()
	for _, c := range []struct {
		date string
		want string // id:ring:movement, in reading order
	}{
		{"2019-12-31", ""},
		{"2020-01-10", "kafka:trial:new"},
		{"2020-03-01", "kafka:trial:new"},
		{"2020-06-01", "kafka:hold:moved-out go:assess:new"},
		{"2021-02-01", "kafka:hold:none go:adopt:moved-in"},
	} {
		at := r.At(day(c.date))
		var got []string
		for _, b := range at.Blips {
			got = append(got, b.ID+":"+b.Ring+":"+at.Movement(b))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("At(%s) = %q, want %q", c.date, g, c.want)
		}
		if at.Edition.String() != c.date {
			t.Errorf("At(%s) has edition %s", c.date, at.Edition)
		}
	}
	if b := r.Blip("kafka"); b.Ring != "hold" || len(b.History) != 2 {
		t.Errorf("At changed the radar's own blip: %+v", b)
	}
}

func TestChanges(t *testing.T) {
	r := editionRadar()
	for _, c := range []struct {
		from, to string
		want     string
	}{
		{"", "2020-01-10", "kafka new to trial"},
		{"2020-01-10", "2020-06-01", "kafka moved-out trial to hold; go new to assess"},
		{"2020-06-01", "2021-02-01", "go moved-in assess to adopt"},
		{"2021-02-01", "2022-01-01", ""},
	} {
		var from meta.Date
		if c.from != "" {
			from = day(c.from)
		}
		var got []string
		for _, ch := range r.Changes(from, day(c.to)) {
			got = append(got, strings.TrimSpace(fmt.Sprintf("%s %s %s to %s", ch.Blip.ID, ch.Movement, ch.From, ch.Move.Ring)))
		}
		g := strings.ReplaceAll(strings.Join(got, "; "), "new  to", "new to")
		if g != c.want {
			t.Errorf("Changes(%s, %s) = %q, want %q", c.from, c.to, g, c.want)
		}
	}
}

func TestViewIncludes(t *testing.T) {
	r := editionRadar()
	for _, c := range []struct {
		name string
		view View
		want string
	}{
		{"by tag", View{Tags: []string{"messaging"}}, "kafka"},
		{"by owner", View{Owners: []string{"platform", "integration"}}, "kafka go"},
		{"by quadrant", View{Quadrants: []string{"tools"}}, "make"},
		{"every kind must match", View{Owners: []string{"integration"}, Quadrants: []string{"tools"}}, ""},
		{"listed blips always", View{Owners: []string{"integration"}, Blips: []string{"make"}}, "make kafka"}, // reading order: tools before platforms,
		{"nothing stated, nothing in", View{}, ""},
	} {
		var got []string
		for _, b := range c.view.Of(r).Blips {
			got = append(got, b.ID)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: view holds %q, want %q", c.name, g, c.want)
		}
	}
}

// TestLayoutWithin checks that the compact layout keeps the blips apart
// within its smaller radius, with the same numbers as the full layout.
func TestLayoutWithin(t *testing.T) {
	r := editionRadar()
	full, compact := r.Layout(), r.LayoutWithin(CompactRadius)
	if got := compact.Radii[len(compact.Radii)-1]; got != CompactRadius {
		t.Errorf("compact radius %v, want %v", got, CompactRadius)
	}
	for i, p := range compact.Blips {
		if q := full.Blips[i]; q.Blip != p.Blip || q.Number != p.Number {
			t.Errorf("blip %d: compact %s/%d, full %s/%d", i, p.Blip.ID, p.Number, q.Blip.ID, q.Number)
		}
	}
}
