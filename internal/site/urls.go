package site

import (
	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/slug"
)

// RecordURL is the site-relative URL of a record's page.
func RecordURL(r *decision.Record) string {
	if r.Folder != "" {
		return "decisions/" + r.Folder + "/" + r.ID + "/"
	}
	return "decisions/" + r.ID + "/"
}

// BlipURL is the site-relative URL of a blip's page.
func BlipURL(b *radar.Blip) string { return "radar/" + b.ID + "/" }

// SectorURL is the site-relative URL of a quadrant's page.
func SectorURL(quadrant string) string { return "radar/" + quadrant + "/" }

// The radar's own folders beside its blips and quadrants: no blip may
// take their ids.
const (
	EditionsSegment = "editions"
	ViewsSegment    = "views"
)

// EditionsURL is the site-relative URL of the list of the radar's editions.
func EditionsURL() string { return "radar/" + EditionsSegment + "/" }

// EditionURL is the site-relative URL of the radar as it was at date.
func EditionURL(date meta.Date) string { return EditionsURL() + date.String() + "/" }

// ViewURL is the site-relative URL of a view's radar.
func ViewURL(id string) string { return "radar/" + ViewsSegment + "/" + id + "/" }

// TagURL is the site-relative URL of a tag's page, or "" for a tag that
// makes no URL segment.
func TagURL(name string) string {
	if s := TagSlug(name); s != "" {
		return "tags/" + s + "/"
	}
	return ""
}

// TagSlug makes a URL segment of a tag: "C++" is "c-plus-plus", "C#"
// "c-sharp"; a tag of no letters or digits has none (crossCheck warns).
func TagSlug(name string) string { return slug.Tag(name) }

// UsageURL is the site-relative URL of the usage page.
const UsageURL = "usage/"

// TeamURL is the site-relative URL of one team's usage page.
func TeamURL(team string) string { return "usage/" + slug.Make(team) + "/" }
