package incremental

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

var numberRE = regexp.MustCompile(`"number":([^,}]*)`)

// TestNumbersSurviveEdits checks that index.json keeps the records'
// numbers as written over many builds, whether it is generated again (a
// title changed) or kept (only a body changed): kept bytes were once
// minified in place, turning 1000 into 1e3, then 1e30.
func TestNumbersSurviveEdits(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"waymark.yaml":                "title: Numbers\n",
		"decisions/0007-small.md":     "# Small\n\nStatus: accepted\n",
		"decisions/1000-thousand.md":  "# Thousand\n\nStatus: accepted\n",
		"decisions/20000-twenty-k.md": "# Twenty thousand\n\nStatus: accepted\n",
	}
	for name, data := range files {
		edit(t, dir, name, func(string) string { return data })
	}
	in := New(site.Options{Site: os.DirFS(dir), Theme: themes.Default()})
	want := []string{"1000", "20000", "7"}
	check := func(step string, files map[string][]byte) {
		t.Helper()
		var got []string
		for _, m := range numberRE.FindAllSubmatch(files["index.json"], -1) {
			got = append(got, string(m[1]))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: numbers in index.json = %q, want %q", step, got, want)
		}
	}
	_, out, err := in.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	check("first build", out)
	const rec = "decisions/1000-thousand.md"
	for i := range 6 {
		change := func(s string) string { return s + "\nParagraph " + strconv.Itoa(i) + ".\n" } // body only
		if i%3 == 2 {
			change = func(s string) string { return "# Thousand, take " + strconv.Itoa(i) + s[len("# Thousand"):] }
		}
		edit(t, dir, rec, change)
		_, out, err := in.Build([]string{rec})
		if err != nil {
			t.Fatal(err)
		}
		check("after edit "+strconv.Itoa(i+1)+" ("+in.how+")", out)
	}
}
