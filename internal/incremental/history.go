package incremental

import (
	"sync"

	"github.com/waymark-dev/waymark/internal/githistory"
	"github.com/waymark-dev/waymark/internal/site"
)

// onceHistory reads the dates of a folder from version control once and
// answers every later build with them: saving a file does not change the
// history, and running git on every save would slow each reload. A new
// memo (a changed configuration, a theme folder, Build(nil)) reads again.
type onceHistory struct {
	h    site.History
	mu   sync.Mutex
	dir  string
	log  *githistory.Log
	err  error
	read bool
}

// FileDates returns the dates of the files under dir, read once per dir.
func (o *onceHistory) FileDates(dir string) (*githistory.Log, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.read || o.dir != dir {
		o.log, o.err = o.h.FileDates(dir)
		o.dir, o.read = dir, true
	}
	return o.log, o.err
}
