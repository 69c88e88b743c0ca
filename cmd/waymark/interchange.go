package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/author"
	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/interchange"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/site"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("import", stdout, stderr)
	site := fs.String("site", ".", "site `folder` to import into")
	day := fs.String("date", "", "`date` of this edition, for a source that does not say (BYOR CSV always needs it)")
	dry := fs.Bool("dry-run", false, "list what would be written, write nothing")
	mapQ, mapR := nameMap{}, nameMap{}
	fs.Var(mapQ, "map-quadrant", "`NAME=ID`: put the source's quadrant NAME into the site's quadrant ID (repeatable)")
	fs.Var(mapR, "map-ring", "`NAME=ID`: put the source's ring NAME into the site's ring ID, e.g. caution=hold (repeatable)")
	quadrants := fs.String("quadrants", "", "`names` of a zalando-json file's quadrants 0, 1, 2, 3, comma-separated")
	rings := fs.String("rings", "", "`names` of a zalando-json file's rings 0, 1, 2, 3, comma-separated")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 2 {
		return usageError(fs, errors.New("import needs a format and a source"))
	}
	format, src := pos[0], pos[1]
	cfg, err := siteConfig(*site)
	if err != nil {
		return err
	}
	cfgSrc, err := os.ReadFile(filepath.Join(*site, config.FileName))
	if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		return err
	}
	var date meta.Date
	if *day != "" {
		if date, err = dateFlag(*day); err != nil {
			return err
		}
	}
	existing, err := author.ReadBlips(*site, cfg)
	if err != nil {
		return fmt.Errorf("nothing imported: the site's blips must parse first: %w", err)
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return fileErr("read the "+format+" export", src, err)
	}
	fsys, name, dir := os.DirFS(filepath.Dir(abs)), filepath.Base(abs), filepath.Dir(src)
	if st.IsDir() {
		fsys, name, dir = os.DirFS(abs), ".", src
	}
	res, err := interchange.Import(format, fsys, name, interchange.Options{
		Config: cfg, Adopt: !config.SetsShape(cfgSrc), Existing: existing,
		MapQuadrants: mapQ, MapRings: mapR, QuadrantNames: names(*quadrants), RingNames: names(*rings),
		Date: date, Dir: dir})
	if err != nil {
		var lines []string
		for _, e := range flattenErr(err) {
			lines = append(lines, e.Error())
		}
		fmt.Fprintln(stderr, strings.Join(lines, "\n"))
		return fmt.Errorf("nothing imported: %s in %s", count(len(lines), "problem"), src)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(stderr, "%s: skipped %s\n", src, s)
	}
	var newConfig []byte
	var shapeChanges []string
	if res.Shape != nil {
		if newConfig, shapeChanges, err = config.SetShape(config.FileName, cfgSrc, res.Shape.Quadrants, res.Shape.Rings); err != nil {
			return fmt.Errorf("nothing imported: %w", err)
		}
		if cfg, err = config.Parse(config.FileName, newConfig); err != nil {
			return fmt.Errorf("nothing imported: %w", err)
		}
	}
	var ids []string
	for _, b := range res.Blips {
		ids = append(ids, b.ID)
	}
	if err := author.CheckBlipIDs(*site, cfg, ids); err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	var edits []author.Edit
	for _, e := range res.Editions {
		edits = append(edits, author.Edit{Blip: e.Blip, Ring: e.Ring, Quadrant: e.Quadrant, Moves: e.Moves})
	}
	cfgPath := filepath.Join(*site, config.FileName)
	if *dry {
		for _, c := range shapeChanges {
			fmt.Fprintf(stdout, "would set in %s: %s\n", cfgPath, c)
		}
		for _, b := range res.Blips {
			fmt.Fprintf(stdout, "would create %s\n", filepath.Join(*site, filepath.FromSlash(b.Source)))
		}
		for _, e := range edits {
			fmt.Fprintf(stdout, "would add %s to %s\n", count(len(e.Moves), "history entry"), filepath.Join(*site, filepath.FromSlash(e.Blip.Source)))
		}
		return nil
	}
	written, changed, err := author.WriteImport(*site, newConfig, res.Blips, edits)
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	for _, c := range shapeChanges {
		fmt.Fprintf(stdout, "set in %s: %s\n", cfgPath, c)
	}
	fmt.Fprintf(stdout, "imported %s and %s of blips the site has from %s into %s (%s changed)\n",
		count(len(written), "new blip"), count(len(edits), "new edition"), src, filepath.Join(*site, filepath.FromSlash(cfg.Radar)), count(len(changed), "file"))
	fmt.Fprintln(stdout, "next: preview the radar with waymark serve, then run waymark check")
	return nil
}

// nameMap is a repeatable NAME=ID flag.
type nameMap map[string]string

func (m nameMap) String() string { return "" }

func (m nameMap) Set(v string) error {
	k, id, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(id) == "" {
		return fmt.Errorf("%q: write NAME=ID, e.g. caution=hold", v)
	}
	m[strings.TrimSpace(k)] = strings.TrimSpace(id)
	return nil
}

// names splits a comma-separated list of names.
func names(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func flattenErr(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flattenErr(e)...)
		}
		return out
	}
	return []error{err}
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("export", stdout, stderr)
	sf := addSiteFlags(fs, "absolute `URL` the site is published at, for links (default baseURL)")
	out := fs.String("out", "", "write to this new `file` instead of standard output")
	view := fs.String("view", "", "with svg: the `id` of a view in waymark.yaml to draw instead of the whole radar")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		return usageError(fs, errors.New("export needs exactly one format"))
	}
	format := pos[0]
	if format != "json" && format != "svg" && !slices.Contains(interchange.ExportFormats(), format) {
		return fmt.Errorf("unknown format %q; export writes %s, json, svg", format, strings.Join(interchange.ExportFormats(), ", "))
	}
	if *view != "" && format != "svg" {
		return fmt.Errorf("--view draws a view's radar: use it with export svg, not %s", format)
	}
	s, err := site.Load(sf.options())
	if err != nil {
		report(stderr, s.Problems.Sorted())
		return errReported
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "svg" {
		svg, ok := page.StandaloneSVG(s, *view, "")
		if !ok {
			var ids []string
			for _, v := range s.Config.Views {
				ids = append(ids, v.ID)
			}
			if len(ids) == 0 {
				return fmt.Errorf("view %q: %s defines no views; add views: to it, or leave out --view", *view, config.FileName)
			}
			return fmt.Errorf("view %q is not in %s; its views are %s", *view, config.FileName, strings.Join(ids, ", "))
		}
		buf.Write(svg)
	} else if format == "json" {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", " ")
		err = enc.Encode(page.Index(s))
	} else {
		date, _ := dateFlag("")
		err = interchange.Export(&buf, format, s.Radar, interchange.ExportOptions{BaseURL: s.Config.BaseURL, Describe: s.Describer(), Date: date})
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := scaffold.WriteNew(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the radar as %s to %s\n", format, *out)
	return nil
}
