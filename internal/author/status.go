package author

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/waymark-dev/waymark/internal/decision"
)

// SetStatus changes the status of r, a record of the folder, in its own
// format, replacing the file atomically. Accepting a record that
// supersedes others marks each of them superseded by it, as Add does for
// a record written accepted; SetStatus returns those it marked, also when
// marking one fails.
func (f *Folder) SetStatus(r *decision.Record, status string) ([]*decision.Record, error) {
	p := filepath.Join(f.Site, filepath.FromSlash(r.Source))
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	out, err := decision.ChangeStatus(r, src, status)
	if err != nil {
		return nil, err
	}
	if err := replace(p, out, fi.Mode().Perm()); err != nil {
		return nil, err
	}
	if status != decision.Accepted {
		return nil, nil
	}
	return f.markPredecessors(r)
}

// Supersede marks old superseded by by, in old's own format.
func (f *Folder) Supersede(old, by *decision.Record) error {
	return f.markSuperseded(old, by)
}

// markPredecessors marks every record r supersedes, and that is not
// marked superseded yet, as superseded by r.
func (f *Folder) markPredecessors(r *decision.Record) ([]*decision.Record, error) {
	var marked []*decision.Record
	for _, n := range r.Supersedes {
		old := f.number(n)
		if old == nil || old.Status == decision.Superseded {
			continue
		}
		if err := f.markSuperseded(old, r); err != nil {
			return marked, fmt.Errorf("%s is %s, but: %w", r.Source, decision.Accepted, err)
		}
		marked = append(marked, old)
	}
	return marked, nil
}

// number returns the folder's record with number n, or nil.
func (f *Folder) number(n int) *decision.Record {
	for _, r := range f.Records {
		if r.Number == n {
			return r
		}
	}
	return nil
}
