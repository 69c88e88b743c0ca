package interchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/radar"
)

var byorColumns = []string{"name", "ring", "quadrant", "isNew", "status", "description", "relatedBlips"}

// byorRow is one record of the file and where it starts.
type byorRow struct {
	rec  []string
	raw  []byte // the record's bytes, to tell a stray quote
	line int
	row  int // 1 is the header
}

func (im *importer) byor(fsys fs.FS) {
	im.familiar = true
	data, err := fs.ReadFile(fsys, im.file)
	if err != nil {
		im.errorf(0, "", "cannot read: %v", err)
		return
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	rows, ok := im.byorRows(data)
	if !ok || len(rows) == 0 {
		return
	}
	col := map[string]int{}
	for i, h := range rows[0].rec {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, c := range []string{"name", "ring", "quadrant"} {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		im.errorf(1, "start the file with the header row "+strings.Join(byorColumns, ","), "the header row has no %s column", strings.Join(missing, ", "))
		return
	}
	date, ok := im.needDate(1)
	if !ok {
		return
	}
	width := len(rows[0].rec)
	known := byorKnown(rows[1:], col, width)
	for _, r := range rows[1:] {
		rec := r.rec
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if bytes.Contains(r.raw, []byte(`"`)) && !csvStrict(r.raw) {
			im.warnf(r.line, "quote fields that hold quotes, doubling the quotes inside", "row %d: a stray quote (\") was read as part of the text", r.row)
		}
		if len(rec) > width {
			fixed, field, n := byorRepair(rec, col, width, known)
			if n != 1 {
				cause := "a comma in a name or description is probably not quoted"
				if n > 1 {
					cause = "a comma in the name or the description is not quoted, and either could hold it"
				}
				im.errorf(r.line, "put that field in double quotes", "row %d has %d fields, the header %d: %s", r.row, len(rec), width, cause)
				continue
			}
			im.warnf(r.line, "put fields with commas in double quotes", "row %d: the %s had an unquoted comma; read as %q", r.row, field, fixed[col[strings.Fields(field)[0]]])
			rec = fixed
		}
		get := func(name string) string {
			if i, ok := col[strings.ToLower(name)]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		name := get("name")
		if name == "" {
			im.errorf(r.line, "fill in the name column", "row %d has no name", r.row)
			continue
		}
		where := fmt.Sprintf("row %d (%s)", r.row, name)
		if get("ring") == "" || get("quadrant") == "" {
			if len(rec) < width && strings.HasPrefix(strings.TrimSpace(string(r.raw)), `"`) && strings.Contains(name, ",") {
				im.errorf(r.line, "close the quote, or remove it", "row %d: a quote opens the row's first field and is never closed, so the rest of the file was read as that field", r.row)
				continue
			}
			im.errorf(r.line, "give every row a ring and a quadrant; a line break inside an unquoted field also cuts a row short", "%s has no %s", where, emptyOf(get("ring"), "ring", get("quadrant"), "quadrant"))
			continue
		}
		m, ok := byorMovement(get("isNew"), get("status"))
		if !ok {
			im.errorf(r.line, "write isNew as TRUE or FALSE and status as New, Moved In, Moved Out or No Change",
				"%s: isNew %q, status %q not understood", where, get("isNew"), get("status"))
			continue
		}
		ring := im.srcRing(get("ring"))
		b := &radar.Blip{ID: radar.Slug(name), Title: name, Quadrant: im.srcQuadrant(get("quadrant")), Ring: ring}
		b.History = []radar.Move{{Date: date, Ring: ring, Moved: m, Note: im.markdownOf(get("description"))}}
		b.Related = byorRelated(get("relatedBlips"))
		im.collect(b, where, r.line, true)
	}
}

// byorRows reads every record, with its line and bytes. Quotes inside
// unquoted fields are taken as text, as spreadsheet programs write them.
func (im *importer) byorRows(data []byte) ([]byorRow, bool) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows []byorRow
	var off int64
	for row := 1; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, err = pe.Line, pe.Err
			}
			if row == 1 {
				im.errorf(1, "start the file with the header row "+strings.Join(byorColumns, ","), "no header row: %v", err)
			} else {
				im.errorf(line, "fix the CSV quoting", "row %d: %v", row, err)
			}
			return nil, false
		}
		line, _ := r.FieldPos(0)
		end := r.InputOffset()
		rows = append(rows, byorRow{rec: rec, raw: data[off:end], line: line, row: row})
		off = end
	}
	if len(rows) == 0 {
		im.errorf(1, "start the file with the header row "+strings.Join(byorColumns, ","), "the file is empty")
		return nil, false
	}
	return rows, true
}

// csvStrict reports whether raw is one well-quoted CSV record.
func csvStrict(raw []byte) bool {
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	_, err := r.Read()
	return err == nil || errors.Is(err, io.EOF)
}

// byorKnown lists the ring and quadrant names a repaired row may use:
// the familiar ones and those of the rows that need no repair.
func byorKnown(rows []byorRow, col map[string]int, width int) (known struct{ rings, quadrants []radar.Segment }) {
	for _, names := range familiarRings {
		for _, n := range names {
			srcSegment(&known.rings, n, "")
		}
	}
	for _, names := range familiarQuadrants {
		for _, n := range names {
			srcSegment(&known.quadrants, n, "")
		}
	}
	for _, r := range rows {
		if len(r.rec) == width {
			srcSegment(&known.rings, r.rec[col["ring"]], "")
			srcSegment(&known.quadrants, r.rec[col["quadrant"]], "")
		}
	}
	return known
}

// byorRepair reads a row with more fields than the header as one whose
// name or description held unquoted commas: of every way to share the
// extra fields between those two columns, the ones that leave a known
// ring, a known quadrant and a readable isNew and status. It returns the
// row read that way, the column that held the commas and how many ways
// fit; the row is good only when exactly one does.
func byorRepair(rec []string, col map[string]int, width int, known struct{ rings, quadrants []radar.Segment }) ([]string, string, int) {
	extra := len(rec) - width
	desc, hasDesc := col["description"]
	var found []string
	var field string
	n := 0
	for a := 0; a <= extra; a++ { // a extra fields to the name, the rest to the description
		if !hasDesc && a != extra {
			continue
		}
		fixed := make([]string, 0, width)
		k := 0
		for c := range width {
			take := 1
			switch {
			case c == col["name"]:
				take += a
			case hasDesc && c == desc:
				take += extra - a
			}
			fixed = append(fixed, strings.Join(rec[k:k+take], ","))
			k += take
		}
		get := func(name string) string {
			if i, ok := col[strings.ToLower(name)]; ok {
				return strings.TrimSpace(fixed[i])
			}
			return ""
		}
		_, ringOK := radar.Match(known.rings, get("ring"))
		_, quadOK := radar.Match(known.quadrants, get("quadrant"))
		_, moveOK := byorMovement(get("isNew"), get("status"))
		if ringOK && quadOK && moveOK {
			found, n = fixed, n+1
			switch {
			case a == 0:
				field = "description"
			case a == extra:
				field = "name"
			default:
				field = "name and description"
			}
		}
	}
	return found, field, n
}

// byorRelated reads the relatedBlips column: blip names separated by
// semicolons, as Thoughtworks writes them (names may hold commas).
func byorRelated(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ";") {
		if id := radar.Slug(n); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func emptyOf(a, aName, b, bName string) string {
	switch {
	case a == "" && b == "":
		return aName + " and no " + bName
	case a == "":
		return aName
	}
	return bName
}

// byorMovement reads the isNew and status columns as a history entry's
// moved value.
func byorMovement(isNew, status string) (string, bool) {
	switch strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(status)) {
	case "new":
		return "new", true
	case "movedin":
		return "in", true
	case "movedout":
		return "out", true
	case "nochange", "unchanged":
		return "none", true
	case "":
	default:
		return "", false
	}
	switch strings.ToLower(isNew) {
	case "true", "yes", "1":
		return "new", true
	case "false", "no", "0", "":
		return "none", true
	}
	return "", false
}

func (ex *exporter) byor(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(byorColumns); err != nil {
		return err
	}
	for _, b := range ex.r.Blips {
		ring, _ := ex.r.Settings.Ring(b.Ring)
		q, _ := ex.r.Settings.Quadrant(b.Quadrant)
		desc, err := ex.describe(b)
		if err != nil {
			return fmt.Errorf("%s: %w", b.Source, err)
		}
		m := ex.r.Movement(b)
		status := map[string]string{radar.NewBlip: "New", radar.MovedIn: "Moved In", radar.MovedOut: "Moved Out"}[m]
		isNew := "FALSE"
		if m == radar.NewBlip {
			isNew = "TRUE"
		}
		var related []string // as the blip names them, so that importing the export gives the same files
		for _, id := range b.Related {
			if o := ex.r.Blip(id); o != nil && o != b {
				related = append(related, o.Title)
			}
		}
		if err := cw.Write([]string{b.Title, ring.Title, q.Title, isNew, cmpOr(status, "No Change"), desc, strings.Join(related, ";")}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
