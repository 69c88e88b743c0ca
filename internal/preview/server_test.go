package preview

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const record = "decisions/0005-kafka-vs-rabbitmq-prototype-first.md"
const recordPage = "/decisions/0005-kafka-vs-rabbitmq-prototype-first/"

// TestEditBreakFix is the author's day: start the preview, edit a record
// and see the new text after the reload event; break its front matter and
// see the overlay over the last good page; fix it and see the page again.
func TestEditBreakFix(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	if ip := s.Address().String(); !strings.HasPrefix(ip, "127.0.0.1:") {
		t.Fatalf("listening on %s, want loopback", ip)
	}
	code, body := get(t, s, recordPage)
	if code != 200 || !strings.Contains(body, "Kafka vs RabbitMQ") || !strings.Contains(body, scriptPath) {
		t.Fatalf("record page: %d, reload script present: %v", code, strings.Contains(body, scriptPath))
	}
	// A page's URL without its slash redirects to it.
	if code, body := get(t, s, "/radar"); code != 200 || !strings.Contains(body, "What may my team use?") {
		t.Errorf("GET /radar: %d", code)
	}
	// The script is added when serving, never part of the build's files.
	for name, data := range s.cur.Load().files {
		if strings.Contains(string(data), "__waymark") {
			t.Errorf("the build's %s has the reload script", name)
		}
	}
	es, _ := connect(t, s, nil)

	// Edit: one reload, and the page has the new text as soon as it is sent.
	orig := readFile(t, dir, record)
	writeFile(t, dir, record, orig+"\nWe measured 40,000 messages per second.\n")
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("after an edit: event %q, want reload", e.name)
	}
	if _, body := get(t, s, recordPage); !strings.Contains(body, "40,000 messages per second") {
		t.Fatal("reload sent before the new page was live")
	}

	// Break the front matter: reload, overlay with the error and the
	// lines around it, over the last good page.
	broken := strings.Replace(orig, "status: accepted", "status: [accepted <script>alert(1)</script>", 1)
	if broken == orig {
		t.Fatal("fixture changed: no status: accepted")
	}
	writeFile(t, dir, record, broken)
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("after breaking: event %q, want reload", e.name)
	}
	code, body = get(t, s, recordPage)
	if code != 200 || !strings.Contains(body, `id="waymark-overlay"`) || !strings.Contains(body, "40,000 messages per second") {
		t.Fatalf("broken: status %d, overlay %v, last good page %v", code, strings.Contains(body, "waymark-overlay"), strings.Contains(body, "40,000"))
	}
	if !strings.Contains(body, record+":") {
		t.Errorf("overlay does not name %s:line:\n%s", record, overlayOf(body))
	}
	if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;script&gt;alert(1)") {
		t.Errorf("overlay does not escape the source lines:\n%s", overlayOf(body))
	}
	// Every page shows it, the 404 page too.
	if code, body := get(t, s, "/radar/"); code != 200 || !strings.Contains(body, "waymark-overlay") {
		t.Errorf("radar page while broken: %d, overlay %v", code, strings.Contains(body, "waymark-overlay"))
	}
	if code, body := get(t, s, "/no/such/page/"); code != 404 || !strings.Contains(body, "waymark-overlay") {
		t.Errorf("404 page while broken: %d, overlay %v", code, strings.Contains(body, "waymark-overlay"))
	}

	// Fix it with new text: reload, no overlay, new text.
	writeFile(t, dir, record, orig+"\nFixed and measured again.\n")
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("after fixing: event %q, want reload", e.name)
	}
	_, body = get(t, s, recordPage)
	if strings.Contains(body, "waymark-overlay") || !strings.Contains(body, "Fixed and measured again.") {
		t.Fatalf("after the fix: overlay %v, new text %v", strings.Contains(body, "waymark-overlay"), strings.Contains(body, "Fixed and measured again."))
	}

	// Saving the same bytes again changes no output: no event, so the
	// next event is the next edit's.
	fixed := s.cur.Load().version
	writeFile(t, dir, record, orig+"\nFixed and measured again.\n")
	waitFor(t, "the unchanged save to be built", func() bool { return strings.Contains(s.Log.(*syncWriter).String(), "no page changed") })
	writeFile(t, dir, record, orig+"\nMeasured a third time.\n")
	nextReload(t, es, s, fixed+1, recordPage, "Measured a third time.")
}

func overlayOf(page string) string {
	if i := strings.Index(page, `<div id="waymark-overlay"`); i >= 0 {
		return page[i:]
	}
	return page
}

// TestFixRestoresSameOutput: fixing a broken file back to exactly what it
// was still reloads, so that the overlay goes away.
func TestFixRestoresSameOutput(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	es, _ := connect(t, s, nil)
	orig := readFile(t, dir, record)
	writeFile(t, dir, record, "---\nstatus: [\n---\n# Broken\n")
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("event %q", e.name)
	}
	writeFile(t, dir, record, orig)
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("event %q", e.name)
	}
	if _, body := get(t, s, recordPage); strings.Contains(body, "waymark-overlay") {
		t.Fatal("overlay still shown after the fix")
	}
}

// TestFirstBuildFails: a site broken from the start shows the overlay on
// every page, and recovers.
func TestFirstBuildFails(t *testing.T) {
	dir := copySite(t)
	orig := readFile(t, dir, "waymark.yaml")
	writeFile(t, dir, "waymark.yaml", "title: [unclosed\n")
	s := start(t, dir)
	code, body := get(t, s, "/")
	if code != 503 || !strings.Contains(body, "waymark-overlay") || !strings.Contains(body, "waymark.yaml") {
		t.Fatalf("broken first build: %d\n%s", code, body)
	}
	es, _ := connect(t, s, nil)
	writeFile(t, dir, "waymark.yaml", orig)
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("event %q", e.name)
	}
	if code, body := get(t, s, "/"); code != 200 || strings.Contains(body, "waymark-overlay") {
		t.Fatalf("after the fix: %d, overlay %v", code, strings.Contains(body, "waymark-overlay"))
	}
}

// TestSaveStyles saves a record the ways editors do. Each save is one
// build of the record alone (editors' scratch files are ignored), and
// later saves are still seen. The test waits until the watcher has seen
// a save's every event before the clock moves, so a busy machine cannot
// split a save.
func TestSaveStyles(t *testing.T) {
	dir := copySite(t)
	s := startControlled(t, dir)
	es, _ := connect(t, s.Server, nil)
	p := filepath.Join(dir, filepath.FromSlash(record))
	orig := readFile(t, dir, record)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	styles := []struct {
		name string
		save func(content string)
	}{
		{"in place", func(c string) {
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
			must(err)
			_, err = f.WriteString(c)
			must(err)
			must(f.Close())
		}},
		{"temporary file renamed over it", func(c string) {
			tmp := filepath.Join(filepath.Dir(p), ".0005.md.tmp-12345")
			must(os.WriteFile(tmp, []byte(c), 0o644))
			must(os.Rename(tmp, p))
		}},
		{"temporary file with a visible name", func(c string) {
			tmp := p + ".tmp"
			must(os.WriteFile(tmp, []byte(c), 0o644))
			must(os.Rename(tmp, p))
		}},
		{"vim: rename to backup, write anew", func(c string) {
			probe := filepath.Join(filepath.Dir(p), "4913")
			must(os.WriteFile(probe, nil, 0o644))
			must(os.Remove(probe))
			must(os.Rename(p, p+"~"))
			must(os.WriteFile(p, []byte(c), 0o644))
			must(os.Remove(p + "~"))
		}},
		{"emacs: lock file and backup", func(c string) {
			lock := filepath.Join(filepath.Dir(p), ".#0005.md")
			must(os.Symlink("user@host.1234", lock))
			must(os.Rename(p, p+"~"))
			must(os.WriteFile(p, []byte(c), 0o644))
			must(os.Remove(lock))
		}},
		{"in place again", func(c string) { must(os.WriteFile(p, []byte(c), 0o644)) }},
	}
	for i, st := range styles {
		before := len(s.builds())
		text := fmt.Sprintf("Saved %s, save number %d.", st.name, i)
		st.save(orig + "\n" + text + "\n")
		s.settle(t)
		if e := es.next(t); e.name != "reload" {
			t.Fatalf("%s: event %q", st.name, e.name)
		}
		if _, body := get(t, s.Server, recordPage); !strings.Contains(body, text) {
			t.Fatalf("%s: new text not served", st.name)
		}
		// Every event of the save came before the clock moved, so these
		// are all the builds the save makes.
		if got := s.builds()[before:]; len(got) != 1 || !slices.Equal(got[0], []string{record}) {
			t.Errorf("%s: builds of %q, want one of [%s]", st.name, got, record)
		}
	}
}

// TestNewFoldersAtOnce: mkdir -p a/b and a file in it at once; the watcher
// watches the new folders and sees the file.
func TestNewFoldersAtOnce(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	writeFile(t, dir, "decisions/a/b/0001-nested-decision.md", "# Nested decision\n\nIn a folder made a moment ago.\n")
	waitFor(t, "the nested record's page", func() bool {
		code, body := get(t, s, "/decisions/a/b/0001-nested-decision/")
		return code == 200 && strings.Contains(body, "In a folder made a moment ago.")
	})
	// Later changes in the new folder are seen too.
	writeFile(t, dir, "decisions/a/b/0001-nested-decision.md", "# Nested decision\n\nEdited later.\n")
	waitFor(t, "the edit in the new folder", func() bool {
		_, body := get(t, s, "/decisions/a/b/0001-nested-decision/")
		return strings.Contains(body, "Edited later.")
	})
	// And a new record appears, as with waymark new adr.
	// Numbered after the default site's records, as waymark new adr does.
	entries, err := os.ReadDir(filepath.Join(dir, "decisions"))
	if err != nil {
		t.Fatal(err)
	}
	next := 1
	for _, e := range entries {
		var n int
		if _, err := fmt.Sscanf(e.Name(), "%04d-", &n); err == nil && n >= next {
			next = n + 1
		}
	}
	writeFile(t, dir, fmt.Sprintf("decisions/%04d-adopt-a-new-record.md", next), "---\nstatus: proposed\ndate: 2024-01-02\n---\n# Adopt a new record\n\nNew.\n")
	waitFor(t, "the new record in the index", func() bool {
		_, body := get(t, s, "/decisions/")
		return strings.Contains(body, "Adopt a new record")
	})
}

// TestBurst changes 1,000 files at once, as a branch switch does, in ten
// groups, each followed by a stall longer than Settle and shorter than
// Window, as a busy machine's. The test moves the clock, so a real stall
// adds nothing: at most two builds (the first changes, then all the
// others, however long the first build takes), and the result equals a
// clean build.
func TestBurst(t *testing.T) {
	dir := copySite(t)
	record := func(i int, title string) string {
		return fmt.Sprintf("---\nstatus: accepted\ndate: 2021-01-01\ntags: [burst]\n---\n# %s %d\n\nBody of record %d.\n", title, i, i)
	}
	name := func(i int) string { return fmt.Sprintf("decisions/burst/%04d-burst-%d.md", i+1, i+1) }
	for i := range 1000 {
		writeFile(t, dir, name(i), record(i+1, "Before"))
	}
	s := startControlled(t, dir)
	tm := s.watcher.Timing
	stall := (tm.Settle + tm.Window) / 2
	before := len(s.builds())
	for g := range 10 {
		for i := g * 100; i < (g+1)*100; i++ {
			writeFile(t, dir, name(i), record(i+1, "After"))
		}
		s.relay.mark(t)
		s.clock.Advance(stall)
	}
	s.settle(t)
	want := cleanBuild(t, dir)
	waitFor(t, "the burst to be built", func() bool {
		st := s.cur.Load()
		return !st.failed && len(diff(st.files, want)) == 0
	})
	builds := s.builds()[before:]
	if n := len(builds); n > 2 {
		t.Errorf("%d builds for one burst, want at most 2", n)
	}
	// Every file written was in a build, so none is pending: no build
	// is still to come.
	var built []string
	for _, b := range builds {
		built = append(built, b...)
	}
	for i := range 1000 {
		if !slices.Contains(built, name(i)) {
			t.Fatalf("%s was in no build", name(i))
		}
	}
	if d := diff(s.cur.Load().files, want); len(d) > 0 {
		slices.Sort(d)
		t.Errorf("served files differ from a clean build: %v", d[:min(10, len(d))])
	}
	t.Logf("%d builds for 1,000 changed files", len(builds))
}

// TestCSSOnlyChange: a change to the site theme's stylesheet swaps it in
// place; a template change reloads.
func TestCSSOnlyChange(t *testing.T) {
	dir := copySite(t)
	// The site has its own copy of the whole theme: a site theme's static
	// folder replaces the built-in one's instead of adding to it.
	theme := filepath.Join("..", "..", "themes", "default")
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), os.DirFS(theme)); err != nil {
		t.Fatal(err)
	}
	s := start(t, dir)
	es, _ := connect(t, s, nil)
	css := readFile(t, dir, "themes/default/static/style.css")
	writeFile(t, dir, "themes/default/static/style.css", css+"\nbody{outline:3px solid red}\n")
	e := es.next(t)
	if e.name != "css" || e.data != `{"version":"2","paths":["/assets/style.css"]}` {
		t.Fatalf("after a stylesheet change: %q %s, want css naming /assets/style.css", e.name, e.data)
	}
	if _, body := get(t, s, "/assets/style.css"); !strings.Contains(body, "outline:3px solid red") {
		t.Fatal("new stylesheet not served")
	}
	tpl := readFile(t, dir, "themes/default/templates/404.html")
	writeFile(t, dir, "themes/default/templates/404.html", strings.Replace(tpl, "Page not found", "Nothing here", 1))
	if e := es.next(t); e.name != "reload" {
		t.Fatalf("after a template change: %q", e.name)
	}
	if code, body := get(t, s, "/no/such/page"); code != 404 || !strings.Contains(body, "Nothing here") {
		t.Fatalf("404 page after the template change: %d", code)
	}
}

// TestIgnoredChanges: files outside the site's folders and editors'
// scratch files never reload. The watcher passes on none of them but
// notes.txt, whose build changes nothing.
func TestIgnoredChanges(t *testing.T) {
	dir := copySite(t)
	s := startControlled(t, dir)
	es, _ := connect(t, s.Server, nil)
	first, before := s.cur.Load().version, len(s.builds())
	writeFile(t, dir, "notes.txt", "scratch")
	writeFile(t, dir, "public/index.html", "an old build")
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main")
	writeFile(t, dir, "decisions/.0005.md.swp", "vim swap")
	writeFile(t, dir, "decisions/0005.md~", "backup")
	s.settle(t)
	waitFor(t, "a build after the scratch files", func() bool { return len(s.builds()) > before })
	if got := s.builds()[before:]; len(got) != 1 || !slices.Equal(got[0], []string{"notes.txt"}) {
		t.Errorf("builds of %q, want one of [notes.txt]", got)
	}
	// An edit after them: its reload is the first event, and once it is
	// live, the build above has been published.
	writeFile(t, dir, record, readFile(t, dir, record)+"\nEdited after the scratch files.\n")
	s.settle(t)
	nextReload(t, es, s.Server, first+1, recordPage, "Edited after the scratch files.")
	files := s.cur.Load().files
	for _, name := range slices.Collect(maps.Keys(files)) {
		if strings.Contains(name, "swp") || strings.HasSuffix(name, "~") || strings.Contains(name, "notes") {
			t.Errorf("published %s", name)
		}
	}
}

// TestBranchSwitch switches git branches that differ in 1,000 records
// (changed, added, removed, and in a new folder) while serving: at most
// two builds, and the result equals a clean build. The clock stands still
// during the switch: TestBurst covers a switch that stalls.
func TestBranchSwitch(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dir := copySite(t)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=waymark", "-c", "user.email=dev@waymark.dev", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	record := func(i int, title string) string {
		return fmt.Sprintf("---\nstatus: accepted\ndate: 2021-01-01\ntags: [branch]\n---\n# %s %d\n\nBody of record %d.\n", title, i, i)
	}
	for i := range 900 {
		writeFile(t, dir, fmt.Sprintf("decisions/branch/%04d-branch-%d.md", i+1, i+1), record(i+1, "Main"))
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "main")
	git("checkout", "-q", "-b", "other")
	for i := range 800 {
		writeFile(t, dir, fmt.Sprintf("decisions/branch/%04d-branch-%d.md", i+1, i+1), record(i+1, "Other"))
	}
	for i := 800; i < 900; i++ {
		if err := os.Remove(filepath.Join(dir, fmt.Sprintf("decisions/branch/%04d-branch-%d.md", i+1, i+1))); err != nil {
			t.Fatal(err)
		}
	}
	for i := 900; i < 1000; i++ {
		writeFile(t, dir, fmt.Sprintf("decisions/other/%04d-other-%d.md", i+1, i+1), record(i+1, "Only on other"))
	}
	git("add", "-A")
	git("commit", "-q", "-m", "other")
	git("checkout", "-q", "main")

	s := startControlled(t, dir)
	before := len(s.builds())
	git("checkout", "-q", "other")
	s.settle(t)
	want := cleanBuild(t, dir)
	waitFor(t, "the branch to be built", func() bool {
		st := s.cur.Load()
		return !st.failed && len(diff(st.files, want)) == 0
	})
	// The watcher saw every change before the clock moved, so these are
	// all the builds the switch makes.
	if n := len(s.builds()) - before; n > 2 {
		t.Errorf("%d builds for one branch switch, want at most 2", n)
	}
	if d := diff(s.cur.Load().files, want); len(d) > 0 {
		t.Errorf("served files differ from a clean build: %d files", len(d))
	}
}
