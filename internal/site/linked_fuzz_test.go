package site

import (
	"path"
	"strings"
	"testing"
)

// FuzzLeadsOut: the quick look at destinations never panics, and says
// yes to every document with an inline link that leaves the folders.
func FuzzLeadsOut(f *testing.F) {
	for _, s := range []string{"[g](../glossary.md)", "[k](../radar/kafka.md)", "../", "(../", "x../../..", "<../a b>", "[x]: ../a%zz"} {
		f.Add(s)
	}
	within := func(p string) bool { return strings.HasPrefix(p, "decisions/") }
	f.Fuzz(func(t *testing.T, body string) {
		leadsOut(docOf("decisions/0001-a.md", body), within)
		if !strings.ContainsAny(body, " \t\r\n()<>\"'[#?%") && leadsOut(docOf("decisions/0001-a.md", "[l](../"+body+")"), within) != leadsOutOf("decisions/../"+body, within) {
			t.Errorf("leadsOut disagrees with the path it reads for %q", body)
		}
	})
}

// leadsOutOf is what leadsOut should answer for one destination,
// already joined to its document's folder.
func leadsOutOf(p string, within func(string) bool) bool {
	clean := cleanPath(p)
	return !strings.HasPrefix(clean, "../") && clean != ".." && !within(clean)
}

// FuzzPathURL: every name's URL reaches the file: PageFile undoes
// PathURL, and the URL has no byte a URL path cannot carry as it is.
func FuzzPathURL(f *testing.F) {
	for _, s := range []string{"0007-c#-and-f#", "0008-why?", "100%", "ünïcode spaces", "a/b c/d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		u := PathURL(name)
		for i := 0; i < len(u); i++ {
			if c := u[i]; c != '%' && c != '/' && !unreserved(c) {
				t.Fatalf("PathURL(%q) = %q keeps %q", name, u, c)
			}
		}
		if got := PageFile(u + "/"); got != name+"/index.html" {
			t.Fatalf("PageFile(PathURL(%q)+/) = %q", name, got)
		}
	})
}

func cleanPath(p string) string { return path.Clean(p) }
