package audit

import (
	"encoding/json"
	"errors"
	"os"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/usage"
)

// LoadGuide returns the guidance at path: a site folder, loaded without
// its usage folder, or a published index.json. The base URL of the guide
// (for links in findings) comes with it when known.
func LoadGuide(path string, opts site.Options, today meta.Date) (*usage.Guide, string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if info.IsDir() {
		opts.Site, opts.Today, opts.SkipUsage = os.DirFS(path), today, true
		s, err := site.Load(opts)
		if err != nil {
			return nil, "", err
		}
		return s.Guide(), s.Config.BaseURL, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	return FromIndex(path, data, today)
}

// FromIndex reads a published index.json as a guide.
func FromIndex(file string, data []byte, today meta.Date) (*usage.Guide, string, error) {
	var idx page.IndexJSON
	if err := json.Unmarshal(data, &idx); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, "", diag.Errorf(file, lineAt(data, int(syn.Offset)), "download the guide's index.json again", "not valid JSON: %v", err)
		}
		return nil, "", diag.Errorf(file, 1, "pass a guide's index.json or its site folder", "not a waymark index.json: %v", err)
	}
	if len(idx.Rings) == 0 {
		return nil, "", diag.Errorf(file, 1, "publish the guide with this version of waymark, or pass its site folder", "index.json has no rings: it was made by an older waymark, without what audit needs")
	}
	g := &usage.Guide{Policy: radar.NewPolicy(radar.Licenses{Allowed: idx.LicensePolicy.Allowed, Review: idx.LicensePolicy.Review, Denied: idx.LicensePolicy.Denied}),
		Decisions: map[string]usage.Decision{}, Today: today}
	for _, r := range idx.Rings {
		g.Rings = append(g.Rings, radar.Segment{ID: r.ID, Title: r.Title})
	}
	g.Hold = idx.Rings[len(idx.Rings)-1].ID
	decisions := map[int]page.DecisionJSON{}
	for _, d := range idx.Decisions {
		if d.Folder == "" {
			decisions[d.Number] = d
		}
	}
	ref := func(n int) usage.Decision {
		d := decisions[n]
		return usage.Decision{Number: n, Label: decision.Label(n), Title: d.Title, URL: d.URL}
	}
	for _, b := range idx.Blips {
		g.Blips = append(g.Blips, &radar.Blip{ID: b.ID, Title: b.Title, Quadrant: b.Quadrant, Ring: b.Ring, License: b.License, Packages: b.Packages})
		if b.RingDecision != 0 {
			g.Decisions[b.ID] = ref(b.RingDecision)
		}
	}
	for _, e := range idx.Exceptions {
		until, err := meta.ParseDate(e.Until)
		if err != nil {
			return nil, "", diag.Errorf(file, 1, "download the guide's index.json again", "exception of %s: until %q is not a date", e.DecisionLabel, e.Until)
		}
		g.Exceptions = append(g.Exceptions, usage.Exception{Team: e.Team, Blips: e.Blips, Licenses: e.Licenses, Until: until,
			Decision: usage.Decision{Number: e.Decision, Label: e.DecisionLabel, Title: e.DecisionTitle, URL: e.DecisionURL}, Source: e.Source, Line: e.Line})
	}
	return g, idx.BaseURL, nil
}

func lineAt(data []byte, offset int) int {
	n := 1
	for _, c := range data[:min(offset, len(data))] {
		if c == '\n' {
			n++
		}
	}
	return n
}
