package usage

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/meta"
)

// sample has components of every ecosystem the lockfiles cover.
func sample() *BOM {
	comps := []Component{
		newPURL("maven", "org.apache.kafka", "kafka-clients", "3.7.0"),
		newPURL("npm", "@angular", "core", "17.3.1"),
		newPURL("npm", "", "kafkajs", "2.2.4"),
		newPURL("golang", "github.com/segmentio", "kafka-go", "v0.4.47"),
	}
	comps[0].License, comps[1].License, comps[2].License = "Apache-2.0", "MIT OR Apache-2.0", "MIT"
	return &BOM{Team: "payments", Project: "checkout", Date: meta.Date{Year: 2026, Month: 5, Day: 1}, Components: comps}
}

func TestWriteRead(t *testing.T) {
	all := func(c Component) bool { return true }
	of := func(typ string) func(Component) bool {
		return func(c Component) bool { return strings.HasPrefix(c.Package, "pkg:"+typ+"/") }
	}
	tests := []struct {
		format   Format
		keep     func(Component) bool
		licences bool
		dated    bool
	}{
		{cyclonedxFormat{}, all, true, true},
		{spdxFormat{}, all, true, true},
		{goModFormat{}, of("golang"), false, false},
		{npmFormat{}, of("npm"), true, false},
		{mavenFormat{}, of("maven"), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.format.Name(), func(t *testing.T) {
			in := sample()
			data, err := tt.format.Write(in)
			if err != nil {
				t.Fatal(err)
			}
			out, warnings, err := tt.format.Read("f", data)
			if err != nil || len(warnings) > 0 {
				t.Fatalf("reading what Write wrote: %v %v\n%s", err, warnings, data)
			}
			key := func(c Component) string {
				s := c.Package + "@" + c.Version
				if tt.licences {
					s += " " + c.License
				}
				return s
			}
			var want, got []string
			for _, c := range in.Components {
				if tt.keep(c) {
					want = append(want, key(c))
				}
			}
			for _, c := range out.Components {
				got = append(got, key(c))
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("components\n got %q\nwant %q", got, want)
			}
			if tt.dated && out.Date != in.Date {
				t.Errorf("date %s, want %s", out.Date, in.Date)
			}
		})
	}
}
