package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestError(t *testing.T) {
	for _, c := range []struct {
		p    *Problem
		want string
	}{
		{Errorf("radar/a.md", 3, "use one of adopt, hold", "unknown ring %q", "hodl"), `radar/a.md:3: unknown ring "hodl"; use one of adopt, hold`},
		{Warnf("decisions/0001-x.md", 0, "", "no date"), `decisions/0001-x.md: warning: no date`},
		{Policyf("radar/b.md", 5, "move it", "licence denied"), `radar/b.md:5: policy: licence denied; move it`},
	} {
		if got := c.p.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

func TestListSortsSplitsAndCounts(t *testing.T) {
	var l List
	l.Add(Warnf("b.md", 2, "", "w"), nil, Errorf("a.md", 9, "", "e2"), Errorf("a.md", 1, "", "e1"))
	joined := errors.Join(Policyf("c.md", 1, "", "p"), fmt.Errorf("plain failure"))
	l.AddErr("d.md", joined)
	l.Add(Errorf("a.md", 1, "", "e1")) // a repeat is reported once
	var got []string
	for _, p := range l.Sorted() {
		got = append(got, p.Error())
	}
	want := []string{"a.md:1: e1", "a.md:9: e2", "b.md:2: warning: w", "c.md:1: policy: p", "d.md: plain failure"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Sorted() = %q, want %q", got, want)
	}
	errs, policy, warnings := l.Count()
	if errs != 3 || policy != 1 || warnings != 1 {
		t.Errorf("Count() = %d, %d, %d; want 3, 1, 1", errs, policy, warnings)
	}
	if err := l.Err(); err == nil || len(l.Warnings()) != 2 {
		t.Errorf("Err() = %v, Warnings() = %v", err, l.Warnings())
	}
	ps, others := Split(joined)
	if len(ps) != 1 || len(others) != 1 {
		t.Errorf("Split() = %v, %v", ps, others)
	}
}
