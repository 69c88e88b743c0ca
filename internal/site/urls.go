package site

import (
	"net/url"
	"strings"

	"github.com/waymark-dev/waymark/internal/decision"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
	"github.com/waymark-dev/waymark/internal/slug"
)

// Every URL below is made by PathURL from the names of files and folders
// (records, blips, pages, published files, categories) as they are on
// disk: its segments are percent-encoded, so that a record named
// "0007-c#-and-f#.md" is linked as ".../0007-c%23-and-f%23/" everywhere a
// URL is written. PageFile and the Assets map give the files' own names,
// which stay as they are.

// PathURL returns the URL of a site-relative, slash-separated path: every
// byte of each segment other than ASCII letters, digits and "-._~" is
// percent-encoded, so that "#", "?", "%", spaces, ":" and non-ASCII
// letters reach the file they name, whatever the host or browser.
func PathURL(p string) string {
	clean := true
	for i := 0; i < len(p); i++ {
		if !unreserved(p[i]) && p[i] != '/' {
			clean = false
			break
		}
	}
	if clean {
		return p
	}
	var b strings.Builder
	b.Grow(len(p) + 16)
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(p); i++ {
		c := p[i]
		if unreserved(c) || c == '/' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// unreserved reports whether c may stand in a URL path segment as it is
// (RFC 3986's unreserved characters).
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// PageFile returns the site-relative file a page URL is written to: the
// URL decoded, with index.html for a URL ending in "/" ("" is the home
// page).
func PageFile(u string) string {
	p := u
	if strings.Contains(u, "%") {
		if d, err := url.PathUnescape(u); err == nil {
			p = d
		}
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// RecordURL is the site-relative URL of a record's page.
func RecordURL(r *decision.Record) string {
	if r.Folder != "" {
		return "decisions/" + PathURL(r.Folder) + "/" + PathURL(r.ID) + "/"
	}
	return "decisions/" + PathURL(r.ID) + "/"
}

// BlipURL is the site-relative URL of a blip's page.
func BlipURL(b *radar.Blip) string { return "radar/" + PathURL(b.ID) + "/" }

// SectorURL is the site-relative URL of a quadrant's page.
func SectorURL(quadrant string) string { return "radar/" + PathURL(quadrant) + "/" }

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
func ViewURL(id string) string { return "radar/" + ViewsSegment + "/" + PathURL(id) + "/" }

// TagURL is the site-relative URL of a tag's page, or "" for a tag that
// makes no URL segment.
func TagURL(name string) string {
	if s := TagSlug(name); s != "" {
		return "tags/" + PathURL(s) + "/"
	}
	return ""
}

// TagSlug makes a URL segment of a tag: "C++" is "c-plus-plus", "C#"
// "c-sharp"; a tag of no letters or digits has none (crossCheck warns).
func TagSlug(name string) string { return slug.Tag(name) }

// UsageURL is the site-relative URL of the usage page.
const UsageURL = "usage/"

// TeamURL is the site-relative URL of one team's usage page.
func TeamURL(team string) string { return "usage/" + PathURL(slug.Make(team)) + "/" }
