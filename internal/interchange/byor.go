package interchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/waymark-dev/waymark/internal/radar"
)

var byorColumns = []string{"name", "ring", "quadrant", "isNew", "status", "description"}

func (im *importer) byor(fsys fs.FS) *Result {
	data, err := fs.ReadFile(fsys, im.file)
	if err != nil {
		im.errorf(0, "", "cannot read: %v", err)
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		im.errorf(1, "start the file with the header row "+strings.Join(byorColumns, ","), "no header row: %v", err)
		return nil
	}
	col := map[string]int{}
	for i, h := range header {
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
		return nil
	}
	get := func(rec []string, name string) string {
		if i, ok := col[strings.ToLower(name)]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for row := 2; ; row++ {
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
			im.errorf(line, "fix the CSV quoting", "row %d: %v", row, err)
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		name := get(rec, "name")
		if name == "" {
			im.errorf(line, "fill in the name column", "row %d has no name", row)
			continue
		}
		where := fmt.Sprintf("row %d (%s)", row, name)
		b := &radar.Blip{ID: radar.Slug(name), Title: name, Quadrant: im.quadrant(get(rec, "quadrant"), line), Ring: im.ring(get(rec, "ring"), line)}
		if b.Quadrant == "" || b.Ring == "" {
			continue
		}
		m, ok := byorMovement(get(rec, "isNew"), get(rec, "status"))
		if !ok {
			im.errorf(line, "write isNew as TRUE or FALSE and status as New, Moved In, Moved Out or No Change",
				"%s: isNew %q, status %q not understood", where, get(rec, "isNew"), get(rec, "status"))
			continue
		}
		if m != radar.NoMove && im.o.Date.IsZero() {
			im.errorf(line, "pass the date of the radar's edition", "%s is %s, but the file has no date", where, radar.MovementText(m))
			continue
		}
		if b.History, ok = im.history(b.Ring, m, im.o.Date, "BYOR's status"); !ok {
			im.errorf(line, "fix the status or the ring", "%s: %s, but there is no ring it could have come from", where, radar.MovementText(m))
			continue
		}
		b.Body = []byte(markdownOf(get(rec, "description")))
		im.add(b, where, line)
	}
	return &Result{Blips: im.blips}
}

// byorMovement reads the isNew and status columns.
func byorMovement(isNew, status string) (string, bool) {
	switch strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(status)) {
	case "new":
		return radar.NewBlip, true
	case "movedin":
		return radar.MovedIn, true
	case "movedout":
		return radar.MovedOut, true
	case "nochange", "unchanged":
		return radar.NoMove, true
	case "":
	default:
		return "", false
	}
	switch strings.ToLower(isNew) {
	case "true", "yes", "1":
		return radar.NewBlip, true
	case "false", "no", "0", "":
		return radar.NoMove, true
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
		if err := cw.Write([]string{b.Title, ring.Title, q.Title, isNew, cmpOr(status, "No Change"), desc}); err != nil {
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
