package decision

import (
	"strconv"
	"strings"
)

// text edits on whole record files. Each edit changes the fewest bytes it
// can: a value is replaced where it stands, with the file's own line
// endings, and everything around it is kept byte for byte.

// file is a record file cut into lines that keep their line endings.
type file struct {
	bom   string
	lines []string
	eol   string // "\r\n" when the file uses it, else "\n"
}

func newFile(src []byte) *file {
	s := string(src)
	f := &file{eol: "\n"}
	if strings.HasPrefix(s, "\ufeff") {
		f.bom, s = "\ufeff", s[len("\ufeff"):]
	}
	if strings.Contains(s, "\r\n") {
		f.eol = "\r\n"
	}
	f.lines = strings.SplitAfter(s, "\n")
	if f.lines[len(f.lines)-1] == "" {
		f.lines = f.lines[:len(f.lines)-1]
	}
	return f
}

func (f *file) bytes() []byte {
	var b strings.Builder
	b.WriteString(f.bom)
	for _, l := range f.lines {
		b.WriteString(l)
	}
	return []byte(b.String())
}

// text returns line i without its line ending.
func (f *file) text(i int) string { return strings.TrimRight(f.lines[i], "\r\n") }

// ending returns the line ending of line i ("" on a last line without one).
func (f *file) ending(i int) string { return f.lines[i][len(f.text(i)):] }

// set replaces the text of line i, keeping its line ending.
func (f *file) set(i int, text string) { f.lines[i] = text + f.ending(i) }

// insert adds lines before line i; a last line without an ending gets one.
func (f *file) insert(i int, texts ...string) {
	if i > 0 && i == len(f.lines) && f.ending(i-1) == "" {
		f.lines[i-1] += f.eol
	}
	add := make([]string, len(texts))
	for j, t := range texts {
		add[j] = t + f.eol
	}
	f.lines = append(f.lines[:i], append(add, f.lines[i:]...)...)
}

// remove deletes lines [from, to).
func (f *file) remove(from, to int) { f.lines = append(f.lines[:from], f.lines[to:]...) }

// frontMatter returns the index of the opening and closing "---" lines,
// or ok false when the file has none.
func (f *file) frontMatter() (open, close int, ok bool) {
	for open = 0; open < len(f.lines) && strings.TrimSpace(f.text(open)) == ""; open++ {
	}
	if open == len(f.lines) || strings.TrimSpace(f.text(open)) != "---" {
		return 0, 0, false
	}
	for close = open + 1; close < len(f.lines); close++ {
		if t := strings.TrimSpace(f.text(close)); t == "---" || t == "..." {
			return open, close, true
		}
	}
	return 0, 0, false
}

// bodyStart returns the index of the first line after the front matter.
func (f *file) bodyStart() int {
	if _, close, ok := f.frontMatter(); ok {
		return close + 1
	}
	return 0
}

// setFrontMatter sets key to v, a YAML value, in the front matter, replacing the
// value where it stands (a comment after it is kept), adding the key
// before the closing "---", or adding front matter to a file that has none.
func (f *file) setFrontMatter(key, v string) {
	open, close, ok := f.frontMatter()
	if !ok {
		f.insert(0, "---", key+": "+v, "---")
		return
	}
	for i := open + 1; i < close; i++ {
		t := f.text(i)
		rest, found := strings.CutPrefix(t, key+":")
		if !found {
			continue
		}
		// A value on following, indented lines (a block list, or a flow
		// mapping as prettier wraps it) is replaced with the new one.
		end := i + 1
		for end < close {
			next := f.text(end)
			if next != "" && next[0] != ' ' && next[0] != '\t' {
				break
			}
			end++
		}
		for end > i+1 && strings.TrimSpace(f.text(end-1)) == "" {
			end--
		}
		trimmed := strings.TrimSpace(rest)
		if end > i+1 || trimmed == "" {
			f.set(i, key+": "+v)
			f.remove(i+1, end)
			return
		}
		lead := rest[:len(rest)-len(strings.TrimLeft(rest, " \t"))]
		f.set(i, key+":"+lead+v+scalarTail(trimmed))
		return
	}
	f.insert(close, key+": "+v)
}

// scalarTail returns what follows a one-line YAML scalar: a comment.
func scalarTail(s string) string {
	end := len(s)
	switch {
	case strings.HasPrefix(s, `"`):
		for i := 1; i < len(s); i++ {
			if s[i] == '\\' {
				i++
			} else if s[i] == '"' {
				end = i + 1
				break
			}
		}
	case strings.HasPrefix(s, `'`):
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				end = i + 1
				break
			}
		}
	default:
		if i := strings.Index(s, " #"); i >= 0 {
			end = i
		}
	}
	return s[end:]
}

// yamlScalar writes value as a YAML scalar, quoted only when it must be.
func yamlScalar(value string) string {
	plain := value != "" && strings.TrimSpace(value) == value &&
		!strings.ContainsAny(value[:1], "{[]}&*!|>'\"%@`#,?:-") &&
		!strings.Contains(value, ": ") && !strings.Contains(value, " #") &&
		!strings.ContainsAny(value, "\n\t\\")
	switch strings.ToLower(value) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		plain = false
	}
	if _, err := strconv.ParseFloat(value, 64); err == nil {
		plain = false
	}
	if plain {
		return value
	}
	return strconv.Quote(value)
}

// setHeading sets the text of the first "# " heading of the body, or adds
// one at its start.
func (f *file) setHeading(text string) {
	start := f.bodyStart()
	fence := false
	for i := start; i < len(f.lines); i++ {
		t := strings.TrimSpace(f.text(i))
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence && (strings.HasPrefix(t, "# ") || t == "#") {
			f.set(i, "# "+text)
			return
		}
	}
	f.insert(start, "# "+text, "")
}

// titleLine returns the index of the first "# " heading, or -1.
func (f *file) titleLine() int {
	fence := false
	for i := f.bodyStart(); i < len(f.lines); i++ {
		t := strings.TrimSpace(f.text(i))
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence && strings.HasPrefix(t, "# ") {
			return i
		}
	}
	return -1
}

// headEnd returns the index of the first "##" (or second "#") heading, the
// end of the part of a body where metadata lists live.
func (f *file) headEnd() int {
	title := f.titleLine()
	fence := false
	for i := f.bodyStart(); i < len(f.lines); i++ {
		t := strings.TrimSpace(f.text(i))
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence && i != title && strings.HasPrefix(t, "#") && (strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "## ")) {
			return i
		}
	}
	return len(f.lines)
}

// frontMatterHas reports whether the front matter has a top-level key.
func (f *file) frontMatterHas(key string) bool {
	open, close, ok := f.frontMatter()
	if !ok {
		return false
	}
	for i := open + 1; i < close; i++ {
		if strings.HasPrefix(f.text(i), key+":") {
			return true
		}
	}
	return false
}

// supersedeInFrontMatter sets a status the front matter has to
// "superseded by" link and reports whether it did: front matter wins over
// the body, so a status there is the one to change.
func (f *file) supersedeInFrontMatter(link string) bool {
	if !f.frontMatterHas("status") {
		return false
	}
	f.setFrontMatter("status", yamlScalar("superseded by "+link))
	return true
}
