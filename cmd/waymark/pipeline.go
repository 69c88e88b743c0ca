package main

import (
	"flag"
	"os"

	"github.com/waymark-dev/waymark/internal/githistory"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// siteFlags are the flags of every command that reads a site: build,
// check, serve and export turn them into the same pipeline options, so
// that every command sees the same records with the same dates.
type siteFlags struct {
	dir       *string
	decisions *string
	baseURL   *string
}

// addSiteFlags defines --site, --decisions and --base-url on fs.
func addSiteFlags(fs *flag.FlagSet, baseURLUsage string) *siteFlags {
	return &siteFlags{
		dir:       fs.String("site", ".", "site `folder` (with waymark.yaml, decisions/, radar/, content/)"),
		decisions: fs.String("decisions", "", "decision records `folder` inside the site, overriding decisions: in waymark.yaml"),
		baseURL:   fs.String("base-url", "", baseURLUsage),
	}
}

// options are the pipeline's options for the site the flags name: its
// files, the built-in theme, the overrides, and dates from git.
func (f *siteFlags) options() site.Options {
	return site.Options{Site: os.DirFS(*f.dir), Dir: *f.dir, Theme: themes.Default(), BaseURL: *f.baseURL, Decisions: *f.decisions,
		History: githistory.Repo{Dir: *f.dir}, Today: today()}
}

const baseURLUsage = "absolute `URL` the site is published at, overriding baseURL"
