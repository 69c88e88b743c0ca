package page

import (
	"cmp"
	"html"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/draw"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// The decisions index has three views, all rendered by the theme's
// decisions.html, which tells them apart by DecisionsData.View:
//
//	decisions/index.html           the list, by status, filterable by status and tag
//	decisions/timeline/index.html  the records by date
//	decisions/graph/index.html     the relation graph, drawn at build time
const (
	ListView     = "list"
	TimelineView = "timeline"
	GraphView    = "graph"
)

// DecisionsData is the data of the decisions index and its views.
type DecisionsData struct {
	View     string        // ListView, TimelineView or GraphView
	Views    []ViewLink    // the three views, for the tabs
	Records  []RecordRef   // every record, by folder and number
	Statuses []StatusCount // how many records have each status, known statuses first
	Tags     []TagFilter   // tags of decisions, with how many records carry each
	Folders  bool          // whether the site has category folders

	Groups  []DecisionGroup // list view: the records by status
	Years   []YearGroup     // timeline view: dated records, oldest first
	Undated []DecisionRow   // timeline view: records without a date
	Graph   template.HTML   // graph view: the SVG
	Related []DecisionRow   // graph view: records with relations, as a list
	// ToReview counts the records whose review is overdue, for the
	// index's "to review" filter.
	ToReview int
}

// ViewLink is one of the decisions index's views.
type ViewLink struct {
	Title   string
	URL     string
	Current bool
}

// StatusCount is how many records have a status.
type StatusCount struct {
	Status string
	Count  int
}

// TagFilter is a tag the decisions index can be filtered by.
type TagFilter struct {
	Tag
	ID    string // the tag's slug, as in DecisionRow.TagIDs
	Count int
}

// DecisionGroup is the records with one status.
type DecisionGroup struct {
	Status string
	Rows   []DecisionRow
}

// YearGroup is the records of one year.
type YearGroup struct {
	Year int
	Rows []DecisionRow
}

// DecisionRow is a record as the decisions index lists it. Its fields are
// flat and its links already relative to the page, because the index of a
// large site has thousands of rows and templates pay for every method
// call and embedded field.
type DecisionRow struct {
	Number     int
	Label      string
	Title      string
	Status     string
	StatusWord string // the author's own word for Status, or ""
	Href       string // link to the record from the page
	Folder     string
	Date       string // YYYY-MM-DD, or ""
	DateHuman  string // "1 August 2016", or ""
	DateSource string // "", "file name" or "git"
	Tags       string // tag names, separated by commas
	TagIDs     string // tag slugs separated by spaces, for filtering
	ReplacedBy []RowLink
	Relations  []RowRelation
	ReviewDue  string // YYYY-MM-DD when the record's review is overdue, else ""
}

// RowLink is a link from an index row to another record.
type RowLink struct {
	Label string
	Href  string
}

// RowRelation is a named list of links ("Supersedes", …) in an index row.
type RowRelation struct {
	Name  string
	Links []RowLink
}

// DecisionData is a record page's data.
type DecisionData struct {
	RecordRef
	Folder         string // category sub-folder, "" at the top level
	DecisionMakers []string
	Consulted      []string
	Informed       []string
	Relations      []Relation // both directions, by kind
	Blips          []BlipRef
	ReplacedBy     []RecordRef // for the banner of superseded or deprecated records
	Source         string
	Format         string // the format the file is written in
	// TitleHTML is the title with its code spans as code.
	TitleHTML  template.HTML
	StatusNote string // the rest of the status sentence, shown under the badge
	References []decision.Reference
	Authors    []string
	Summary    string
	DateSource string    // "" (the file), "file name" or "git"
	Changed    meta.Date // last commit, when known
	// ReviewDue is when the decision is due for review (zero: never);
	// ReviewOverdue says that date has passed.
	ReviewDue     meta.Date
	ReviewOverdue bool
	// ToBeSupersededBy are the records, not accepted yet, that will
	// supersede this one once they are.
	ToBeSupersededBy []RecordRef
	// Previous and Next are the records numbered before and after it
	// in its folder, nil at either end.
	Previous, Next *RecordRef
	EditURL        string // where the record's source can be edited (waymark.yaml editURL), or ""
}

// Relation is a named list of related records ("Supersedes", …).
type Relation struct {
	Name    string
	Records []RecordRef
}

// decisionJobs adds the decisions index, its views and every record page.
// Each record's references, tags and relations are worked out once, as a
// large site has thousands.
func (s assembly) decisionJobs(add addFunc, blipRef func(*radar.Blip) BlipRef) {
	records := s.Decisions.Records
	base := &DecisionsData{Records: make([]RecordRef, len(records))}
	rows := make([]DecisionRow, len(records))
	relations := make([][]Relation, len(records))
	counts := map[string]int{}
	folders := map[string]bool{}
	tagCounts := map[string]*TagFilter{}
	for i, r := range records {
		ref := s.recordRef(r)
		base.Records[i] = ref
		relations[i] = s.relationViews(r)
		rows[i] = s.decisionRow(r, ref)
		if rows[i].ReviewDue != "" {
			base.ToReview++
		}
		counts[r.Status]++
		folders[r.Folder] = true
		for _, t := range ref.Tags {
			if tagCounts[t.URL] == nil {
				tagCounts[t.URL] = &TagFilter{Tag: t, ID: tagID(t)}
			}
			tagCounts[t.URL].Count++
		}
	}
	for _, st := range append(decision.Statuses(), sortedKeys(counts)...) {
		if counts[st] > 0 {
			base.Statuses = append(base.Statuses, StatusCount{st, counts[st]})
			delete(counts, st)
		}
	}
	for _, url := range slices.Sorted(maps.Keys(tagCounts)) {
		base.Tags = append(base.Tags, *tagCounts[url])
	}
	base.Folders = len(folders) > 1 || !folders[""] && len(folders) == 1

	views := []struct{ view, title, url, desc string }{
		{ListView, "List", "decisions/", "Every architecture decision record, by status."},
		{TimelineView, "Timeline", "decisions/timeline/", "Every architecture decision record, in the order it was made."},
		{GraphView, "Graph", "decisions/graph/", "How the architecture decision records relate: what supersedes, amends and refines what."},
	}
	for _, v := range views {
		d := *base
		d.View = v.view
		for _, w := range views {
			d.Views = append(d.Views, ViewLink{Title: w.title, URL: w.url, Current: w.view == v.view})
		}
		switch v.view {
		case ListView:
			d.Groups = groupByStatus(rows, base.Statuses)
		case TimelineView:
			d.Years, d.Undated = byYear(rebase(rows, "../"))
		case GraphView:
			d.Graph, d.Related = s.relationGraph(rebase(rows, "../"), relations, v.url)
		}
		add("decisions", v.url, "Decisions", v.desc, nil, &d)
	}

	for i, r := range records {
		data := &DecisionData{RecordRef: base.Records[i], Folder: r.Folder, DecisionMakers: r.DecisionMakers, Consulted: r.Consulted,
			Informed: r.Informed, Relations: relations[i], Source: r.Source, Format: r.Format, DateSource: r.DateSource, Changed: r.Changed,
			TitleHTML: titleHTML(r.TitleText, r.Title), StatusNote: r.StatusNote, References: r.References, Authors: r.Authors, Summary: r.Summary}
		if r.Status == decision.Superseded || r.Status == decision.Deprecated {
			data.ReplacedBy = s.replacedBy(r)
		}
		data.ReviewDue, data.ReviewOverdue = r.ReviewDue(s.Config.Lifecycle), r.ReviewOverdue(s.Today(), s.Config.Lifecycle)
		for _, n := range r.ToBeSupersededBy {
			if next := s.Decisions.Get(r.Folder, n); next != nil {
				data.ToBeSupersededBy = append(data.ToBeSupersededBy, s.recordRef(next))
			}
		}
		data.EditURL = s.Config.EditLink(r.Source)
		if i > 0 && records[i-1].Folder == r.Folder {
			data.Previous = &base.Records[i-1]
		}
		if i+1 < len(records) && records[i+1].Folder == r.Folder {
			data.Next = &base.Records[i+1]
		}
		for _, id := range r.Blips {
			if b := s.Radar.Blip(id); b != nil {
				data.Blips = append(data.Blips, blipRef(b))
			}
		}
		desc := r.Summary
		if desc == "" {
			desc = recordDescription(r)
		}
		add("decision", site.RecordURL(r), r.Label()+": "+r.Title, desc,
			&markdown.Doc{Source: r.Source, URL: site.RecordURL(r), Body: r.Body, BodyLine: r.BodyLine}, data)
	}
}

// titleHTML is a record's title with its code spans as code, escaped.
func titleHTML(text, plain string) template.HTML {
	if text == "" {
		text = plain
	}
	var b strings.Builder
	for i, part := range decision.TitleParts(text) {
		if i%2 == 1 {
			b.WriteString("<code>" + html.EscapeString(part) + "</code>")
			continue
		}
		b.WriteString(html.EscapeString(part))
	}
	return template.HTML(b.String()) //nolint:gosec // every part escaped
}

// decisionRow is r as the list at decisions/ shows it.
func (s assembly) decisionRow(r *decision.Record, ref RecordRef) DecisionRow {
	ids, names := make([]string, len(ref.Tags)), make([]string, len(ref.Tags))
	for i, t := range ref.Tags {
		ids[i], names[i] = tagID(t), t.Name
	}
	row := DecisionRow{Number: r.Number, Label: ref.Label, Title: r.Title, Status: r.Status, StatusWord: r.StatusWord, Href: markdown.Rel("decisions/", ref.URL),
		Folder: r.Folder, Date: r.Date.String(), DateHuman: r.Date.Human(), DateSource: r.DateSource,
		Tags: strings.Join(names, ", "), TagIDs: strings.Join(ids, " ")}
	if r.ReviewOverdue(s.Today(), s.Config.Lifecycle) {
		row.ReviewDue = r.ReviewDue(s.Config.Lifecycle).String()
	}
	if r.Status == decision.Superseded {
		for _, t := range s.replacedBy(r) {
			row.ReplacedBy = append(row.ReplacedBy, RowLink{Label: t.Label, Href: markdown.Rel("decisions/", t.URL)})
		}
	}
	return row
}

// rebase returns rows with their links made relative to a page prefix
// deeper than decisions/ ("../" for decisions/timeline/): every record
// page lies under decisions/.
func rebase(rows []DecisionRow, prefix string) []DecisionRow {
	out := slices.Clone(rows)
	for i := range out {
		out[i].Href = prefix + out[i].Href
		if len(out[i].ReplacedBy) > 0 {
			out[i].ReplacedBy = slices.Clone(out[i].ReplacedBy)
			for j := range out[i].ReplacedBy {
				out[i].ReplacedBy[j].Href = prefix + out[i].ReplacedBy[j].Href
			}
		}
	}
	return out
}

// tagID is the slug of a tag, the last segment of its URL.
func tagID(t Tag) string { return strings.TrimSuffix(strings.TrimPrefix(t.URL, "tags/"), "/") }

// relatedRef is a record as another record's page refers to it; records
// of other folders carry their folder in the label.
func (s assembly) relatedRef(from, r *decision.Record) RecordRef {
	ref := RecordRef{Number: r.Number, Label: r.Label(), Title: r.Title, Status: r.Status, Date: r.Date, URL: site.RecordURL(r)}
	if r.Folder != from.Folder {
		ref.Label = r.Folder + "/" + ref.Label
		if r.Folder == "" {
			ref.Label = r.Label()
		}
	}
	return ref
}

// relationViews are r's relations in both directions, one entry per verb.
func (s assembly) relationViews(r *decision.Record) []Relation {
	var out []Relation
	for _, rel := range r.Relations {
		t := s.Decisions.Target(rel)
		if t == nil {
			continue
		}
		name := rel.Title()
		if len(out) == 0 || out[len(out)-1].Name != name {
			out = append(out, Relation{Name: name})
		}
		out[len(out)-1].Records = append(out[len(out)-1].Records, s.relatedRef(r, t))
	}
	return out
}

// replacedBy are the records that supersede r.
func (s assembly) replacedBy(r *decision.Record) []RecordRef {
	var out []RecordRef
	for _, rel := range r.Relations {
		if rel.Verb == decision.VerbSupersededBy {
			if t := s.Decisions.Target(rel); t != nil {
				out = append(out, s.relatedRef(r, t))
			}
		}
	}
	return out
}

func groupByStatus(rows []DecisionRow, statuses []StatusCount) []DecisionGroup {
	groups := make([]DecisionGroup, len(statuses))
	index := map[string]int{}
	for i, st := range statuses {
		groups[i].Status = st.Status
		index[st.Status] = i
	}
	for _, row := range rows {
		g := &groups[index[row.Status]]
		g.Rows = append(g.Rows, row)
	}
	return groups
}

// byYear orders dated records by date, oldest first, in years.
func byYear(rows []DecisionRow) ([]YearGroup, []DecisionRow) {
	var dated, undated []DecisionRow
	for _, row := range rows {
		if row.Date == "" {
			undated = append(undated, row)
		} else {
			dated = append(dated, row)
		}
	}
	slices.SortStableFunc(dated, func(a, b DecisionRow) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Folder, b.Folder), cmp.Compare(a.Number, b.Number))
	})
	var years []YearGroup
	for _, row := range dated {
		year, _ := strconv.Atoi(row.Date[:4])
		if len(years) == 0 || years[len(years)-1].Year != year {
			years = append(years, YearGroup{Year: year})
		}
		y := &years[len(years)-1]
		y.Rows = append(y.Rows, row)
	}
	return years, undated
}

// relationGraph draws the relation graph for decisions/graph/ and lists
// the same relations for readers without the picture.
func (s assembly) relationGraph(rows []DecisionRow, relations [][]Relation, page string) (template.HTML, []DecisionRow) {
	g := s.Decisions.Layout()
	if len(g.Nodes) == 0 {
		return "", nil
	}
	svg := draw.Graph(g, draw.GraphOptions{Href: func(r *decision.Record) string { return markdown.Rel(page, site.RecordURL(r)) }})
	var related []DecisionRow
	for i, r := range s.Decisions.Records {
		if len(r.Relations) == 0 {
			continue
		}
		row := rows[i]
		for _, rel := range relations[i] {
			rr := RowRelation{Name: rel.Name}
			for _, ref := range rel.Records {
				rr.Links = append(rr.Links, RowLink{Label: ref.Label, Href: markdown.Rel(page, ref.URL)})
			}
			row.Relations = append(row.Relations, rr)
		}
		related = append(related, row)
	}
	return template.HTML(svg), related //nolint:gosec // escaped by draw.Graph
}

// recordDescription describes a record for search engines and link
// previews: its label, status and date.
func recordDescription(r *decision.Record) string {
	d := "Architecture decision record " + r.Label() + ", " + r.Status
	if !r.Date.IsZero() {
		d += ", of " + r.Date.Human()
	}
	return d + "."
}
