package decision

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
)

// Log is the linked set of a site's records.
type Log struct {
	Records []*Record // ordered by folder, then number
	index   map[key]*Record
	byID    map[idKey]*Record
	// bySource finds records by their path in the site, for links.
	bySource map[string]*Record
}

type key struct {
	folder string
	number int
}

type idKey struct {
	folder string
	id     string
}

// Link numbers log4brains records, orders records, joins the relations
// written on either side into one graph, derives statuses and reports
// problems: the warnings found while parsing, duplicate numbers, relations
// to records that do not exist, supersession cycles, superseded records
// whose successor is not accepted, and custom statuses. Relations refer to
// records in the same folder unless they name a file in another.
func Link(records []*Record) (*Log, []*diag.Problem) {
	var problems []*diag.Problem
	log := &Log{Records: slices.Clone(records), index: map[key]*Record{}, byID: map[idKey]*Record{}, bySource: map[string]*Record{}}
	for _, r := range log.Records {
		problems = append(problems, r.warnings...)
		r.writeKinds()
	}
	numberDated(log.Records)
	slices.SortFunc(log.Records, func(a, b *Record) int {
		return cmp.Or(cmp.Compare(a.Folder, b.Folder), cmp.Compare(a.Number, b.Number), cmp.Compare(a.ID, b.ID))
	})
	for _, r := range log.Records {
		log.byID[idKey{r.Folder, r.ID}] = r
		if r.Source != "" {
			log.bySource[r.Source] = r
		}
		k := key{r.Folder, r.Number}
		if first, dup := log.index[k]; dup {
			problems = append(problems, diag.Errorf(r.Source, 1, "renumber one of them (waymark new adr picks the next free number)",
				"number %d is also used by %s", r.Number, first.Source))
			continue
		}
		log.index[k] = r
	}

	g := newGraph()
	for _, r := range log.Records {
		for i := range r.Written {
			w := &r.Written[i]
			t := log.resolve(w)
			switch {
			case t == nil:
				problems = append(problems, diag.Warnf(r.Source, lineOr(w.Line, 1), "point it at an existing record or remove it",
					"%s refers to %s, which does not exist", r.relationKey(*w), refLabel(r, *w)))
			case t == r && (w.Verb == VerbSupersedes || w.Verb == VerbSupersededBy):
				problems = append(problems, diag.Warnf(r.Source, lineOr(w.Line, 1), "remove the supersedes link",
					"%s supersedes itself through a cycle of one", r.Label()))
			case t == r:
				problems = append(problems, diag.Warnf(r.Source, lineOr(w.Line, 1), "remove it", "%s refers to the record itself", r.relationKey(*w)))
			default:
				w.Folder, w.Number = t.Folder, t.Number
				g.written = append(g.written, edge{r, t, *w})
			}
		}
	}
	g.learn()
	for _, r := range log.Records {
		r.Relations = nil
	}
	g.apply()

	for _, r := range log.Records {
		r.Supersedes, r.SupersededBy, r.Amends, r.AmendedBy, r.Related = nil, nil, nil, nil, nil
		for _, rel := range r.Relations {
			if p := r.kind(rel.Verb); p != nil && rel.Folder == r.Folder {
				*p = appendNew(*p, rel.Number)
			}
		}
		for _, p := range []*[]int{&r.Supersedes, &r.SupersededBy, &r.Amends, &r.AmendedBy, &r.Related} {
			slices.Sort(*p)
		}
	}
	log.settleSupersession()
	problems = append(problems, unstated(log.Records)...)
	for _, r := range log.Records {
		if r.Status == Superseded && len(r.supersededBy()) == 0 && strings.HasPrefix(strings.ToLower(r.StatusNote), "by ") {
			problems = append(problems, diag.Warnf(r.Source, r.Line("status"), "link the record that replaces it, as [ADR-0005](0005-x.md)",
				"superseded %s, which names no record", r.StatusNote))
		}
		if !r.KnownStatus() && r.Status != NotStated && !formatOf(r.Format).ExtraStatus(r.Status) {
			problems = append(problems, diag.Warnf(r.Source, r.Line("status"), "use proposed, accepted, rejected, deprecated or superseded, or map the word in decisions.statuses in waymark.yaml",
				"custom status %q", r.Status))
		}
		for _, rel := range r.supersededBy() {
			next := log.Get(rel.Folder, rel.Number)
			if next == nil || next.Status == Accepted || next.Status == Superseded || r.Status != Superseded {
				continue
			}
			line := r.Line("status")
			if w, ok := r.written(rel); ok && w.Line > 0 {
				line = w.Line
			}
			problems = append(problems, diag.Warnf(r.Source, line, "accept the successor or restore this record's status",
				"superseded by %s, whose status is %q, not accepted", next.Label(), next.Status))
		}
	}
	problems = append(problems, log.cycles()...)
	return log, problems
}

// Get returns the record with number n in folder, or nil.
func (l *Log) Get(folder string, n int) *Record { return l.index[key{folder, n}] }

// ByID returns the record with the given file name (without .md) in
// folder, or nil.
func (l *Log) ByID(folder, id string) *Record { return l.byID[idKey{folder, id}] }

// Target returns the record a relation points at, or nil.
func (l *Log) Target(rel Relation) *Record { return l.Get(rel.Folder, rel.Number) }

// resolve finds the record a written relation points at: by file name
// first, then by number, in the relation's folder.
func (l *Log) resolve(w *Relation) *Record {
	if w.path != "" {
		if r := l.bySource[w.path]; r != nil {
			return r
		}
	}
	if strings.HasPrefix(w.Folder, "..") || strings.HasPrefix(w.Folder, "/") {
		return nil
	}
	if t, ok := refTarget(w.Ref); ok && t.id != "" {
		if r := l.ByID(w.Folder, t.id); r != nil {
			return r
		}
	}
	if w.Number > 0 {
		return l.Get(w.Folder, w.Number)
	}
	return nil
}

// writeKinds adds to Written the relations set directly in the kind
// fields (records built in code rather than parsed).
func (r *Record) writeKinds() {
	for _, k := range []struct {
		verb, key string
		ns        []int
	}{{VerbSupersedes, "supersedes", r.Supersedes}, {VerbSupersededBy, "status", r.SupersededBy}, {VerbAmends, "amends", r.Amends},
		{VerbAmendedBy, "amended-by", r.AmendedBy}, {VerbRelatesTo, "related", r.Related}} {
		for _, n := range k.ns {
			if !slices.ContainsFunc(r.Written, func(w Relation) bool { return w.Verb == k.verb && w.Folder == r.Folder && w.Number == n }) {
				r.Written = append(r.Written, Relation{Verb: k.verb, Folder: r.Folder, Number: n, Ref: strconv.Itoa(n), Line: r.Line(k.key)})
			}
		}
	}
}

// numberDated numbers the records named by date or plainly (log4brains'
// YYYYMMDD-slug.md, 2023-06-29-slug.md, slug.md, slug/index.md) by date,
// then title, after the highest number of their folder.
func numberDated(records []*Record) {
	next := map[string]int{}
	var dated []*Record
	for _, r := range records {
		if r.Dated && r.Number == 0 {
			dated = append(dated, r)
		} else {
			next[r.Folder] = max(next[r.Folder], r.Number)
		}
	}
	// by date (undated last), then title: names carry no order of their own
	slices.SortFunc(dated, func(a, b *Record) int {
		return cmp.Or(cmp.Compare(a.Folder, b.Folder), cmp.Compare(undated(a), undated(b)), a.Date.Compare(b.Date),
			cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.ID, b.ID))
	})
	for _, r := range dated {
		next[r.Folder]++
		r.Number = next[r.Folder]
	}
}

// undated is 1 for a record without a date, which sorts after dated ones.
func undated(r *Record) int {
	if r.Date.IsZero() {
		return 1
	}
	return 0
}

// relationKey names a written relation in messages: the front matter key
// or the verb as written.
func (r *Record) relationKey(w Relation) string {
	switch {
	case w.Verb == VerbSupersededBy && w.Line == r.Lines["status"]:
		return "status"
	case w.Verb == VerbSupersedes && w.Line == r.Lines["supersedes"]:
		return "supersedes"
	case w.Verb == VerbAmends && w.Line == r.Lines["amends"]:
		return "amends"
	case w.Verb == VerbRelatesTo && w.Line == r.Lines["related"]:
		return "related"
	}
	return fmt.Sprintf("%q", VerbTitle(w.Verb))
}

// refLabel names the target of a relation that leads nowhere: its label,
// or the path written when it points into another folder, or its file name
// when it names a log4brains record.
func refLabel(r *Record, w Relation) string {
	if w.Folder != r.Folder {
		ref := w.Ref
		if i := strings.Index(ref, "]("); i >= 0 && strings.HasSuffix(ref, ")") {
			ref = ref[i+2 : len(ref)-1]
		}
		return ref
	}
	if w.Number > 0 {
		return Label(w.Number)
	}
	if t, ok := refTarget(w.Ref); ok && t.id != "" {
		return t.id + ".md"
	}
	return w.Ref
}

func lineOr(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

// supersededBy returns the record's "superseded by" relations.
func (r *Record) supersededBy() []Relation {
	var out []Relation
	for _, rel := range r.Relations {
		if rel.Verb == VerbSupersededBy {
			out = append(out, rel)
		}
	}
	return out
}

// written returns the relation as the file writes it, when it does.
func (r *Record) written(rel Relation) (Relation, bool) {
	for _, w := range r.Written {
		if w.Verb == rel.Verb && w.Folder == rel.Folder && w.Number == rel.Number {
			return w, true
		}
	}
	return Relation{}, false
}

// cycles reports each cycle of supersessions once: for every group of
// records that supersede one another round (a strongly connected
// component), one warning at its first record, at the line where its part
// of the cycle is written, naming the shortest cycle through it. A long
// cycle is named by its ends, so that a cycle of 1,000 records is one
// line, not 1,000 lines of 1,000 names.
func (l *Log) cycles() []*diag.Problem {
	var out []*diag.Problem
	for _, group := range l.supersessionCycles() {
		r := group[0]
		path := l.cycleFrom(r, group)
		if len(path) < 3 {
			continue
		}
		line := 0
		if w, ok := r.written(Relation{Verb: VerbSupersedes, Folder: path[1].Folder, Number: path[1].Number}); ok {
			line = w.Line
		}
		if prev := path[len(path)-2]; line == 0 {
			if w, ok := r.written(Relation{Verb: VerbSupersededBy, Folder: prev.Folder, Number: prev.Number}); ok {
				line = w.Line
			}
		}
		msg := "%s supersedes itself through a cycle"
		if len(group) > len(path)-1 {
			msg += fmt.Sprintf(" (one of the cycles among %d records)", len(group))
		}
		out = append(out, diag.Warnf(r.Source, lineOr(line, r.Line("supersedes")), "remove one of the supersedes links ("+cycleLabels(r, path)+")",
			msg, r.Label()))
	}
	return out
}

// cycleLabels names the records of path, a cycle from r back to r, "→"
// between them; of a cycle of more than ten records only the first four
// and the last three are named.
func cycleLabels(r *Record, path []*Record) string {
	label := func(p *Record) string {
		if p.Folder != r.Folder {
			return p.Folder + "/" + p.Label()
		}
		return p.Label()
	}
	var labels []string
	for i, p := range path {
		if len(path) > 11 && i == 4 {
			labels = append(labels, fmt.Sprintf("… %d more …", len(path)-7))
		}
		if len(path) > 11 && i >= 4 && i < len(path)-3 {
			continue
		}
		labels = append(labels, label(p))
	}
	return strings.Join(labels, " → ")
}

// supersededTargets returns the records r supersedes.
func (l *Log) supersededTargets(r *Record) []*Record {
	var rs []*Record
	for _, rel := range r.Relations {
		if rel.Verb == VerbSupersedes {
			if t := l.Target(rel); t != nil {
				rs = append(rs, t)
			}
		}
	}
	return rs
}

// supersessionCycles returns the groups of records that lie on cycles of
// supersessions: the strongly connected components with more than one
// record (Tarjan's algorithm, linear in records and relations), each in
// the order of l.Records, the groups in the order of their first records.
func (l *Log) supersessionCycles() [][]*Record {
	index := map[*Record]int{}
	low := map[*Record]int{}
	onStack := map[*Record]bool{}
	var stack []*Record
	var out [][]*Record
	var visit func(r *Record)
	visit = func(r *Record) {
		index[r] = len(index)
		low[r] = index[r]
		stack = append(stack, r)
		onStack[r] = true
		for _, t := range l.supersededTargets(r) {
			if _, seen := index[t]; !seen {
				visit(t)
				low[r] = min(low[r], low[t])
			} else if onStack[t] {
				low[r] = min(low[r], index[t])
			}
		}
		if low[r] == index[r] {
			var scc []*Record
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				scc = append(scc, top)
				if top == r {
					break
				}
			}
			if len(scc) > 1 {
				out = append(out, scc)
			}
		}
	}
	order := map[*Record]int{}
	for i, r := range l.Records {
		order[r] = i
		if _, seen := index[r]; !seen {
			visit(r)
		}
	}
	for _, g := range out {
		slices.SortFunc(g, func(a, b *Record) int { return cmp.Compare(order[a], order[b]) })
	}
	slices.SortFunc(out, func(a, b []*Record) int { return cmp.Compare(order[a[0]], order[b[0]]) })
	return out
}

// cycleFrom returns the shortest path of supersessions from r back to r,
// r first and last, through the records of group.
func (l *Log) cycleFrom(r *Record, group []*Record) []*Record {
	onCycle := make(map[*Record]bool, len(group))
	for _, m := range group {
		onCycle[m] = true
	}
	prev := map[*Record]*Record{}
	queue := []*Record{r}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, n := range l.supersededTargets(cur) {
			if n == r {
				path := []*Record{r}
				for p := cur; p != r; p = prev[p] {
					path = append(path, p)
				}
				path = append(path, r)
				slices.Reverse(path[1 : len(path)-1])
				return path
			}
			if _, seen := prev[n]; !seen && onCycle[n] {
				prev[n] = cur
				queue = append(queue, n)
			}
		}
	}
	return nil
}

// edge is a relation written in the file of from.
type edge struct {
	from, to *Record
	rel      Relation
}

// graph joins the written relations of all records.
type graph struct {
	written []edge
	learned map[string]string // verb → inverse, from records that write both sides
}

func newGraph() *graph { return &graph{learned: map[string]string{}} }

// core verbs keep their meaning whatever a site writes.
func core(verb string) bool {
	switch verb {
	case VerbSupersedes, VerbSupersededBy, VerbAmends, VerbAmendedBy, VerbRelatesTo:
		return true
	}
	return false
}

// learn finds custom verb pairs written on both sides: A "Clarifies" B
// and B "Clarified by" A make "clarifies" and "clarified by" inverses.
func (g *graph) learn() {
	type pair struct{ from, to *Record }
	verbs := map[pair][]string{}
	for _, e := range g.written {
		verbs[pair{e.from, e.to}] = append(verbs[pair{e.from, e.to}], e.rel.Verb)
	}
	for _, e := range g.written {
		v1 := e.rel.Verb
		for _, v2 := range verbs[pair{e.to, e.from}] {
			if core(v1) || core(v2) || v1 == v2 || passive(v1) == passive(v2) {
				continue
			}
			if _, ok := g.learned[v1]; !ok {
				g.learned[v1] = v2
			}
			if _, ok := g.learned[v2]; !ok {
				g.learned[v2] = v1
			}
		}
	}
}

// apply gives every record its relations in both directions.
func (g *graph) apply() {
	type relKey struct {
		from   *Record
		verb   string
		folder string
		number int
	}
	seen := map[relKey]bool{}
	touched := map[*Record]bool{}
	add := func(from *Record, rel Relation) {
		k := relKey{from, rel.Verb, rel.Folder, rel.Number}
		if seen[k] {
			return
		}
		seen[k] = true
		touched[from] = true
		from.Relations = append(from.Relations, rel)
	}
	for _, e := range g.written {
		add(e.from, e.rel)
	}
	for _, e := range g.written {
		add(e.to, Relation{Verb: inverse(e.rel.Verb, g.learned), Folder: e.from.Folder, Number: e.from.Number})
	}
	for r := range touched {
		slices.SortStableFunc(r.Relations, func(a, b Relation) int {
			return cmp.Or(cmp.Compare(verbRank(a.Verb), verbRank(b.Verb)), cmp.Compare(a.Verb, b.Verb),
				cmp.Compare(a.Folder, b.Folder), cmp.Compare(a.Number, b.Number))
		})
	}
}

func verbRank(verb string) int {
	switch verb {
	case VerbSupersedes:
		return 0
	case VerbSupersededBy:
		return 1
	case VerbAmends:
		return 2
	case VerbAmendedBy:
		return 3
	case VerbRelatesTo:
		return 4
	}
	return 5
}

// unstated reports, once per folder, the records that state no status.
func unstated(records []*Record) []*diag.Problem {
	byFolder := map[string][]*Record{}
	var folders []string
	for _, r := range records {
		if r.Status != NotStated {
			continue
		}
		if byFolder[r.Folder] == nil {
			folders = append(folders, r.Folder)
		}
		byFolder[r.Folder] = append(byFolder[r.Folder], r)
	}
	var out []*diag.Problem
	for _, f := range folders {
		rs := byFolder[f]
		names := make([]string, 0, 3)
		for _, r := range rs[:min(3, len(rs))] {
			names = append(names, path.Base(r.Source))
		}
		if len(rs) > 3 {
			names = append(names, "…")
		}
		out = append(out, diag.Warnf(rs[0].Source, 1, "write a status in each record, or set decisions.defaultStatus in waymark.yaml",
			"%d of the folder's records state no status (%s); they show as %q", len(rs), strings.Join(names, ", "), NotStated))
	}
	return out
}
