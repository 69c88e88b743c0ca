// Package diag describes problems found in a site's sources.
//
// A Problem names the file and line it is about, says what is wrong and how
// to fix it, and prints as
//
//	decisions/0005-kafka.md:3: unknown ring "hodl"; use one of adopt, trial, assess, hold
//
// Errors stop a build (waymark cannot make a correct site); warnings are
// printed by build, shown on pages and turned into failures by
// `check --strict`. A List collects every problem of one run so that a
// single build reports them all.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error means the site cannot be built correctly.
	Error Severity = iota
	// Policy means the site builds, but breaks the site's policy (a denied
	// licence in an adopting ring): build warns, check fails.
	Policy
	// Warning means the site builds, but something deserves attention.
	Warning
)

// String returns "error", "policy" or "warning".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Policy:
		return "policy"
	}
	return "error"
}

// MarshalText writes the severity's name, for JSON reports.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is one finding about one place in a source file.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix,omitempty"`
	// Kind names the kind of problem, the same for every problem made
	// from one message pattern ("unknown-ring"); "" for problems made
	// from other errors. Code scanning groups results by it.
	Kind string `json:"kind,omitempty"`
	// Pattern is the message with its values left out ("unknown ring …;
	// use one of …"), describing the kind.
	Pattern string `json:"-"`
}

// Error formats the problem as "file:line: message; fix".
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity != Error {
		b.WriteString(p.Severity.String() + ": ")
	}
	b.WriteString(p.Message)
	if p.Fix != "" {
		b.WriteString("; ")
		b.WriteString(p.Fix)
	}
	return b.String()
}

// Policyf returns a policy-severity problem.
func Policyf(file string, line int, fix, format string, args ...any) *Problem {
	return kinded(&Problem{File: file, Line: line, Severity: Policy, Message: fmt.Sprintf(format, args...), Fix: fix}, format)
}

// Errorf returns an error-severity problem.
func Errorf(file string, line int, fix, format string, args ...any) *Problem {
	return kinded(&Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Fix: fix}, format)
}

// Warnf returns a warning-severity problem.
func Warnf(file string, line int, fix, format string, args ...any) *Problem {
	return kinded(&Problem{File: file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...), Fix: fix}, format)
}

// As returns the problem inside err, or a problem about file with err's text.
func As(file string, err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return &Problem{File: file, Message: err.Error()}
}

// List collects problems; it is safe for concurrent use.
type List struct {
	mu       sync.Mutex
	problems []*Problem
}

// Add records problems; nil ones are ignored.
func (l *List) Add(ps ...*Problem) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range ps {
		if p != nil {
			l.problems = append(l.problems, p)
		}
	}
}

// AddErr records err, which may join several problems, as problems about file.
func (l *List) AddErr(file string, err error) {
	problems, others := Split(err)
	l.Add(problems...)
	for _, e := range others {
		l.Add(As(file, e))
	}
}

// Split flattens err, which may join several errors (as errors.Join
// does), into the problems it holds and the other errors.
func Split(err error) (problems []*Problem, others []error) {
	if err == nil {
		return nil, nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			ps, os := Split(e)
			problems, others = append(problems, ps...), append(others, os...)
		}
		return problems, others
	}
	var p *Problem
	if errors.As(err, &p) {
		return []*Problem{p}, nil
	}
	return nil, []error{err}
}

// Sorted returns every problem ordered by file, line and message, so output
// does not depend on the order in which parallel workers found them.
func (l *List) Sorted() []*Problem {
	l.mu.Lock()
	out := slices.Clone(l.problems)
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b *Problem) bool { return *a == *b })
}

// Count returns the number of problems of each severity, repeats counted
// once, as Sorted lists them.
func (l *List) Count() (errs, policy, warnings int) {
	for _, p := range l.Sorted() {
		switch p.Severity {
		case Error:
			errs++
		case Policy:
			policy++
		default:
			warnings++
		}
	}
	return errs, policy, warnings
}

// Err joins the error-severity problems, or returns nil when there are none.
func (l *List) Err() error {
	var errs []error
	for _, p := range l.Sorted() {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	return errors.Join(errs...)
}

// Warnings returns the policy and warning problems in order.
func (l *List) Warnings() []*Problem {
	var out []*Problem
	for _, p := range l.Sorted() {
		if p.Severity != Error {
			out = append(out, p)
		}
	}
	return out
}
