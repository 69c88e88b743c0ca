package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/author"
	"github.com/waymark-dev/waymark/internal/interchange"
	"github.com/waymark-dev/waymark/internal/page"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/site"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("import", `import FORMAT SRC [--site DIR] [--date YYYY-MM-DD] [--dry-run]

Writes a blip file into SITE/radar/ for every blip of another radar tool's
export. FORMAT is `+strings.Join(interchange.ImportFormats(), ", ")+`; SRC is the
file, or for aoe the folder holding radar/<YYYY-MM-DD>/ release folders.
Every row is checked first: on any problem nothing is written. An existing
blip file is never overwritten.`, stderr)
	site := fs.String("site", ".", "site `folder` to import into")
	day := fs.String("date", "", "`date` of blips the source marks new or moved but does not date (default today)")
	dry := fs.Bool("dry-run", false, "list the files that would be written, write none")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 2 {
		fs.Usage()
		return errors.New("import needs a format and a source")
	}
	format, src := pos[0], pos[1]
	cfg, err := siteConfig(*site)
	if err != nil {
		return err
	}
	date, err := dateFlag(*day)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return err
	}
	fsys, name, dir := os.DirFS(filepath.Dir(abs)), filepath.Base(abs), filepath.Dir(src)
	if st.IsDir() {
		fsys, name, dir = os.DirFS(abs), ".", src
	}
	res, err := interchange.Import(format, fsys, name, interchange.Options{Config: cfg, Date: date, Dir: dir})
	if err != nil {
		var lines []string
		for _, e := range flattenErr(err) {
			lines = append(lines, e.Error())
		}
		fmt.Fprintln(stderr, strings.Join(lines, "\n"))
		problems := "problems"
		if len(lines) == 1 {
			problems = "problem"
		}
		return fmt.Errorf("nothing imported: %d %s in %s", len(lines), problems, src)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var ids []string
	for _, b := range res.Blips {
		ids = append(ids, b.ID)
	}
	if err := author.CheckBlipIDs(*site, cfg, ids); err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(stderr, "%s: skipped %s\n", src, s)
	}
	if *dry {
		for _, b := range res.Blips {
			fmt.Fprintf(stdout, "would create %s\n", filepath.Join(*site, filepath.FromSlash(b.Source)))
		}
		return nil
	}
	written, err := author.WriteBlips(*site, res.Blips)
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	fmt.Fprintf(stdout, "imported %d blips from %s into %s\n", len(written), src, filepath.Join(*site, filepath.FromSlash(cfg.Radar)))
	return nil
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
	fs := flags("export", `export FORMAT [--site DIR] [--decisions DIR] [--out FILE] [--base-url URL]

Writes the site's radar for another tool: `+strings.Join(append(interchange.ExportFormats(), "json"), ", ")+`
(json is the site as data, as in /index.json). Output goes to standard
output, or to a new file with --out (never overwritten).`, stderr)
	sf := addSiteFlags(fs, "absolute `URL` the site is published at, for links (default baseURL)")
	out := fs.String("out", "", "write to this new `file` instead of standard output")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return errors.New("export needs exactly one format")
	}
	format := pos[0]
	if format != "json" && !slices.Contains(interchange.ExportFormats(), format) {
		return fmt.Errorf("unknown format %q; export writes %s, json", format, strings.Join(interchange.ExportFormats(), ", "))
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
	if format == "json" {
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
	fmt.Fprintf(stderr, "wrote %s\n", *out)
	return nil
}
