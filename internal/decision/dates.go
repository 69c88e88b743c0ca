package decision

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/meta"
)

var (
	isoDateRE     = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	dayFirstRE    = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b`)
	writtenLayout = []string{"2 January 2006", "January 2, 2006", "January 2 2006", "2 Jan 2006", "Jan 2, 2006", "Jan 2 2006"}
	monthLayout   = []string{"January 2006", "January, 2006", "Jan 2006", "2006-01"}
)

// parseLooseDate reads the dates people write in record bodies:
// 2016-02-12 (with or without a time after it), 2016/02/12, 12/02/2016 and
// 12.02.2016 (day first, as adr-tools users outside the US write them; a
// date that only makes sense month first is read so), "12 February
// 2016", and a month alone ("May 2025", "2025-05"), kept with month
// precision.
func parseLooseDate(s string) (meta.Date, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_`"))
	if m := isoDateRE.FindStringSubmatch(s); m != nil {
		return date(m[1], m[2], m[3])
	}
	if m := dayFirstRE.FindStringSubmatch(s); m != nil {
		if d, ok := date(m[3], m[2], m[1]); ok {
			return d, true
		}
		return date(m[3], m[1], m[2])
	}
	s = strings.TrimRight(s, ".")
	for _, layout := range writtenLayout {
		if t, err := time.Parse(layout, s); err == nil {
			return meta.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
		}
	}
	// a month alone keeps month precision: Day 0
	for _, layout := range monthLayout {
		if t, err := time.Parse(layout, s); err == nil {
			return meta.Date{Year: t.Year(), Month: t.Month()}, true
		}
	}
	return meta.Date{}, false
}

func date(y, m, d string) (meta.Date, bool) {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day || year < 1 {
		return meta.Date{}, false
	}
	return meta.Date{Year: year, Month: time.Month(month), Day: day}, true
}
