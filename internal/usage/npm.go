package usage

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
)

// npmFormat reads and writes package-lock.json, lockfile versions 2 and
// 3: every installed package under "packages" is a component, except the
// project itself, links to workspace folders and packages installed only
// for development ("dev": true), which do not ship.
type npmFormat struct{}

func (npmFormat) Name() string   { return "npm" }
func (npmFormat) Suffix() string { return "package-lock.json" }

// npmLock is the part of a lockfile waymark reads.
type npmLock struct {
	Name            string                `json:"name"`
	Version         string                `json:"version,omitempty"`
	LockfileVersion int                   `json:"lockfileVersion"`
	Packages        map[string]npmPackage `json:"packages"`
}

type npmPackage struct {
	Name    string          `json:"name,omitempty"`
	Version string          `json:"version,omitempty"`
	License json.RawMessage `json:"license,omitempty"`
	Dev     bool            `json:"dev,omitempty"`
	Link    bool            `json:"link,omitempty"`
}

// npmLicence reads a package's licence: an SPDX expression, or the
// object {"type": "MIT"} older packages wrote.
func npmLicence(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	var o struct {
		Type string `json:"type"`
	}
	err := json.Unmarshal(raw, &o)
	return o.Type, err == nil
}

// Read decodes the lockfile with encoding/json.
func (npmFormat) Read(file string, data []byte) (*BOM, []*diag.Problem, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, jsonProblem(file, data, errEmpty)
	}
	if err := checkJSON(file, data); err != nil {
		return nil, nil, err
	}
	var lock npmLock
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, nil, jsonProblem(file, data, err)
	}
	switch {
	case lock.LockfileVersion == 1:
		return nil, nil, diag.Errorf(file, lineOfKey(data, "lockfileVersion"), "run npm install with npm 7 or later to write lockfile version 2 or 3", "lockfile version 1 lists no installed packages")
	case lock.LockfileVersion < 1 || lock.LockfileVersion > 3:
		return nil, nil, diag.Errorf(file, lineOfKey(data, "lockfileVersion"), "write it with npm 7 or later", "lockfileVersion %d is not 2 or 3", lock.LockfileVersion)
	}
	lines := keyLines(data, "node_modules/")
	b := &BOM{}
	for _, key := range slices.Sorted(maps.Keys(lock.Packages)) {
		p := lock.Packages[key]
		i := strings.LastIndex(key, "node_modules/")
		if i < 0 || p.Link || p.Dev {
			continue
		}
		name := cmp.Or(p.Name, key[i+len("node_modules/"):])
		ns, n := "", name
		if strings.HasPrefix(name, "@") {
			ns, n, _ = strings.Cut(name, "/")
		}
		c := newPURL("npm", ns, n, p.Version)
		licence, ok := npmLicence(p.License)
		if !ok {
			return nil, nil, diag.Errorf(file, lines[key], "write the licence as an SPDX expression", "packages[%q].license is %s, not a licence", key, p.License)
		}
		c.License, c.Line = licence, lines[key]
		b.Components = append(b.Components, c)
	}
	return b, nil, nil
}

// keyLines finds the object keys in data that start with prefix and
// returns the line of each.
func keyLines(data []byte, prefix string) map[string]int {
	out := map[string]int{}
	needle := []byte(`"` + prefix)
	line, last := 1, 0
	for i := 0; ; {
		j := bytes.Index(data[i:], needle)
		if j < 0 {
			return out
		}
		start := i + j + 1
		end := bytes.IndexByte(data[start:], '"')
		if end < 0 {
			return out
		}
		end += start
		k := end + 1
		for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
			k++
		}
		if k < len(data) && data[k] == ':' {
			line += bytes.Count(data[last:start], []byte{'\n'})
			last = start
			out[string(data[start:end])] = line
		}
		i = end + 1
	}
}

// Write writes b's npm components as a version 3 lockfile.
func (npmFormat) Write(b *BOM) ([]byte, error) {
	lock := npmLock{Name: b.Project, Version: "1.0.0", LockfileVersion: 3, Packages: map[string]npmPackage{"": {Name: b.Project, Version: "1.0.0"}}}
	for _, c := range b.Components {
		name, ok := strings.CutPrefix(c.Package, "pkg:npm/")
		if !ok {
			continue
		}
		p := npmPackage{Version: c.Version}
		if c.License != "" {
			p.License, _ = json.Marshal(c.License)
		}
		lock.Packages["node_modules/"+name] = p
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(lock)
	return buf.Bytes(), err
}
