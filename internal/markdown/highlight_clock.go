package markdown

import (
	"time"

	"github.com/dlclark/regexp2/v2"
)

// chroma gives every lexer rule a 250 ms match timeout, measured on the
// wall clock of regexp2, which ticks every 100 ms. On a busy machine a
// match was cut off while its goroutine waited for a core, the token was
// classed by the next rule instead ("TEXT" as a name rather than a name
// builtin), and two builds of one file differed; a build cache then kept
// the odd result. The clock now ticks once an hour, so a match can time
// out only while running across a tick: a build is highlighted the same
// way every time, and a runaway match in a long-running preview still
// stops after about an hour. chroma's lexers are the fixed set it ships,
// not patterns taken from the site.
func init() { regexp2.SetTimeoutCheckPeriod(time.Hour) }
