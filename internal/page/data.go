package page

import (
	"cmp"
	"slices"

	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// IndexJSON is /index.json: the site as data. Every key is always present;
// lists are empty rather than missing, and sorted. Besides the decisions,
// blips and pages it carries what waymark audit needs to judge a project
// from this one file: the rings (the last is hold), every blip's packages
// and the decision behind its ring, the licence policy and the exceptions;
// and what teams run (usage).
type IndexJSON struct {
	Title         string          `json:"title"`
	BaseURL       string          `json:"baseURL"`
	Edition       string          `json:"edition"`
	Decisions     []DecisionJSON  `json:"decisions"`
	Blips         []BlipJSON      `json:"blips"`
	Pages         []PageJSON      `json:"pages"`
	Rings         []RingJSON      `json:"rings"`
	LicensePolicy PolicyJSON      `json:"licensePolicy"`
	Exceptions    []ExceptionJSON `json:"exceptions"`
	Usage         UsageJSON       `json:"usage"`
}

// DecisionJSON is a record in /index.json.
type DecisionJSON struct {
	Number         int      `json:"number"`
	ID             string   `json:"id"`
	Folder         string   `json:"folder"`
	Title          string   `json:"title"`
	Status         string   `json:"status"`
	Date           string   `json:"date"`
	URL            string   `json:"url"`
	Source         string   `json:"source"`
	DecisionMakers []string `json:"decisionMakers"`
	Supersedes     []int    `json:"supersedes"`
	SupersededBy   []int    `json:"supersededBy"`
	Amends         []int    `json:"amends"`
	AmendedBy      []int    `json:"amendedBy"`
	Related        []int    `json:"related"`
	Tags           []string `json:"tags"`
	Blips          []string `json:"blips"`
}

// BlipJSON is a blip in /index.json.
type BlipJSON struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Quadrant       string   `json:"quadrant"`
	Ring           string   `json:"ring"`
	URL            string   `json:"url"`
	Source         string   `json:"source"`
	Movement       string   `json:"movement"`
	License        string   `json:"license"`
	LicenseVerdict string   `json:"licenseVerdict"`
	Backing        string   `json:"backing"`
	Owner          string   `json:"owner"`
	Reviewed       string   `json:"reviewed"`
	Stale          bool     `json:"stale"`
	Horizon        string   `json:"horizon"`
	Decisions      []int    `json:"decisions"`
	Tags           []string `json:"tags"`
	Related        []string `json:"related"`      // ids of related blips, both ways (radar.Related)
	Packages       []string `json:"packages"`     // packages: patterns, as written
	RingDecision   int      `json:"ringDecision"` // the decision that put it in its ring, 0 when none
}

// PageJSON is a free page in /index.json.
type PageJSON struct {
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Source string   `json:"source"`
	Tags   []string `json:"tags"`
}

func sortedCopy[T cmp.Ordered](xs []T) []T {
	out := slices.Clone(xs)
	if out == nil {
		out = []T{}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Index returns the site as data: /index.json and waymark export json.
func Index(s *site.Site) *IndexJSON { return index(s, true) }

// index makes the index; without lists, the usage part's projects and
// candidates are left empty (EncodeIndex writes them).
func index(s *site.Site, lists bool) *IndexJSON {
	idx := &IndexJSON{Title: s.Config.Title, BaseURL: s.Config.BaseURL, Edition: s.Radar.Edition.String(),
		Decisions: []DecisionJSON{}, Blips: []BlipJSON{}, Pages: []PageJSON{}}
	concerns := map[string][]int{}
	for _, r := range s.Decisions.Records {
		idx.Decisions = append(idx.Decisions, DecisionJSON{
			Number: r.Number, ID: r.ID, Folder: r.Folder, Title: r.Title, Status: r.Status, Date: r.Date.String(),
			URL: site.RecordURL(r), Source: r.Source, DecisionMakers: sortedCopy(r.DecisionMakers),
			Supersedes: sortedCopy(r.Supersedes), SupersededBy: sortedCopy(r.SupersededBy),
			Amends: sortedCopy(r.Amends), AmendedBy: sortedCopy(r.AmendedBy), Related: sortedCopy(r.Related),
			Tags: sortedCopy(r.Tags), Blips: sortedCopy(r.Blips),
		})
		if r.Folder == "" {
			for _, id := range r.Blips {
				concerns[id] = append(concerns[id], r.Number)
			}
		}
	}
	for _, b := range s.Radar.Blips {
		ds := concerns[b.ID]
		for _, m := range b.History {
			if m.Decision != 0 {
				ds = append(ds, m.Decision)
			}
		}
		idx.Blips = append(idx.Blips, BlipJSON{
			ID: b.ID, Title: b.Title, Quadrant: b.Quadrant, Ring: b.Ring, URL: site.BlipURL(b), Source: b.Source,
			Movement: s.Radar.Movement(b), License: b.License, LicenseVerdict: s.Radar.Policy.Verdict(b.License),
			Backing: b.Backing, Owner: b.Owner, Reviewed: b.Reviewed.String(), Stale: s.Radar.Stale(b), Horizon: b.Horizon,
			Decisions: sortedCopy(ds), Tags: sortedCopy(b.Tags), Related: relatedIDs(s.Radar, b), Packages: nonNil(b.Packages), RingDecision: ringDecision(s, b),
		})
	}
	slices.SortFunc(idx.Blips, func(a, b BlipJSON) int { return cmp.Compare(a.ID, b.ID) })
	for _, p := range s.Pages {
		idx.Pages = append(idx.Pages, PageJSON{Title: p.Title, URL: p.URL, Source: p.Source, Tags: sortedCopy(p.Tags)})
	}
	slices.SortFunc(idx.Pages, func(a, b PageJSON) int { return cmp.Compare(a.URL, b.URL) })
	guideJSON(s, idx, lists)
	return idx
}

// nonNil returns xs, or an empty list for nil; order is kept.
func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return slices.Clone(xs)
}

func ringDecision(s *site.Site, b *radar.Blip) int {
	if r := s.RingDecision(b.ID); r != nil {
		return r.Number
	}
	return 0
}

// relatedIDs returns the ids of the blips related to b, sorted.
func relatedIDs(r *radar.Radar, b *radar.Blip) []string {
	out := []string{}
	for _, o := range r.Related(b) {
		out = append(out, o.ID)
	}
	return sortedCopy(out)
}
