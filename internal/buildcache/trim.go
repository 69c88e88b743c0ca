package buildcache

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/output"
)

// sizeFile holds the running total of the bytes of the cache's entries:
// exact after a trim, then grown by every build's writes (an entry
// written again counts twice, so the total only errs on the large side
// and the next trim counts again).
const sizeFile = "size"

// trim adds this build's writes to the total and, when it passes the
// limit, removes the least recently used entries, under the cache
// folder's lock; when another build holds it, that build trims.
func (c *Cache) trim() error {
	l, err := output.TryLock(filepath.Join(c.dir, "lock"))
	if errors.Is(err, output.ErrBusy) {
		return nil
	}
	if err != nil {
		return err
	}
	defer l.Release()
	total, err := readSize(filepath.Join(c.dir, sizeFile))
	total += c.written.Swap(0)
	if err != nil || total > c.max {
		if total, err = c.removeOldest(c.max * 3 / 4); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(c.dir, sizeFile), []byte(strconv.FormatInt(total, 10)+"\n"), 0o644)
}

func readSize(p string) (int64, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
}

// removeOldest removes entries, least recently used first, until they
// take at most keep bytes, and returns what they take then. Temporary
// files of builds killed while writing go too, once an hour old.
func (c *Cache) removeOldest(keep int64) (int64, error) {
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	for _, kind := range []string{"md", "page", "min", "gen", "search"} {
		err := filepath.WalkDir(filepath.Join(c.dir, kind), func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return nil // removed meanwhile
			}
			if strings.HasPrefix(d.Name(), ".tmp-") {
				if time.Since(info.ModTime()) > time.Hour {
					_ = os.Remove(p)
				}
				return nil
			}
			files = append(files, file{p, info.Size(), info.ModTime()})
			total += info.Size()
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	slices.SortFunc(files, func(a, b file) int { return cmp.Or(a.used.Compare(b.used), strings.Compare(a.path, b.path)) })
	for _, f := range files {
		if total <= keep {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return total, nil
}
