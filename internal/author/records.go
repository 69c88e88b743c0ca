package author

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// Folder is one folder of decision records in a site on disk, as it was
// when Open read it.
type Folder struct {
	Site    string             // the site folder on disk
	Root    string             // the decisions folder, a slash path inside the site
	Sub     string             // the category sub-folder of Root, "" for Root itself
	Records []*decision.Record // the folder's records that parse, numbered by decision.Link
	Names   []string           // every file name in the folder, records or not
}

// Open reads the records of the category sub of the decisions folder root
// in site (not those of its sub-folders), and lists every file name, so
// that numbers are never reused even for files that do not parse. A folder
// that does not exist yet has no records.
func Open(site, root, sub string) (*Folder, error) {
	f := &Folder{Site: site, Root: root, Sub: sub}
	siteFS, dir := os.DirFS(site), f.Dir()
	entries, err := fs.ReadDir(siteFS, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		f.Names = append(f.Names, e.Name())
		if _, _, ok := decision.ParseFileName(e.Name()); !ok {
			continue
		}
		p := path.Join(dir, e.Name())
		src, err := fs.ReadFile(siteFS, p)
		if err != nil {
			return nil, err
		}
		if r, err := decision.Parse(p, sub, src); err == nil {
			f.Records = append(f.Records, r)
		}
	}
	decision.Link(f.Records) // numbers log4brains records; problems are check's business
	return f, nil
}

// Dir is the folder's slash path inside the site.
func (f *Folder) Dir() string { return path.Join(f.Root, f.Sub) }

// osDir is the folder's path on disk.
func (f *Folder) osDir() string { return filepath.Join(f.Site, filepath.FromSlash(f.Dir())) }

// Find returns the records refs name, each by file name (with or without
// .md) or else by number ("3", "ADR-0003").
func (f *Folder) Find(refs ...string) ([]*decision.Record, error) {
	var out []*decision.Record
	for _, ref := range refs {
		id := strings.TrimSuffix(path.Base(filepath.ToSlash(ref)), ".md")
		n, isNumber := decision.ParseRef(ref)
		i := slices.IndexFunc(f.Records, func(r *decision.Record) bool { return r.ID == id })
		if i < 0 && isNumber {
			i = slices.IndexFunc(f.Records, func(r *decision.Record) bool { return r.Number == n })
		}
		if i < 0 {
			return nil, fmt.Errorf("%s: no such record in this folder (or it does not parse; run waymark check)", ref)
		}
		out = append(out, f.Records[i])
	}
	return out, nil
}

// Template returns the site's own template for new records: template.md
// in the category folder or the decisions folder, or adr-tools'
// templates/template.md; nil when there is none.
func (f *Folder) Template() []byte {
	siteFS := os.DirFS(f.Site)
	for _, p := range []string{path.Join(f.Dir(), "template.md"), path.Join(f.Root, "template.md"), path.Join(f.Root, "templates", "template.md")} {
		if src, err := fs.ReadFile(siteFS, p); err == nil {
			return src
		}
	}
	return nil
}

// Dated reports whether new records of the folder are named by date
// (YYYYMMDD-slug.md): when most of its records are, or, in a folder with
// none yet, when the format to write names files so.
func (f *Folder) Dated(format string) bool {
	datedNames, numbered := 0, 0
	for _, n := range f.Names {
		if _, ok := decision.DatedName(n); ok {
			datedNames++
		} else if _, _, ok := decision.ParseFileName(n); ok {
			numbered++
		}
	}
	if datedNames+numbered == 0 {
		fm, ok := decision.FormatNamed(format)
		return ok && fm.DatedNames()
	}
	return datedNames > numbered
}

// Add writes the draft d into the folder as a new record with the next
// free number; when d is accepted, it then marks each record d
// supersedes as superseded by it (a proposed record supersedes them once
// it is accepted: SetStatus). It returns the new file's path and the
// records it marked, also when marking one of them fails.
func (f *Folder) Add(d *decision.Draft) (string, []*decision.Record, error) {
	written, err := f.write(d)
	if err != nil {
		return "", nil, err
	}
	if d.Status != decision.Accepted {
		return written, nil, nil
	}
	var marked []*decision.Record
	for _, old := range d.Supersedes {
		if err := f.markSuperseded(old, d.Record()); err != nil {
			return written, marked, fmt.Errorf("wrote %s, but: %w", written, err)
		}
		marked = append(marked, old)
	}
	return written, marked, nil
}

// write writes the draft with the next free number, under the folder's
// lock so that two writers at once do not take the same number.
func (f *Folder) write(d *decision.Draft) (string, error) {
	dir := f.osDir()
	unlock, err := lockFolder(dir, lockWait, lockStale)
	if err != nil {
		return "", err
	}
	defer unlock()
	names, err := listNames(dir)
	if err != nil {
		return "", err
	}
	d.Number = decision.NextNumber(names)
	src, _, err := d.Render()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, d.FileName())
	return p, scaffold.WriteNew(p, src)
}

const (
	lockWait  = 10 * time.Second // how long to wait for another writer
	lockStale = time.Minute      // a lock this old is left over from a killed run
)

// lockFolder takes the folder's lock file, waiting up to wait for another
// writer to finish; a lock older than stale is taken over.
func lockFolder(dir string, wait, stale time.Duration) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock := filepath.Join(dir, ".waymark-new.lock")
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(lock) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(lock); err == nil && time.Since(fi.ModTime()) > stale {
			os.Remove(lock)
			continue
		}
		if time.Since(start) > wait {
			return nil, fmt.Errorf("%s is held by another waymark new; remove it if no other is running", lock)
		}
	}
}

// listNames lists the names in dir as they are now, under the lock.
func listNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, err
}

// markSuperseded rewrites the status of old, atomically: the new content
// goes to a temporary file beside it that replaces it.
func (f *Folder) markSuperseded(old, by *decision.Record) error {
	p := filepath.Join(f.Site, filepath.FromSlash(old.Source))
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	out, err := decision.MarkSuperseded(old, src, by)
	if err != nil {
		return err
	}
	return replace(p, out, fi.Mode().Perm())
}

// replace writes data to path through a temporary file beside it, so that
// a reader sees the old file or the new one, never half of one.
func replace(p string, data []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".waymark-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}
