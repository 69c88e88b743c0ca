package radar

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/internal/slug"
)

// Format writes b as a blip file: front matter in the order the package
// documents, empty keys left out, then the body. Parse reads it back to
// the same blip.
func Format(b *Blip) []byte {
	var w bytes.Buffer
	w.WriteString("---\n")
	field := func(key, v string) {
		if v != "" {
			fmt.Fprintf(&w, "%s: %s\n", key, scalar(v))
		}
	}
	// flow writes a list on one line: "tags: [a, b]".
	flow := func(key string, vs []string) {
		if len(vs) == 0 {
			return
		}
		quoted := make([]string, len(vs))
		for i, v := range vs {
			quoted[i] = scalar(v)
		}
		fmt.Fprintf(&w, "%s: [%s]\n", key, strings.Join(quoted, ", "))
	}
	field("title", b.Title)
	field("quadrant", b.Quadrant)
	field("ring", b.Ring)
	field("license", b.License)
	field("backing", b.Backing)
	field("owner", b.Owner)
	field("summary", b.Summary)
	if !b.Reviewed.IsZero() {
		fmt.Fprintf(&w, "reviewed: %s\n", b.Reviewed)
	}
	field("horizon", b.Horizon)
	flow("tags", b.Tags)
	if len(b.History) > 0 {
		w.WriteString("history:\n")
		for _, m := range b.History {
			fmt.Fprintf(&w, "  - %s\n", moveText(m))
		}
	}
	if len(b.Roadmap) > 0 {
		w.WriteString("roadmap:\n")
		for _, p := range b.Roadmap {
			parts := []string{"horizon: " + scalar(p.Horizon), "ring: " + scalar(p.Ring)}
			if p.Note != "" {
				parts = append(parts, "note: "+scalar(p.Note))
			}
			fmt.Fprintf(&w, "  - {%s}\n", strings.Join(parts, ", "))
		}
	}
	field("link", b.Link)
	if b.NotDrawn {
		w.WriteString("drawn: false\n")
	}
	flow("related", b.Related)
	if len(b.Packages) > 0 {
		w.WriteString("packages:\n")
		for _, p := range b.Packages {
			fmt.Fprintf(&w, "  - %s\n", scalar(p))
		}
	}
	w.WriteString("---\n")
	body := bytes.TrimLeft(b.Body, "\n")
	w.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		w.WriteByte('\n')
	}
	return w.Bytes()
}

// moveText writes a history entry as a one-line YAML map.
func moveText(m Move) string {
	parts := []string{"date: " + m.Date.String(), "ring: " + scalar(m.Ring)}
	if m.Decision != 0 {
		parts = append(parts, fmt.Sprintf("decision: %d", m.Decision))
	}
	if m.Moved != "" {
		parts = append(parts, "moved: "+scalar(m.Moved))
	}
	if m.Quadrant != "" {
		parts = append(parts, "quadrant: "+scalar(m.Quadrant))
	}
	if m.Note != "" {
		parts = append(parts, "note: "+scalar(m.Note))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// plainRE matches text that YAML reads back as the same string when
// written bare, inside or outside a flow collection.
var plainRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ._/+-]*$`)

var yamlWords = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "nan": true, "inf": true}

// scalar writes s as a YAML scalar: bare when that is unambiguous, else
// double-quoted with every character YAML does not print escaped.
func scalar(s string) string {
	if plainRE.MatchString(s) && !strings.HasSuffix(s, " ") && !yamlWords[strings.ToLower(s)] {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfeff || c == 0xfffe || c == 0xffff || c == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Slug makes a blip id from a name: lower-case letters and digits, other
// runs of characters one dash; "C#" becomes "c-sharp", "F#" "f-sharp",
// "C++" "c-plus-plus" and ".NET" "dotnet", as radars usually write them.
func Slug(name string) string {
	r := strings.NewReplacer("#", " sharp ", "++", " plus plus ", "+", " plus ", "&", " and ", "@", " at ")
	s := strings.ToLower(strings.TrimSpace(name))
	if strings.HasPrefix(s, ".") {
		s = "dot" + s[1:]
	}
	s = r.Replace(s)
	return slug.Make(s)
}

// Match finds the quadrant or ring that name means: its id, its title in
// any case, or a name whose slug is the id or the title's slug, so that
// "Languages & Frameworks", "languages-and-frameworks" and "LANGUAGES AND
// FRAMEWORKS" all find the same quadrant.
func Match(segs []Segment, name string) (Segment, bool) {
	name = strings.TrimSpace(name)
	for _, match := range []func(Segment) bool{
		func(s Segment) bool { return s.ID == name },
		func(s Segment) bool { return strings.EqualFold(s.Title, name) || strings.EqualFold(s.ID, name) },
		func(s Segment) bool { return Slug(s.Title) == Slug(name) || s.ID == Slug(name) },
	} {
		if i := slices.IndexFunc(segs, match); i >= 0 {
			return segs[i], true
		}
	}
	return Segment{}, false
}
