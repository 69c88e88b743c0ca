package output

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"strings"
)

func writeManifest(p string, files []string) error {
	var b strings.Builder
	b.WriteString(manifestHeader)
	for _, f := range files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return os.WriteFile(p, []byte(b.String()), 0o644)
}

func readManifest(p string) (map[string]bool, error) {
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		// Only the header is a comment: a page may be called #tag.html.
		if line := sc.Text(); line != "" && !(first && strings.HasPrefix(line, "#")) {
			out[line] = true
		}
	}
	return out, sc.Err()
}
