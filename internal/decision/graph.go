package decision

import (
	"cmp"
	"slices"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Log is the linked set of a site's records.
type Log struct {
	Records []*Record // ordered by folder, then number
	index   map[key]*Record
}

type key struct {
	folder string
	number int
}

// Link orders records, derives reverse relations and reports duplicates,
// dangling references, supersession cycles and unknown statuses. Relations
// refer to records in the same folder.
func Link(records []*Record) (*Log, []*diag.Problem) {
	var problems []*diag.Problem
	log := &Log{Records: slices.Clone(records), index: map[key]*Record{}}
	slices.SortFunc(log.Records, func(a, b *Record) int {
		return cmp.Or(cmp.Compare(a.Folder, b.Folder), cmp.Compare(a.Number, b.Number), cmp.Compare(a.ID, b.ID))
	})
	for _, r := range log.Records {
		k := key{r.Folder, r.Number}
		if first, dup := log.index[k]; dup {
			problems = append(problems, diag.Errorf(r.Source, 1, "renumber one of them (waymark new adr picks the next free number)",
				"number %d is also used by %s", r.Number, first.Source))
			continue
		}
		log.index[k] = r
	}
	for _, r := range log.Records {
		if !r.KnownStatus() {
			problems = append(problems, diag.Warnf(r.Source, r.Line("status"), "use proposed, accepted, rejected, deprecated or superseded",
				"custom status %q", r.Status))
		}
		r.Supersedes = uniq(r.Supersedes)
		r.Amends = uniq(r.Amends)
		r.Related = uniq(r.Related)
		for _, rel := range []struct {
			key  string
			refs []int
		}{{"supersedes", r.Supersedes}, {"amends", r.Amends}, {"related", r.Related}, {"status", r.SupersededBy}} {
			for _, n := range rel.refs {
				if log.Get(r.Folder, n) == nil {
					problems = append(problems, diag.Warnf(r.Source, r.Line(rel.key), "point it at an existing record or remove it",
						"%s refers to %s, which does not exist", rel.key, Label(n)))
				}
			}
		}
	}
	for _, r := range log.Records {
		for _, n := range r.Supersedes {
			if old := log.Get(r.Folder, n); old != nil {
				old.SupersededBy = append(old.SupersededBy, r.Number)
			}
		}
		for _, n := range r.Amends {
			if old := log.Get(r.Folder, n); old != nil {
				old.AmendedBy = append(old.AmendedBy, r.Number)
			}
		}
		for _, n := range r.SupersededBy {
			if next := log.Get(r.Folder, n); next != nil && !slices.Contains(next.Supersedes, r.Number) {
				next.Supersedes = append(next.Supersedes, r.Number)
			}
		}
	}
	for _, r := range log.Records {
		r.Supersedes = uniq(r.Supersedes)
		r.SupersededBy = uniq(r.SupersededBy)
		r.AmendedBy = uniq(r.AmendedBy)
		if len(r.SupersededBy) > 0 && (r.Status == Accepted || r.Status == Proposed) {
			r.Status = Superseded
		}
	}
	// Every status is final before successors are judged, so the verdict
	// does not depend on record order. A successor that is itself
	// superseded is a chain, which is fine.
	for _, r := range log.Records {
		for _, n := range r.SupersededBy {
			if next := log.Get(r.Folder, n); next != nil && next.Status != Accepted && next.Status != Superseded {
				problems = append(problems, diag.Warnf(r.Source, r.Line("status"), "accept the successor or restore this record's status",
					"superseded by %s, whose status is %q, not accepted", Label(n), next.Status))
			}
		}
	}
	problems = append(problems, log.cycles()...)
	return log, problems
}

// Get returns the record with number n in folder, or nil.
func (l *Log) Get(folder string, n int) *Record { return l.index[key{folder, n}] }

// cycles reports each record that can reach itself through "supersedes".
func (l *Log) cycles() []*diag.Problem {
	var out []*diag.Problem
	for _, r := range l.Records {
		seen := map[int]bool{}
		stack := slices.Clone(r.Supersedes)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n == r.Number {
				out = append(out, diag.Warnf(r.Source, r.Line("supersedes"), "remove one of the supersedes links",
					"%s supersedes itself through a cycle", r.Label()))
				break
			}
			if seen[n] {
				continue
			}
			seen[n] = true
			if next := l.Get(r.Folder, n); next != nil {
				stack = append(stack, next.Supersedes...)
			}
		}
	}
	return out
}

func uniq(ns []int) []int {
	out := slices.Clone(ns)
	slices.Sort(out)
	return slices.Compact(out)
}
