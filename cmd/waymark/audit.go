package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/audit"
	"github.com/waymark-dev/waymark/internal/diag"
	"github.com/waymark-dev/waymark/internal/meta"
	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/themes"
)

// Exit statuses of audit: 1 when a finding fails it, 2 when it could not
// judge (a file or the guide unreadable, a bad flag).
const (
	exitFindings = 1
	exitTrouble  = 2
)

// exitError ends the program with a status of its own.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// ExitCode is the status the program exits with.
func (e exitError) ExitCode() int { return e.code }

func runAudit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("audit", stdout, stderr)
	guide := fs.String("site", "", "the guide: its site `folder`, or its published index.json (required)")
	team := fs.String("team", "", "the `team` exceptions name (default: none apply)")
	format := fs.String("format", "text", "output `format`: "+strings.Join(audit.Formats(), ", "))
	failOn := fs.String("fail-on", "hold,denied", "finding `kinds` that fail the audit: hold, denied, review, unknown, or none")
	day := fs.String("date", "", "judge exceptions on this `date`, YYYY-MM-DD (default today)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return exitError{exitTrouble, err}
	}
	trouble := func(err error) error { return exitError{exitTrouble, err} }
	if *guide == "" || len(files) == 0 {
		return trouble(usageError(fs, errors.New("audit needs --site GUIDE and at least one file")))
	}
	kinds, err := audit.ParseFailOn(*failOn)
	if err != nil {
		return trouble(err)
	}
	if !contains(audit.Formats(), *format) {
		return trouble(fmt.Errorf("unknown format %q; use %s", *format, strings.Join(audit.Formats(), ", ")))
	}
	today, err := auditDay(*day)
	if err != nil {
		return trouble(err)
	}
	g, base, err := audit.LoadGuide(*guide, site.Options{Theme: themes.Default()}, today)
	if err != nil {
		reportErr(stderr, *guide, err)
		return exitError{exitTrouble, errReported}
	}
	r, err := audit.Run(audit.Options{Guide: g, Team: *team, Files: files, FailOn: kinds, Base: base})
	if err != nil {
		reportErr(stderr, "", err)
		return exitError{exitTrouble, errReported}
	}
	if err := r.Write(stdout, *format); err != nil {
		return trouble(err)
	}
	if r.Failed() {
		return exitError{exitFindings, errReported}
	}
	return nil
}

// reportErr prints the problems err holds, one a line.
func reportErr(w io.Writer, file string, err error) {
	ps, others := diag.Split(err)
	for _, e := range others {
		ps = append(ps, diag.As(file, e))
	}
	report(w, ps)
}

func auditDay(s string) (meta.Date, error) {
	if s == "" {
		y, m, d := time.Now().Date()
		return meta.Date{Year: y, Month: m, Day: d}, nil
	}
	d, err := meta.ParseDate(s)
	if err != nil {
		return meta.Date{}, fmt.Errorf("--date: %w", err)
	}
	return d, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
