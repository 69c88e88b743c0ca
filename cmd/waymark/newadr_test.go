package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/waymark-dev/waymark/internal/decision"
	sitedir "github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// copyDir copies the fixture folder src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// runWaymark runs the command in-process and returns its output.
func runWaymark(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// createdPath is the path new adr printed it created.
func createdPath(t *testing.T, stdout string) string {
	t.Helper()
	for _, line := range strings.Split(stdout, "\n") {
		if rest, ok := strings.CutPrefix(line, "created "); ok {
			p, _, _ := strings.Cut(rest, " (")
			return p
		}
	}
	t.Errorf("no created line in %q", stdout)
	return ""
}

// changedLines returns the lines of a that b replaces, and their
// replacements, around the common beginning and end.
func changedLines(a, b string) (removed, added []string) {
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

// TestNewSupersedesRoundTrip runs "new adr --supersedes" on an adr-tools
// folder and on a MADR folder: the new record is written, the superseded
// record changes in its status line only, no other file changes, and the
// rebuilt graph links the two both ways.
func TestNewSupersedesRoundTrip(t *testing.T) {
	fixtures := filepath.Join("..", "..", "internal", "decision", "testdata", "formats")
	for _, c := range []struct {
		name, fixture, folder, config string
		old                           string // the superseded record
		newFile                       string
		oldLine, newLine              string
		wantIn                        []string
	}{{
		name: "adr-tools", fixture: "adr-tools", folder: "doc/adr",
		old:     "doc/adr/0004-use-rabbitmq-for-business-transactions.md",
		newFile: "doc/adr/0007-use-nats-for-business-events.md",
		oldLine: "Accepted\n", newLine: "Superseded by [7. Use NATS for business events](0007-use-nats-for-business-events.md)\n",
		// the folder's own adr-tools template.md
		wantIn: []string{"# 7. Use NATS for business events\n", "Date: 2024-06-01\n", "## Status\n\nAccepted\n\nSupersedes [4. Use RabbitMQ for business transactions](0004-use-rabbitmq-for-business-transactions.md)\n"},
	}, {
		name: "MADR", fixture: "madr4", folder: "architecture/decisions", config: "decisions: architecture/decisions\n",
		old:     "architecture/decisions/0004-use-postgresql-for-orders.md",
		newFile: "architecture/decisions/0006-use-nats-for-business-events.md",
		oldLine: "status: accepted\n", newLine: "status: superseded by [ADR-0006](0006-use-nats-for-business-events.md)\n",
		wantIn: []string{"---\nstatus: accepted\ndate: 2024-06-01\n", "supersedes: [4]\n---\n", "# Use NATS for business events\n"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			site := t.TempDir()
			copyDir(t, filepath.Join(fixtures, c.fixture), filepath.Join(site, filepath.FromSlash(c.folder)))
			if c.config != "" {
				if err := os.WriteFile(filepath.Join(site, "waymark.yaml"), []byte(c.config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, site)
			stdout, stderr, err := runWaymark(t, "new", "adr", "Use NATS for business events", "--supersedes", "4",
				"--site", site, "--status", "accepted", "--date", "2024-06-01")
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if got, want := createdPath(t, stdout), filepath.Join(site, filepath.FromSlash(c.newFile)); got != want {
				t.Errorf("printed %q, want %q", got, want)
			}
			after := snapshot(t, site)
			for name, data := range before {
				if name == c.old {
					continue
				}
				if !bytes.Equal(after[name], data) {
					t.Errorf("%s changed", name)
				}
			}
			removed, added := changedLines(string(before[c.old]), string(after[c.old]))
			if !slices.Equal(removed, []string{c.oldLine}) || !slices.Equal(added, []string{c.newLine}) {
				t.Errorf("%s: replaced %q with %q, want %q with %q", c.old, removed, added, c.oldLine, c.newLine)
			}
			created, ok := after[c.newFile]
			if !ok {
				t.Fatalf("%s not written; have %v", c.newFile, slices.Sorted(mapKeys(after)))
			}
			for _, w := range c.wantIn {
				if !strings.Contains(string(created), w) {
					t.Errorf("new record lacks %q:\n%s", w, created)
				}
			}
			if len(after) != len(before)+1 {
				t.Errorf("%d files before, %d after; want exactly one new", len(before), len(after))
			}

			s, err := sitedir.Load(sitedir.Options{Site: os.DirFS(site), Theme: themes.Default()})
			if err != nil {
				t.Fatal(err)
			}
			oldID := strings.TrimSuffix(filepath.Base(c.old), ".md")
			newID := strings.TrimSuffix(filepath.Base(c.newFile), ".md")
			old, nu := s.Decisions.ByID("", oldID), s.Decisions.ByID("", newID)
			if old == nil || nu == nil {
				t.Fatalf("records not found: %v %v", old, nu)
			}
			if old.Status != decision.Superseded || !slices.Equal(old.SupersededBy, []int{nu.Number}) || !slices.Contains(nu.Supersedes, old.Number) {
				t.Errorf("graph: old %s superseded by %v; new supersedes %v", old.Status, old.SupersededBy, nu.Supersedes)
			}
			for _, p := range s.Problems.Sorted() {
				// An accepted record just written from the template still
				// holds its placeholders: that is for the author to fill.
				if (p.File == c.old || strings.HasSuffix(p.File, c.newFile)) && !strings.Contains(p.Message, "unfilled template placeholder") {
					t.Errorf("problem after new: %v", p)
				}
			}
		})
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestNewNumbering takes the highest number plus one, never a gap, and
// never overwrites.
func TestNewNumbering(t *testing.T) {
	site := t.TempDir()
	dir := filepath.Join(site, "decisions")
	for _, name := range []string{"0001-a.md", "0002-b.md", "0005-e.md", "README.md"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte("# "+name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, _, err := runWaymark(t, "new", "adr", "--site", site, "Use Go", "--date", "2024-06-01")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "0006-use-go.md"); createdPath(t, stdout) != want {
		t.Errorf("wrote %q, want %q", stdout, want)
	}
	stdout, _, err = runWaymark(t, "new", "adr", "--site", site, "Use Go", "--date", "2024-06-01")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "0007-use-go.md"); createdPath(t, stdout) != want {
		t.Errorf("the same title again wrote %q, want %q", stdout, want)
	}

	// log4brains names carry the date: the same title on the same day is refused.
	l4b := filepath.Join(site, "l4b")
	for i := range 2 {
		_, _, err := runWaymark(t, "new", "adr", "--site", site, "--decisions", "l4b", "--format", "log4brains", "Use Go", "--date", "2024-06-01")
		if i == 0 && err != nil {
			t.Fatal(err)
		}
		if i == 1 && (err == nil || !strings.Contains(err.Error(), "never overwrites")) {
			t.Errorf("second identical log4brains record: %v, want a refusal", err)
		}
	}
	if _, err := os.Stat(filepath.Join(l4b, "20240601-use-go.md")); err != nil {
		t.Error(err)
	}
}

// TestNewConcurrent runs several "new" at once: every record gets its
// own number.
func TestNewConcurrent(t *testing.T) {
	site := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			_, _, errs[i] = runWaymark(t, "new", "adr", "--site", site, fmt.Sprintf("Decision %c", 'a'+i), "--date", "2024-06-01")
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(site, "decisions"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]string{}
	for _, e := range entries {
		n, _, ok := decision.ParseFileName(e.Name())
		if !ok {
			t.Errorf("unexpected file %s", e.Name())
			continue
		}
		if other, dup := seen[n]; dup {
			t.Errorf("%s and %s share number %d", other, e.Name(), n)
		}
		seen[n] = e.Name()
	}
	if len(seen) != len(errs) {
		t.Errorf("%d records, want %d", len(seen), len(errs))
	}
}

// TestNewFormats writes each format into an empty folder and reads it
// back, in a category sub-folder.
func TestNewFormats(t *testing.T) {
	for format, want := range map[string]string{
		"madr":       "api/0001-use-grpc.md",
		"nygard":     "api/0001-use-grpc.md",
		"madr2":      "api/0001-use-grpc.md",
		"log4brains": "api/20240601-use-grpc.md",
	} {
		t.Run(format, func(t *testing.T) {
			site := t.TempDir()
			stdout, _, err := runWaymark(t, "new", "adr", "Use gRPC", "--site", site, "--folder", "api", "--format", format, "--date", "2024-06-01")
			if err != nil {
				t.Fatal(err)
			}
			if got := createdPath(t, stdout); got != filepath.Join(site, "decisions", filepath.FromSlash(want)) {
				t.Errorf("wrote %s, want %s", got, want)
			}
			s, err := sitedir.Load(sitedir.Options{Site: os.DirFS(site), Theme: themes.Default()})
			if err != nil {
				t.Fatal(err)
			}
			r := s.Decisions.Records[0]
			if r.Format != format || r.Title != "Use gRPC" || r.Status != decision.Proposed || r.Folder != "api" || r.Date.String() != "2024-06-01" {
				t.Errorf("read back %s %q %s folder %q %s", r.Format, r.Title, r.Status, r.Folder, r.Date)
			}
		})
	}
}

// TestNewPrevalentFormat writes in the format most of the folder uses
// when the site has no template.
func TestNewPrevalentFormat(t *testing.T) {
	site := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "internal", "decision", "testdata", "formats", "madr2"), filepath.Join(site, "docs", "decisions"))
	stdout, _, err := runWaymark(t, "new", "adr", "Use a linter", "--site", site, "--amends", "ADR-0001", "--date", "2024-06-01")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(createdPath(t, stdout))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"* Status: proposed\n", "* Date: 2024-06-01\n", "## Links\n\n* Amends [ADR-0001](0001-use-markdown-architectural-decision-records.md)\n"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("missing %q in\n%s", want, src)
		}
	}
}

func TestNewErrors(t *testing.T) {
	site := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new"}, "needs a kind"},
		{[]string{"new", "blimp"}, `new blimp: unknown kind; did you mean new blip?`},
		{[]string{"new", "adr", "--site", site}, "needs a title"},
		{[]string{"new", "adr", "X", "--site", site, "--supersedes", "9"}, "--supersedes 9: no such record"},
		{[]string{"new", "adr", "X", "--site", site, "--status", "acepted"}, `--status "acepted"`},
		{[]string{"new", "adr", "X", "--site", site, "--format", "rst"}, `--format "rst"`},
		{[]string{"new", "adr", "X", "--site", site, "--folder", "../up"}, `--folder "../up"`},
		{[]string{"new", "adr", "X", "--site", site, "--decisions", "/etc"}, "leaves the site folder"},
	} {
		_, _, err := runWaymark(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
	}
	if entries, _ := os.ReadDir(site); len(entries) != 0 {
		t.Errorf("failed commands left files: %v", entries)
	}
}

// TestCheckDecisionProblems reports every broken case with file and line.
func TestCheckDecisionProblems(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"decisions/0001-a.md": "---\nstatus: accepted\nsupersedes: [2, 9]\n---\n# A\n",
		"decisions/0002-b.md": "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n",
		"decisions/0003-c.md": "# 3. C\n\n## Status\n\nSuperseded by [4. D](0004-d.md)\n",
		"decisions/0004-d.md": "---\nstatus: proposed\n---\n# D\n",
		"decisions/0004-e.md": "# E\n\n* Status: accepted\n* Date: someday\n",
	}
	for name, text := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, _, err := runWaymark(t, "check", "--site", site)
	if err == nil {
		t.Error("check passed a site with duplicate numbers")
	}
	for _, want := range []string{
		"decisions/0001-a.md:3: warning: supersedes refers to ADR-0009, which does not exist",
		"decisions/0001-a.md:3: warning: ADR-0001 supersedes itself through a cycle; remove one of the supersedes links (ADR-0001 → ADR-0002 → ADR-0001)",
		"decisions/0004-e.md:1: number 4 is also used by decisions/0004-d.md",
		`decisions/0003-c.md:5: warning: superseded by ADR-0004, whose status is "proposed", not accepted`,
		`decisions/0004-e.md:4: warning: date "someday" is not a date waymark can read`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestStatusCommand: new adr --supersedes leaves the older record alone
// while the new one is proposed; status accepted then changes the new
// record's status line and marks the older one, and nothing else.
func TestStatusCommand(t *testing.T) {
	site := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "internal", "decision", "testdata", "formats", "adr-tools"), filepath.Join(site, "doc", "adr"))
	before := snapshot(t, site)
	stdout, stderr, err := runWaymark(t, "new", "adr", "Use NATS", "--supersedes", "4", "--site", site, "--date", "2024-06-01")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "ADR-0004 stays accepted until ADR-0007 is accepted; then it is marked superseded\n") ||
		!strings.Contains(stdout, "once it is agreed, waymark status 7 accepted\n") {
		t.Errorf("new adr printed %q", stdout)
	}
	proposed := snapshot(t, site)
	const old, nu = "doc/adr/0004-use-rabbitmq-for-business-transactions.md", "doc/adr/0007-use-nats.md"
	if !bytes.Equal(proposed[old], before[old]) {
		t.Fatalf("a proposed record marked %s superseded", old)
	}
	stdout, stderr, err = runWaymark(t, "status", "7", "accepted", "--site", site)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"changed the status of " + filepath.Join(site, "doc", "adr", "0007-use-nats.md") + " (ADR-0007) from proposed to accepted\n",
		"marked " + filepath.Join(site, filepath.FromSlash(old)) + " (ADR-0004) superseded by ADR-0007\n",
		"next: run waymark check\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("status printed %q, which lacks %q", stdout, want)
		}
	}
	after := snapshot(t, site)
	for name, data := range proposed {
		removed, added := changedLines(string(data), string(after[name]))
		switch name {
		case old:
			if !slices.Equal(removed, []string{"Accepted\n"}) || !slices.Equal(added, []string{"Superseded by [7. Use NATS](0007-use-nats.md)\n"}) {
				t.Errorf("%s: %q → %q", name, removed, added)
			}
		case nu:
			if !slices.Equal(removed, []string{"Proposed\n"}) || !slices.Equal(added, []string{"Accepted\n"}) {
				t.Errorf("%s: %q → %q", name, removed, added)
			}
		default:
			if len(removed)+len(added) > 0 {
				t.Errorf("%s changed", name)
			}
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"status", "4", "accepted"}, "it is superseded; its status follows from the record that supersedes it"},
		{[]string{"status", "7", "aproved"}, "status aproved: use accepted, rejected, deprecated, proposed, or superseded --by M"},
		{[]string{"status", "3", "superseded"}, "status superseded needs --by M"},
		{[]string{"status", "3", "rejected", "--by", "7"}, "--by names the record that supersedes this one: use it with superseded, not rejected"},
		{[]string{"status", "99", "rejected"}, "99: no such record in this folder"},
		{[]string{"status", "3"}, "status needs a record and a status"},
	} {
		_, _, err := runWaymark(t, append(c.args, "--site", site)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
	if !mapsEqualBytes(snapshot(t, site), after) {
		t.Error("a refused status command changed files")
	}
}

func mapsEqualBytes(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
