package preview

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/githistory"
	"github.com/waymark-dev/waymark/internal/incremental"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

// TestGitDates: a record that states no date shows the date of its first
// commit, and of its last, as a build shows them, and keeps them after
// edits, after a full rebuild too.
func TestGitDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := copySite(t)
	const undated, page = "decisions/0100-undated-record.md", "/decisions/0100-undated-record/"
	writeFile(t, dir, undated, "# Undated record\n\nThe record states no date.\n")
	sitetest.Git(t, dir, "2019-05-06T10:00:00Z", "init", "-q")
	sitetest.Git(t, dir, "2019-05-06T10:00:00Z", "add", ".")
	sitetest.Git(t, dir, "2019-05-06T10:00:00Z", "commit", "-q", "-m", "first")
	writeFile(t, dir, undated, readFile(t, dir, undated)+"\nChanged once.\n")
	sitetest.Git(t, dir, "2020-02-03T10:00:00Z", "commit", "-q", "-am", "second")

	s := start(t, dir, func(s *Server) {
		in := incremental.New(site.Options{Site: os.DirFS(dir), Theme: themes.Default(), History: githistory.Repo{Dir: dir}})
		s.Rebuild = func(changed []string) Result {
			st, files, err := in.Build(changed)
			return Result{Files: files, Problems: st.Problems.Sorted(), Err: err}
		}
	})
	dated := func(when string) {
		t.Helper()
		code, body := get(t, s, page)
		for _, want := range []string{`<time datetime="2019-05-06">`, "first commit", `last changed <time datetime="2020-02-03">`} {
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("%s: %s (%d) does not have %q", when, page, code, want)
			}
		}
	}
	dated("at the start")

	es, _ := connect(t, s, nil)
	writeFile(t, dir, undated, readFile(t, dir, undated)+"\nEdited in the preview.\n")
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("after an edit: event %q", e.name)
	}
	if _, body := get(t, s, page); !strings.Contains(body, "Edited in the preview.") {
		t.Fatal("edit not served")
	}
	dated("after an edit")

	// A change of configuration rebuilds from scratch, reading git again.
	writeFile(t, dir, "waymark.yaml", readFile(t, dir, "waymark.yaml")+"\n")
	writeFile(t, dir, undated, readFile(t, dir, undated)+"\nEdited with the configuration.\n")
	waitFor(t, "the rebuild from scratch", func() bool {
		_, body := get(t, s, page)
		return strings.Contains(body, "Edited with the configuration.")
	})
	dated("after a rebuild from scratch")
}
