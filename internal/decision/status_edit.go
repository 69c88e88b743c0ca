package decision

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ChangeStatus returns src, the file of r, with its status changed to
// status in r's own format, changing nothing else. It refuses statuses
// other than accepted, rejected, deprecated and proposed (a record is
// superseded by MarkSuperseded, which names its successor), and a record
// that states it is superseded, whose status follows from its successor.
func ChangeStatus(r *Record, src []byte, status string) ([]byte, error) {
	if !slices.Contains([]string{Accepted, Rejected, Deprecated, Proposed}, status) {
		return nil, fmt.Errorf("%q: a record's status can be changed to accepted, rejected, deprecated or proposed; superseded needs the record that supersedes it", status)
	}
	if r.Status == Superseded {
		return nil, fmt.Errorf("%s: it is superseded; its status follows from the record that supersedes it", r.Source)
	}
	out, err := formatOf(r.Format).SetStatus(src, status)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Source, err)
	}
	again, err := Parse(r.Source, r.Folder, out)
	if err != nil {
		return nil, fmt.Errorf("%s: changing its status would break it: %w", r.Source, err)
	}
	if again.Status != status {
		return nil, fmt.Errorf("%s: could not change its status in its %s format (it would read %q)", r.Source, r.Format, again.Status)
	}
	return out, nil
}

// setFrontMatterStatus sets the status key of the front matter, keeping
// the case of the word it replaces.
func setFrontMatterStatus(src []byte, status string) []byte {
	f := newFile(src)
	f.setFrontMatter("status", yamlScalar(likeCase(f.frontMatterValue("status"), status)))
	return f.bytes()
}

// setListStatus sets the status item of a metadata list, or the front
// matter status when the front matter has one (front matter wins).
func setListStatus(src []byte, status string, bullet byte) []byte {
	f := newFile(src)
	if f.frontMatterHas("status") {
		return setFrontMatterStatus(src, status)
	}
	f.setListItem("status", "Status", likeCase(f.listValue("status"), status), bullet)
	return f.bytes()
}

// setNygardStatus replaces the status word of the "## Status" section,
// or adds one before its relation lines, or sets the front matter status.
func setNygardStatus(src []byte, status string) ([]byte, error) {
	f := newFile(src)
	if f.frontMatterHas("status") {
		return setFrontMatterStatus(src, status), nil
	}
	head, from, to, ok := f.statusSection()
	if !ok {
		return nil, errors.New("no status section")
	}
	if w := f.statusWordLine(from, to); w >= 0 {
		t := f.text(w)
		word := strings.TrimSpace(t)
		if field, value, ok := headerField(word); ok && field == "status" {
			// "Status: Accepted" on one line
			i := strings.LastIndex(t, value)
			f.set(w, t[:i]+likeCase(value, status)+t[i+len(value):])
			return f.bytes(), nil
		}
		lead := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
		f.set(w, lead+likeCase(word, status))
		return f.bytes(), nil
	}
	f.insert(head+1, "", likeCase("Accepted", status))
	return f.bytes(), nil
}

// frontMatterValue returns the one-line value of a top-level front matter
// key, or "".
func (f *file) frontMatterValue(key string) string {
	open, close, ok := f.frontMatter()
	if !ok {
		return ""
	}
	for i := open + 1; i < close; i++ {
		if rest, ok := strings.CutPrefix(f.text(i), key+":"); ok {
			return strings.Trim(strings.TrimSpace(rest), `"'`)
		}
	}
	return ""
}

// listValue returns the value of a metadata list item under the title.
func (f *file) listValue(field string) string {
	for i := f.bodyStart(); i < f.headEnd(); i++ {
		if got, value, ok := listItem(f.text(i)); ok && got == field {
			return value
		}
	}
	return ""
}

// likeCase writes status as old is written: capitalised if old starts
// with a capital letter, else in lower case.
func likeCase(old, status string) string {
	old = strings.TrimLeft(old, "*_ ")
	if r, _ := utf8.DecodeRuneInString(old); unicode.IsUpper(r) {
		return strings.ToUpper(status[:1]) + status[1:]
	}
	return status
}
