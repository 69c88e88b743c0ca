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

// npmFormat reads and writes package-lock.json, lockfile versions 1, 2
// and 3: every installed package ("packages" of versions 2 and 3, the
// tree of "dependencies" of version 1) is a component, except the
// project itself, its workspaces and links to them, local folders
// ("file:"), and packages installed only for development ("dev": true),
// which do not ship. Optional and peer packages are installed, so they
// count; an aliased package ("pad": {"name": "left-pad"}, or version
// "npm:left-pad@1.3.0" in version 1) is the package it installs.
type npmFormat struct{}

func (npmFormat) Name() string   { return "npm" }
func (npmFormat) Suffix() string { return "package-lock.json" }

// npmLock is the part of a lockfile waymark reads.
type npmLock struct {
	Name            string                `json:"name"`
	Version         string                `json:"version,omitempty"`
	LockfileVersion int                   `json:"lockfileVersion"`
	Packages        map[string]npmPackage `json:"packages"`
	Dependencies    map[string]npmV1      `json:"dependencies,omitempty"` // version 1 only
}

// npmV1 is a package of a version 1 lockfile's tree.
type npmV1 struct {
	Version      string           `json:"version"`
	Dev          bool             `json:"dev"`
	Dependencies map[string]npmV1 `json:"dependencies"`
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
		return readNPMv1(data, lock.Dependencies), nil, nil
	case lock.LockfileVersion < 1 || lock.LockfileVersion > 3:
		return nil, nil, diag.Errorf(file, lineOfKey(data, "lockfileVersion"), "write it with npm 7 or later", "lockfileVersion %d is not 1, 2 or 3", lock.LockfileVersion)
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

// readNPMv1 reads the tree of a version 1 lockfile, depth first in the
// order of the file (npm writes every level sorted).
func readNPMv1(data []byte, deps map[string]npmV1) *BOM {
	lines := objectKeyLines(data)
	seen := map[string]int{}
	b := &BOM{unlicensed: true}
	var walk func(deps map[string]npmV1)
	walk = func(deps map[string]npmV1) {
		for _, name := range slices.Sorted(maps.Keys(deps)) {
			d := deps[name]
			line := nthLine(lines[name], seen[name])
			seen[name]++
			if !d.Dev && !strings.HasPrefix(d.Version, "file:") && !strings.HasPrefix(d.Version, "link:") {
				pkg, version := name, d.Version
				if alias, ok := strings.CutPrefix(version, "npm:"); ok {
					if i := strings.LastIndex(alias, "@"); i > 0 {
						pkg, version = alias[:i], alias[i+1:]
					}
				}
				if strings.Contains(version, ":") { // git, github:, http: — no registry version
					version = ""
				}
				ns, n := "", pkg
				if strings.HasPrefix(pkg, "@") {
					ns, n, _ = strings.Cut(pkg, "/")
				}
				c := newPURL("npm", ns, n, version)
				c.Line = line
				b.Components = append(b.Components, c)
			}
			walk(d.Dependencies)
		}
	}
	walk(deps)
	return b
}

// objectKeyLines finds every `"key": {` in data and returns the lines of
// each key, in file order.
func objectKeyLines(data []byte) map[string][]int {
	out := map[string][]int{}
	line, last := 1, 0
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte(`": {`))
		if j < 0 {
			return out
		}
		end := i + j
		start := bytes.LastIndexByte(data[:end], '"')
		if start >= 0 {
			line += bytes.Count(data[last:start], []byte{'\n'})
			last = start
			out[string(data[start+1:end])] = append(out[string(data[start+1:end])], line)
		}
		i = end + 1
	}
	return out
}

// keyLines finds the object keys in data that hold prefix
// ("node_modules/a", "packages/web/node_modules/a") and returns the line
// of each.
func keyLines(data []byte, prefix string) map[string]int {
	out := map[string]int{}
	needle := []byte(prefix)
	line, last := 1, 0
	for i := 0; ; {
		j := bytes.Index(data[i:], needle)
		if j < 0 {
			return out
		}
		start := bytes.LastIndexByte(data[i:i+j], '"')
		if start < 0 {
			i += j + len(needle)
			continue
		}
		start += i + 1
		end := bytes.IndexByte(data[i+j:], '"')
		if end < 0 {
			return out
		}
		end += i + j
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
