package page

import (
	"github.com/waymark-dev/waymark/internal/draw"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/parallel"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/site"
)

// The radar's views (waymark.yaml views), one radar per audience from the
// same blips:
//
//	radar/views/<id>/index.html  the view's radar, answer and legend
//	radar/views/<id>/radar.svg   the view's radar as a file of its own

// ViewData is a view page's data.
type ViewData struct {
	*RadarData
	View radar.View
	// SVG is the file radar.svg beside the page, relative to it, and
	// Embed its absolute URL when the site has a base URL, else "".
	File, Embed string
}

// viewJobs adds a page per view.
func (s assembly) viewJobs(rv *radarViews, add addFunc) {
	views := s.Config.Views
	data := make([]*ViewData, len(views))
	parallel.For(len(views), func(i int) {
		v := views[i]
		vrv := s.radarViewsOf(v.Of(s.Radar), rv.concerns)
		u := site.ViewURL(v.ID)
		data[i] = &ViewData{RadarData: vrv.radarData(u), View: v, File: "radar.svg"}
		if s.Config.BaseURL != "" {
			data[i].Embed = s.Config.BaseURL + u + "radar.svg"
		}
	})
	for i, v := range views {
		u := site.ViewURL(v.ID)
		add("view", u, v.Title, v.Description, nil, data[i])
	}
}

// SVGPaths lists the standalone drawings the site publishes, each a
// view's radar.svg, site-relative.
func SVGPaths(ss *site.Site) []string {
	var out []string
	for _, v := range ss.Config.Views {
		out = append(out, site.ViewURL(v.ID)+"radar.svg")
	}
	return out
}

// StandaloneSVG draws the radar, or the view with the given id ("" for
// the whole radar), as an SVG file of its own, with its styles: blips
// and quadrants link to their pages, absolutely when the site has a base
// URL, else relative to from (the site-relative URL of the folder the
// file is published in). ok is false when there is no such view.
func StandaloneSVG(ss *site.Site, view, from string) (svg []byte, ok bool) {
	r := ss.Radar
	if view != "" {
		found := false
		for _, v := range ss.Config.Views {
			if v.ID == view {
				r, found = v.Of(ss.Radar), true
			}
		}
		if !found {
			return nil, false
		}
	}
	link := func(target string) string {
		if ss.Config.BaseURL != "" {
			return ss.Config.BaseURL + target
		}
		return markdown.Rel(from, target)
	}
	o := draw.RadarOptions{ID: "radar", Standalone: true, Href: func(b *radar.Blip) string { return link(site.BlipURL(b)) }}
	if len(r.Settings.Quadrants) > 1 {
		o.SectorHref = func(id string) string { return link(site.SectorURL(id)) }
	}
	return []byte(draw.Radar(r.Layout(), o)), true
}
