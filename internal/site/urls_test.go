package site

import (
	"net/url"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
)

// TestRecordURLEncodesNames: a record's URL percent-encodes its file
// name, and PageFile turns the URL back into the file the page is
// written to, with the name as it is on disk.
func TestRecordURLEncodesNames(t *testing.T) {
	for _, tt := range []struct {
		id, folder, url, file string
	}{
		{"0001-plain", "", "decisions/0001-plain/", "decisions/0001-plain/index.html"},
		{"0007-c#-and-f#", "", "decisions/0007-c%23-and-f%23/", "decisions/0007-c#-and-f#/index.html"},
		{"0008-why?", "", "decisions/0008-why%3F/", "decisions/0008-why?/index.html"},
		{"0009-100%-uptime", "", "decisions/0009-100%25-uptime/", "decisions/0009-100%-uptime/index.html"},
		{"0010-ünïcode spaces", "", "decisions/0010-%C3%BCn%C3%AFcode%20spaces/", "decisions/0010-ünïcode spaces/index.html"},
		{"0011-a+b=c&d", "", "decisions/0011-a%2Bb%3Dc%26d/", "decisions/0011-a+b=c&d/index.html"},
		{"0012-scheme:like", "", "decisions/0012-scheme%3Alike/", "decisions/0012-scheme:like/index.html"},
		{"0013-x", "team #1/data", "decisions/team%20%231/data/0013-x/", "decisions/team #1/data/0013-x/index.html"},
		{"0014-(draft)_v1.2~", "", "decisions/0014-%28draft%29_v1.2~/", "decisions/0014-(draft)_v1.2~/index.html"},
	} {
		r := &decision.Record{ID: tt.id, Folder: tt.folder}
		u := RecordURL(r)
		if u != tt.url {
			t.Errorf("RecordURL(%q, folder %q) = %q, want %q", tt.id, tt.folder, u, tt.url)
		}
		if got := PageFile(u); got != tt.file {
			t.Errorf("PageFile(%q) = %q, want %q", u, got, tt.file)
		}
		// What a browser or static host makes of the URL is the file.
		parsed, err := url.Parse("https://example.com/" + u)
		if err != nil {
			t.Errorf("%q does not parse as a URL: %v", u, err)
			continue
		}
		if got, want := parsed.Path, "/"+tt.file[:len(tt.file)-len("index.html")]; got != want {
			t.Errorf("%q reaches %q, want %q", u, got, want)
		}
		if parsed.RawQuery != "" || parsed.Fragment != "" {
			t.Errorf("%q has a query or fragment", u)
		}
	}
}

func TestPageFile(t *testing.T) {
	for _, tt := range []struct{ url, file string }{
		{"", "index.html"},
		{"radar/", "radar/index.html"},
		{"radar/views/x/radar.svg", "radar/views/x/radar.svg"},
		{"glossary%20of%20terms/", "glossary of terms/index.html"},
	} {
		if got := PageFile(tt.url); got != tt.file {
			t.Errorf("PageFile(%q) = %q, want %q", tt.url, got, tt.file)
		}
	}
}

func TestOtherURLsEncode(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{TagURL("ünïcode"), "tags/%C3%BCn%C3%AFcode/"},
		{TagURL("C#"), "tags/c-sharp/"},
		{TeamURL("Team Ä"), "usage/team-%C3%A4/"},
		{ViewURL("a b"), "radar/views/a%20b/"},
		{SectorURL("tools"), "radar/tools/"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
