package preview

import (
	"bytes"
	"html/template"
	"io/fs"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
)

// contextLines is how many lines around an error the overlay shows on each
// side.
const contextLines = 2

// errorsOf returns the errors of a failed build: its error problems, or
// the error itself when it names none.
func errorsOf(res Result) []*diag.Problem {
	var out []*diag.Problem
	for _, p := range res.Problems {
		if p.Severity == diag.Error {
			out = append(out, p)
		}
	}
	if len(out) == 0 && res.Err != nil {
		out = append(out, diag.As("", res.Err))
	}
	return out
}

type overlayError struct {
	Where   string // file:line
	Message string
	Fix     string
	Lines   []overlayLine
}

type overlayLine struct {
	Number int
	Text   string
	Here   bool
}

// overlay renders the error overlay of a failed build. Everything in it
// comes from files being edited, so html/template escapes all of it.
func (s *Server) overlay(res Result) []byte {
	var errs []overlayError
	for _, p := range errorsOf(res) {
		e := overlayError{Where: p.File, Message: p.Message, Fix: p.Fix}
		if p.Line > 0 {
			e.Where += ":" + strconv.Itoa(p.Line)
			e.Lines = s.around(p.File, p.Line)
		}
		errs = append(errs, e)
	}
	var b bytes.Buffer
	_ = overlayTemplate.Execute(&b, errs) // cannot fail: plain data
	return b.Bytes()
}

// around returns the lines of a site file around line n.
func (s *Server) around(file string, n int) []overlayLine {
	if s.Source == nil || !fs.ValidPath(file) {
		return nil
	}
	info, err := fs.Stat(s.Source, file)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 8<<20 {
		return nil
	}
	data, err := fs.ReadFile(s.Source, file)
	if err != nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	var out []overlayLine
	for i := max(1, n-contextLines); i <= min(len(lines), n+contextLines); i++ {
		out = append(out, overlayLine{Number: i, Text: strings.TrimRight(lines[i-1], "\r"), Here: i == n})
	}
	return out
}

var overlayTemplate = template.Must(template.New("overlay").Parse(`<div id="waymark-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.97);color:#f4f4f5;font:15px/1.5 system-ui,sans-serif;padding:2rem">
<div style="max-width:60rem;margin:0 auto">
<h2 style="color:#fca5a5;margin:0 0 .5rem;font-size:1.4rem">The site has {{len .}} error{{if ne (len .) 1}}s{{end}}</h2>
<p style="margin:0 0 1.5rem;color:#d4d4d8">The page below is the last good build. Fix the file and save: this page reloads by itself.</p>
{{range .}}<section class="waymark-error" style="margin:0 0 1.5rem;border-left:4px solid #f87171;padding-left:1rem">
<p style="margin:0;font-family:ui-monospace,monospace;color:#fde68a">{{.Where}}</p>
<p class="message" style="margin:.25rem 0;font-weight:600">{{.Message}}</p>
{{with .Fix}}<p style="margin:.25rem 0;color:#a7f3d0">{{.}}</p>{{end}}
{{with .Lines}}<pre style="margin:.5rem 0 0;padding:.5rem;background:#000;border-radius:4px;overflow:auto;font:13px/1.45 ui-monospace,monospace">{{range .}}<span style="display:block{{if .Here}};background:#7f1d1d{{end}}">{{printf "%4d" .Number}} | {{.Text}}</span>{{end}}</pre>{{end}}
</section>
{{end}}</div></div>`))
