package author

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/meta"
)

var day = meta.Date{Year: 2024, Month: 6, Day: 1}

// site writes files (slash paths inside the site) into a new site folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// read returns every file under dir by slash path.
func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// add opens the folder sub of "decisions" in dir and adds a record.
func add(t *testing.T, dir, sub string, d *decision.Draft) (string, error) {
	t.Helper()
	f, err := Open(dir, "decisions", sub)
	if err != nil {
		t.Fatal(err)
	}
	if d.Format == "" {
		d.Format = decision.PrevalentFormat(f.Records)
	}
	d.Dated = f.Dated(d.Format)
	written, _, err := f.Add(d)
	if err != nil {
		return "", err
	}
	rel, _ := filepath.Rel(dir, written)
	return filepath.ToSlash(rel), nil
}

// TestNextNumber never reuses a number: not of a deleted record below the
// highest, not of a file that does not parse, not of a file made after
// the folder was read.
func TestNextNumber(t *testing.T) {
	for _, tt := range []struct {
		name   string
		files  map[string]string
		sub    string
		format string
		later  string // a file another writer makes after Open
		want   string
	}{
		{name: "empty site", want: "decisions/0001-use-go.md"},
		{name: "gaps are not filled",
			files: map[string]string{"decisions/0001-a.md": "# A\n", "decisions/0005-e.md": "# E\n", "decisions/README.md": "# Decisions\n"},
			want:  "decisions/0006-use-go.md"},
		{name: "a record that does not parse still holds its number",
			files: map[string]string{"decisions/0001-a.md": "# A\n", "decisions/0009-broken.md": "---\nstatus: [\n---\n# Broken\n"},
			want:  "decisions/0010-use-go.md"},
		{name: "a file made after the folder was read",
			files: map[string]string{"decisions/0001-a.md": "# A\n"}, later: "decisions/0002-b.md",
			want: "decisions/0003-use-go.md"},
		{name: "categories number on their own",
			files: map[string]string{"decisions/0007-a.md": "# A\n", "decisions/api/0002-b.md": "# B\n"}, sub: "api",
			want: "decisions/api/0003-use-go.md"},
		{name: "a log4brains folder names files by date",
			files: map[string]string{"decisions/20200101-a.md": "# A\n\n- Status: accepted\n- Tags: x\n"},
			want:  "decisions/20240601-use-go.md"},
		{name: "a new log4brains folder names files by date", format: "log4brains",
			want: "decisions/20240601-use-go.md"},
		{name: "numbered names outnumber dated ones",
			files:  map[string]string{"decisions/0001-a.md": "# A\n", "decisions/0002-b.md": "# B\n", "decisions/20200101-c.md": "# C\n"},
			format: "log4brains", want: "decisions/0003-use-go.md"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, tt.files)
			f, err := Open(dir, "decisions", tt.sub)
			if err != nil {
				t.Fatal(err)
			}
			if tt.later != "" {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(tt.later)), []byte("# Later\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			d := &decision.Draft{Title: "Use Go", Date: day, Format: tt.format}
			d.Dated = f.Dated(d.Format)
			written, _, err := f.Add(d)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, written)
			if got := filepath.ToSlash(rel); got != tt.want {
				t.Errorf("wrote %s, want %s", got, tt.want)
			}
		})
	}
}

// TestNeverOverwrites refuses to write over any file and changes nothing.
func TestNeverOverwrites(t *testing.T) {
	dir := site(t, map[string]string{"decisions/20240601-use-go.md": "# Mine\n\n- Status: accepted\n- Tags: x\n"})
	before := read(t, dir)
	_, err := add(t, dir, "", &decision.Draft{Title: "Use Go", Date: day, Format: "log4brains"})
	if err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Errorf("error %v, want a refusal to overwrite", err)
	}
	if after := read(t, dir); !mapsEqual(before, after) {
		t.Errorf("files changed:\n%v\nwant\n%v", after, before)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestLockFolder waits for a lock another writer holds, gives up after
// the wait and takes over a stale lock.
func TestLockFolder(t *testing.T) {
	for _, tt := range []struct {
		name    string
		lockAge time.Duration // -1: no lock file
		release time.Duration // the other writer lets go after this; 0: never
		wantErr bool
	}{
		{name: "free", lockAge: -1},
		{name: "held, then released", lockAge: 0, release: 50 * time.Millisecond},
		{name: "held for longer than the wait", lockAge: 0, wantErr: true},
		{name: "left over from a killed run", lockAge: 2 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			lock := filepath.Join(dir, ".waymark-new.lock")
			if tt.lockAge >= 0 {
				if err := os.WriteFile(lock, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				old := time.Now().Add(-tt.lockAge)
				if err := os.Chtimes(lock, old, old); err != nil {
					t.Fatal(err)
				}
			}
			if tt.release > 0 {
				time.AfterFunc(tt.release, func() { os.Remove(lock) })
			}
			unlock, err := lockFolder(dir, 300*time.Millisecond, time.Minute)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "held by another waymark new") {
					t.Errorf("error %q does not say who holds the lock", err)
				}
				return
			}
			if _, err := os.Stat(lock); err != nil {
				t.Errorf("lock not held: %v", err)
			}
			unlock()
			if _, err := os.Stat(lock); !os.IsNotExist(err) {
				t.Errorf("lock still there after unlock: %v", err)
			}
		})
	}
}

// TestConcurrentAdd gives every record written at once its own number.
func TestConcurrentAdd(t *testing.T) {
	dir := site(t, map[string]string{"decisions/0003-a.md": "# A\n"})
	var wg sync.WaitGroup
	written := make([]string, 8)
	errs := make([]error, len(written))
	for i := range written {
		wg.Go(func() {
			f, err := Open(dir, "decisions", "")
			if err != nil {
				errs[i] = err
				return
			}
			written[i], _, errs[i] = f.Add(&decision.Draft{Title: fmt.Sprintf("Decision %d", i), Date: day})
		})
	}
	wg.Wait()
	numbers := map[int]bool{}
	for i, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
		n, _, _ := decision.ParseFileName(filepath.Base(written[i]))
		if numbers[n] {
			t.Errorf("number %d written twice", n)
		}
		numbers[n] = true
	}
	for n := 4; n < 4+len(written); n++ {
		if !numbers[n] {
			t.Errorf("number %d not taken; got %v", n, numbers)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "decisions", ".waymark-new.lock")); !os.IsNotExist(err) {
		t.Errorf("lock left behind: %v", err)
	}
}

// TestSupersede rewrites only the old record's status (or adds a status
// line), in its own format, keeping its permissions; every other file
// stays as it was.
func TestSupersede(t *testing.T) {
	for _, tt := range []struct {
		name, old, src string
		removed, added []string
	}{{
		name: "madr", old: "decisions/0001-a.md",
		src:     "---\nstatus: accepted # since May\ndate: 2024-05-01\n---\n\n# A\n\nText.\n",
		removed: []string{"status: accepted # since May"}, added: []string{"status: superseded by [ADR-0003](0003-use-nats.md) # since May"},
	}, {
		name: "nygard", old: "decisions/0001-a.md",
		src:     "# 1. A\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n",
		removed: []string{"Accepted"}, added: []string{"Superseded by [3. Use NATS](0003-use-nats.md)"},
	}, {
		name: "nygard with no status word left", old: "decisions/0001-a.md",
		src:     "# 1. A\n\n## Status\n\nAmended by [2. B](0002-b.md)\n\n## Context\n",
		removed: nil, added: []string{"Superseded by [3. Use NATS](0003-use-nats.md)", ""},
	}, {
		name: "madr2", old: "decisions/0001-a.md",
		src:     "# A\n\n* Status: accepted <!-- optional -->\n* Date: 2018-05-01\n\n## Context and Problem Statement\n",
		removed: []string{"* Status: accepted <!-- optional -->"}, added: []string{"* Status: superseded by [ADR-0003](0003-use-nats.md) <!-- optional -->"},
	}, {
		// 0002-b.md makes the folder half numbered, so the new record is numbered.
		name: "log4brains", old: "decisions/20200101-a.md",
		src:     "# A\n\n- Status: accepted\n- Tags: x\n\n## Context\n",
		removed: []string{"- Status: accepted"}, added: []string{"- Status: superseded by [0003-use-nats](0003-use-nats.md)"},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			other := "# 2. B\n\n## Status\n\nAccepted\n"
			dir := site(t, map[string]string{tt.old: tt.src, "decisions/0002-b.md": other})
			oldPath := filepath.Join(dir, filepath.FromSlash(tt.old))
			if err := os.Chmod(oldPath, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := Open(dir, "decisions", "")
			if err != nil {
				t.Fatal(err)
			}
			old, err := f.Find(strings.TrimSuffix(filepath.Base(tt.old), ".md"))
			if err != nil {
				t.Fatal(err)
			}
			d := &decision.Draft{Title: "Use NATS", Date: day, Format: "madr", Status: decision.Accepted, Supersedes: old}
			d.Dated = f.Dated(old[0].Format)
			written, marked, err := f.Add(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(marked) != 1 || marked[0] != old[0] {
				t.Errorf("marked %v, want %s", marked, tt.old)
			}
			files := read(t, dir)
			rel, _ := filepath.Rel(dir, written)
			delete(files, filepath.ToSlash(rel))
			if got := files["decisions/0002-b.md"]; got != other {
				t.Errorf("an unrelated record changed:\n%s", got)
			}
			removed, added := lineDiff(tt.src, files[tt.old])
			if !slices.Equal(removed, tt.removed) || !slices.Equal(added, tt.added) {
				t.Errorf("changed %q into %q, want %q into %q\n%s", removed, added, tt.removed, tt.added, files[tt.old])
			}
			if len(files) != 2 {
				t.Errorf("files left: %v", slices.Sorted(mapKeys(files)))
			}
			if fi, err := os.Stat(oldPath); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("permissions after rewriting: %v %v, want 0600", fi.Mode().Perm(), err)
			}
		})
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// lineDiff returns the lines of a replaced or removed in b and the lines
// of b that replaced them or were added, without line endings.
func lineDiff(a, b string) (removed, added []string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j := 0
	for j < len(al)-i && j < len(bl)-i && al[len(al)-1-j] == bl[len(bl)-1-j] {
		j++
	}
	if i == len(al)-j {
		return nil, bl[i : len(bl)-j]
	}
	return al[i : len(al)-j], bl[i : len(bl)-j]
}

// TestFind finds records by number, label, id and file name, and names a
// reference that matches nothing.
func TestFind(t *testing.T) {
	dir := site(t, map[string]string{
		"decisions/0001-a.md":       "# A\n",
		"decisions/0002-b.md":       "# B\n",
		"decisions/20200101-c.md":   "# C\n\n- Status: accepted\n- Tags: x\n",
		"decisions/api/0001-api.md": "# API\n",
	})
	f, err := Open(dir, "decisions", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref, want, err string
	}{
		{ref: "2", want: "0002-b"},
		{ref: "ADR-0001", want: "0001-a"},
		{ref: "0002-b", want: "0002-b"},
		{ref: "decisions/0001-a.md", want: "0001-a"},
		{ref: "20200101-c.md", want: "20200101-c"},
		{ref: "3", want: "20200101-c"}, // numbered by Link after the numbered records
		{ref: "api/0007-api.md", err: "api/0007-api.md: no such record in this folder"},
		{ref: "9", err: "9: no such record in this folder"},
	} {
		rs, err := f.Find(tt.ref)
		switch {
		case tt.err != "":
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("Find(%q): error %v, want %q", tt.ref, err, tt.err)
			}
		case err != nil:
			t.Errorf("Find(%q): %v", tt.ref, err)
		case rs[0].ID != tt.want:
			t.Errorf("Find(%q) = %s, want %s", tt.ref, rs[0].ID, tt.want)
		}
	}
}

// TestTemplate prefers the category's template to the decisions folder's
// and that to adr-tools' templates/template.md.
func TestTemplate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{name: "none", want: ""},
		{name: "adr-tools", files: map[string]string{"decisions/templates/template.md": "adr-tools"}, want: "adr-tools"},
		{name: "decisions folder", files: map[string]string{"decisions/templates/template.md": "adr-tools", "decisions/template.md": "root"}, want: "root"},
		{name: "category", files: map[string]string{"decisions/template.md": "root", "decisions/api/template.md": "api"}, want: "api"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(site(t, tt.files), "decisions", "api")
			if err != nil {
				t.Fatal(err)
			}
			if got := string(f.Template()); got != tt.want {
				t.Errorf("Template() = %q, want %q", got, tt.want)
			}
		})
	}
}
