package page

import (
	"slices"

	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// The radar's editions, derived from the blips' history (no input of
// their own):
//
//	radar/editions/index.html         every edition, newest first
//	radar/editions/<date>/index.html  the radar as it was, and what changed

// EditionsData is the list of editions' data.
type EditionsData struct {
	Editions []EditionRow // newest first
}

// EditionRow is one edition in the list.
type EditionRow struct {
	Date    meta.Date
	URL     string
	Blips   int // on the radar at that date
	Changes int // history entries of that date
	Current bool
}

// EditionData is an edition page's data: the radar as it stood at Date,
// and what changed since the edition before.
type EditionData struct {
	*RadarData
	Date     meta.Date
	Previous *Link // the edition before, nil for the first
	Next     *Link // the edition after, nil for the newest
	Current  bool  // this is the radar's current edition
	Changed  []ChangeView
}

// ChangeView is one blip's change in an edition.
type ChangeView struct {
	Blip      BlipRef        // as the blip stood in the edition
	From      *radar.Segment // the ring before, nil for a new blip
	To        radar.Segment
	Direction string // radar.NewBlip, MovedIn, MovedOut or NoMove
	// New, In and Out are Direction as flags, which a template tests
	// without comparing strings (an edition can list hundreds).
	New, In, Out bool
	Decision     *RecordRef
	Note         string
}

// editionJobs adds the list of editions and a page per edition, when the
// history holds more than one. Each edition is a whole radar of its own,
// so they are worked out on all cores and added in date order.
func (s assembly) editionJobs(rv *radarViews, eds []meta.Date, add addFunc) {
	if len(eds) < 2 {
		return
	}
	pages, list := s.keptEditions(eds)
	if list == nil {
		pages = make([]*EditionData, len(eds))
		rows := make([]EditionRow, len(eds))
		parallel.For(len(eds), func(i int) {
			pages[i], rows[i] = s.edition(rv, eds, i)
		})
		list = &EditionsData{Editions: rows}
		slices.Reverse(list.Editions)
	}
	for i, d := range eds {
		u := site.EditionURL(d)
		add("edition", u, "Radar of "+d.Human(), "The radar as it stood on "+d.Human()+", and what changed since the edition before.", nil, pages[i])
	}
	add("editions", site.EditionsURL(), "Editions of the radar",
		"Every edition of the radar, from the blips' history.", nil, list)
}

// keptEditions returns the editions' data taken from the previous
// assembly (AssembleAfterUsage), or a nil list when it did not have
// every one of eds.
func (s assembly) keptEditions(eds []meta.Date) ([]*EditionData, *EditionsData) {
	list, ok := s.kept[site.PageFile(site.EditionsURL())].(*EditionsData)
	if !ok || len(list.Editions) != len(eds) {
		return nil, nil
	}
	pages := make([]*EditionData, len(eds))
	for i, d := range eds {
		if pages[i], ok = s.kept[site.PageFile(site.EditionURL(d))].(*EditionData); !ok {
			return nil, nil
		}
	}
	return pages, list
}

// edition is the data of edition i of eds and its row in the list.
func (s assembly) edition(rv *radarViews, eds []meta.Date, i int) (*EditionData, EditionRow) {
	d := eds[i]
	er := s.Radar.At(d)
	erv := s.radarViewsOf(er, rv.concerns)
	u := site.EditionURL(d)
	ed := &EditionData{RadarData: erv.radarData(u), Date: d, Current: i == len(eds)-1}
	ed.Editions = site.EditionsURL()
	var from meta.Date
	if i > 0 {
		from = eds[i-1]
		ed.Previous = &Link{eds[i-1].Human(), site.EditionURL(eds[i-1])}
	}
	if i+1 < len(eds) {
		ed.Next = &Link{eds[i+1].Human(), site.EditionURL(eds[i+1])}
	}
	for _, c := range er.Changes(from, d) {
		cv := ChangeView{Blip: erv.ref(c.Blip), To: s.ring(c.Move.Ring), Direction: c.Movement, Note: c.Move.Note,
			New: c.Movement == radar.NewBlip, In: c.Movement == radar.MovedIn, Out: c.Movement == radar.MovedOut}
		if c.From != "" {
			f := s.ring(c.From)
			cv.From = &f
		}
		if r := s.Decisions.Get("", c.Move.Decision); r != nil {
			ref := s.recordRef(r)
			cv.Decision = &ref
		}
		ed.Changed = append(ed.Changed, cv)
	}
	return ed, EditionRow{Date: d, URL: u, Blips: len(er.Blips), Changes: len(ed.Changed), Current: ed.Current}
}
