package githistory

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// gitRepo makes a repository with a site folder and returns the site.
func gitRepo(t *testing.T) (repo, site string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo = t.TempDir()
	site = filepath.Join(repo, "site")
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com",
			"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("2020-01-01T00:00:00Z", "init", "-q")
	write("decisions/0001-a.md", "# A\n")
	write("radar/x.md", "x\n")
	git("2020-01-02T12:00:00+14:00", "add", ".")
	git("2020-01-02T12:00:00+14:00", "commit", "-q", "-m", "one")
	write("decisions/0001-a.md", "# A\n\nMore.\n")
	write("decisions/api/0002 spaced name.md", "# B\n")
	git("2021-03-04T08:00:00Z", "add", ".")
	git("2021-03-04T08:00:00Z", "commit", "-q", "-m", "two")
	write("decisions/0003-uncommitted.md", "# C\n")
	return repo, site
}

func TestFileDates(t *testing.T) {
	_, site := gitRepo(t)
	log, err := Repo{Dir: site}.FileDates("decisions")
	if err != nil {
		t.Fatal(err)
	}
	if log.Shallow {
		t.Error("a full clone reads as shallow")
	}
	for name, want := range map[string][2]string{
		"decisions/0001-a.md":               {"2020-01-02", "2021-03-04"},
		"decisions/api/0002 spaced name.md": {"2021-03-04", "2021-03-04"},
	} {
		got, ok := log.Files[name]
		if !ok {
			t.Errorf("%s: no dates (have %v)", name, log.Files)
			continue
		}
		if got.Created.String() != want[0] || got.Changed.String() != want[1] {
			t.Errorf("%s: created %s, changed %s; want %s, %s", name, got.Created, got.Changed, want[0], want[1])
		}
	}
	if _, ok := log.Files["radar/x.md"]; ok {
		t.Error("files outside the folder are read")
	}
	if _, ok := log.Files["decisions/0003-uncommitted.md"]; ok {
		t.Error("an uncommitted file has dates")
	}
}

func TestShallowClone(t *testing.T) {
	repo, _ := gitRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+repo, clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	log, err := Repo{Dir: filepath.Join(clone, "site")}.FileDates("decisions")
	if err != nil {
		t.Fatal(err)
	}
	if !log.Shallow {
		t.Error("a shallow clone is not reported as shallow")
	}
	if got := log.Files["decisions/0001-a.md"].Created.String(); got != "2021-03-04" {
		t.Errorf("created = %s; a shallow clone knows only the last commit", got)
	}
}

func TestNoGit(t *testing.T) {
	dir := t.TempDir()
	log, err := Repo{Dir: dir}.FileDates("decisions")
	if err != nil || len(log.Files) != 0 {
		t.Errorf("outside a work tree: %v, %v", log.Files, err)
	}
	log, err = Repo{Dir: dir, Git: filepath.Join(dir, "no-such-git")}.FileDates("decisions")
	if err != nil || len(log.Files) != 0 {
		t.Errorf("without git: %v, %v", log.Files, err)
	}
}
