package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/author"
	"github.com/waymark-dev/waymark/internal/config"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/radar"
)

func runNewBlip(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("new blip", stdout, stderr)
	site := fs.String("site", ".", "site `folder`")
	quadrant := fs.String("quadrant", "", "the blip's `quadrant` (required)")
	ring := fs.String("ring", "", "the blip's `ring` (required)")
	id := fs.String("id", "", "`id` of the blip, its file name without .md (default: made from the name)")
	license := fs.String("license", "", "SPDX licence `expression`")
	backing := fs.String("backing", "", "`kind` of backing: organisation, foundation, community, individual or vendor")
	owner := fs.String("owner", "", "`team` or person responsible for the guidance")
	horizon := fs.String("horizon", "", "roadmap `horizon` when the blip is expected to move")
	day := fs.String("date", "", "`date` of the entry, YYYY-MM-DD (default today)")
	var packages patternList
	fs.Var(&packages, "packages", "package URL `pattern` whose use means the technology is used (repeatable)")
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(names) != 1 || strings.TrimSpace(names[0]) == "" {
		return usageError(fs, errors.New(`new blip needs exactly one name, in quotes if it has spaces`))
	}
	if *quadrant == "" || *ring == "" {
		return usageError(fs, errors.New("new blip needs --quadrant and --ring"))
	}
	cfg, err := siteConfig(*site)
	if err != nil {
		return err
	}
	date, err := dateFlag(*day)
	if err != nil {
		return err
	}
	q, ok := radar.Match(cfg.Quadrants, *quadrant)
	if !ok {
		return fmt.Errorf("unknown quadrant %q; use one of %s", *quadrant, radar.IDs(cfg.Quadrants))
	}
	r, ok := radar.Match(cfg.Rings, *ring)
	if !ok {
		return fmt.Errorf("unknown ring %q; use one of %s", *ring, radar.IDs(cfg.Rings))
	}
	name := strings.TrimSpace(names[0])
	b := &radar.Blip{ID: *id, Title: name, Quadrant: q.ID, Ring: r.ID, License: *license, Backing: strings.ToLower(*backing),
		Owner: *owner, Reviewed: date, Horizon: *horizon, History: []radar.Move{{Date: date, Ring: r.ID}}, Packages: packages,
		Body: []byte(fmt.Sprintf("What %s is, in a sentence or two.\n\n**Why %s.** What made us put it here, and the decisions behind it.\n\n**How to use it.** What teams should know before they start.\n", name, r.Title))}
	if b.ID == "" {
		b.ID = radar.Slug(name)
	}
	if b.ID == "" || b.ID != radar.Slug(b.ID) {
		return fmt.Errorf("%q is not a usable id: use lower-case letters, digits and dashes (--id)", b.ID)
	}
	b.Source = path.Join(cfg.Radar, b.ID+".md")
	if _, err := radar.Parse(b.Source, radar.Format(b), cfg.RadarSettings()); err != nil {
		return err
	}
	if err := author.CheckBlipIDs(*site, cfg, []string{b.ID}); err != nil {
		return err
	}
	written, err := author.WriteBlips(*site, []*radar.Blip{b})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (%s in %s, %s)\n", written[0], b.Title, q.Title, r.Title)
	var missing []string
	for _, m := range []struct{ flag, value string }{{"--license", b.License}, {"--owner", b.Owner}, {"--backing", b.Backing}} {
		if m.value == "" {
			missing = append(missing, strings.TrimPrefix(m.flag, "--"))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(stdout, "next: add its %s, say why it is in %s, then run waymark check\n", list(missing...), r.Title)
	} else {
		fmt.Fprintf(stdout, "next: say why it is in %s, then run waymark check\n", r.Title)
	}
	return nil
}

// siteConfig reads the configuration of the site in dir.
func siteConfig(dir string) (*config.Config, error) {
	src, err := os.ReadFile(filepath.Join(dir, config.FileName))
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(dir); err != nil {
			return nil, fileErr("open the site folder", dir, err)
		}
		return config.Default(), nil
	}
	if err != nil {
		return nil, fileErr("read", filepath.Join(dir, config.FileName), err)
	}
	return config.Parse(config.FileName, src)
}

// dateFlag reads a --date value; empty means today, in the local calendar.
func dateFlag(s string) (meta.Date, error) {
	if s == "" {
		return today(), nil
	}
	d, err := meta.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("--date: %w", err)
	}
	return d, nil
}

// patternList collects --packages patterns, repeated or comma-separated.
type patternList []string

func (l *patternList) String() string { return strings.Join(*l, ",") }

func (l *patternList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			if _, err := radar.ParsePattern(p); err != nil {
				return err
			}
			*l = append(*l, p)
		}
	}
	return nil
}

// today is the date in the local calendar.
func today() meta.Date {
	y, m, d := time.Now().Date()
	return meta.Date{Year: y, Month: m, Day: d}
}

// shellQuote quotes a path for the shell when it needs it, so that a
// printed next step can be pasted as it is.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+,:@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
