package usage

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"

	"github.com/waymark-dev/waymark/internal/diag"
)

// mavenFormat reads and writes pom.xml: the project's own dependencies
// (not those of dependencyManagement or of plugins, and not test-scoped
// ones, which do not ship) are components (pkg:maven/<groupId>/<artifactId>).
// ${property} references are resolved from the pom's properties (which
// may name each other) and the project's own and parent's version and
// group. A dependency without a version takes the one the pom's own
// dependencyManagement gives it; one managed elsewhere (the parent, an
// imported BOM such as spring-boot-dependencies) keeps no version, as
// the file alone cannot say. Provided and optional dependencies count:
// the project is built on them.
type mavenFormat struct{}

func (mavenFormat) Name() string   { return "maven" }
func (mavenFormat) Suffix() string { return "pom.xml" }

type mavenDependency struct {
	GroupID    string `xml:"groupId"`
	ArtifactID string `xml:"artifactId"`
	Version    string `xml:"version"`
	Scope      string `xml:"scope,omitempty"`
}

type mavenProperties struct {
	Entries []struct {
		XMLName xml.Name
		Value   string `xml:",chardata"`
	} `xml:",any"`
}

// Read walks the document with encoding/xml, decoding each dependency
// into a small struct where it starts, so that every component has its
// line.
func (mavenFormat) Read(file string, data []byte) (*BOM, []*diag.Problem, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	props := map[string]string{}
	type located struct {
		dep  mavenDependency
		line int
	}
	var deps []located
	managed := map[string]string{} // groupId:artifactId → version, as written
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, xmlProblem(file, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= MaxDepth {
				line, _ := d.InputPos()
				return nil, nil, diag.Errorf(file, line, "flatten the file; no pom needs that depth", "XML nested more than %d levels deep", MaxDepth)
			}
			at := strings.Join(append(stack, t.Name.Local), "/")
			line, _ := d.InputPos()
			switch at {
			case "project/dependencies/dependency":
				var dep mavenDependency
				if err := d.DecodeElement(&dep, &t); err != nil {
					return nil, nil, xmlProblem(file, d, err)
				}
				deps = append(deps, located{dep, line})
				continue
			case "project/dependencyManagement/dependencies/dependency":
				var dep mavenDependency
				if err := d.DecodeElement(&dep, &t); err != nil {
					return nil, nil, xmlProblem(file, d, err)
				}
				managed[strings.TrimSpace(dep.GroupID)+":"+strings.TrimSpace(dep.ArtifactID)] = strings.TrimSpace(dep.Version)
				continue
			case "project/properties":
				var p mavenProperties
				if err := d.DecodeElement(&p, &t); err != nil {
					return nil, nil, xmlProblem(file, d, err)
				}
				for _, e := range p.Entries {
					props[e.XMLName.Local] = strings.TrimSpace(e.Value)
				}
				continue
			case "project/version", "project/groupId", "project/parent/version", "project/parent/groupId":
				var v string
				if err := d.DecodeElement(&v, &t); err != nil {
					return nil, nil, xmlProblem(file, d, err)
				}
				props[strings.ReplaceAll(at, "/", ".")] = strings.TrimSpace(v)
				continue
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if _, ok := props["project.version"]; !ok {
		props["project.version"] = props["project.parent.version"]
	}
	if _, ok := props["project.groupId"]; !ok {
		props["project.groupId"] = props["project.parent.groupId"]
	}
	b := &BOM{}
	var warnings []*diag.Problem
	for _, l := range deps {
		dep := l.dep
		if strings.EqualFold(strings.TrimSpace(dep.Scope), "test") {
			continue
		}
		group, artifact := expand(strings.TrimSpace(dep.GroupID), props), expand(strings.TrimSpace(dep.ArtifactID), props)
		if group == "" || artifact == "" {
			warnings = append(warnings, diag.Warnf(file, l.line, "give the dependency a groupId and an artifactId", "dependency without groupId or artifactId is left out"))
			continue
		}
		version := strings.TrimSpace(dep.Version)
		if version == "" {
			version = managed[strings.TrimSpace(dep.GroupID)+":"+strings.TrimSpace(dep.ArtifactID)]
		}
		version = expand(version, props)
		if strings.Contains(version, "${") {
			warnings = append(warnings, diag.Warnf(file, l.line, "define the property in the pom's properties", "version %s of %s:%s names an unknown property", version, group, artifact))
			version = ""
		}
		c := newPURL("maven", group, artifact, version)
		c.Line = l.line
		b.Components = append(b.Components, c)
	}
	return b, warnings, nil
}

var propertyRE = regexp.MustCompile(`\$\{([^}]+)\}`)

// expand replaces ${name} with the property's value, where known, and
// the properties that value names in turn, a few levels deep (a property
// that names itself stays as written).
func expand(s string, props map[string]string) string {
	for range 8 {
		if !strings.Contains(s, "${") {
			return s
		}
		next := propertyRE.ReplaceAllStringFunc(s, func(m string) string {
			if v, ok := props[m[2:len(m)-1]]; ok {
				return v
			}
			return m
		})
		if next == s || len(next) > 4096 {
			return s
		}
		s = next
	}
	return s
}

// xmlProblem turns an encoding/xml error into a problem at its line.
func xmlProblem(file string, d *xml.Decoder, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return diag.Errorf(file, syn.Line, "fix the XML", "not well-formed XML: %s", syn.Msg)
	}
	line, _ := d.InputPos()
	return diag.Errorf(file, line, "fix the XML", "%v", err)
}

// Write writes b's maven components as a pom's dependencies.
func (mavenFormat) Write(b *BOM) ([]byte, error) {
	type pom struct {
		XMLName      xml.Name          `xml:"project"`
		NS           string            `xml:"xmlns,attr"`
		ModelVersion string            `xml:"modelVersion"`
		GroupID      string            `xml:"groupId"`
		ArtifactID   string            `xml:"artifactId"`
		Version      string            `xml:"version"`
		Dependencies []mavenDependency `xml:"dependencies>dependency"`
	}
	p := pom{NS: "http://maven.apache.org/POM/4.0.0", ModelVersion: "4.0.0", GroupID: "com.example." + b.Team, ArtifactID: b.Project, Version: "1.0.0"}
	for _, c := range b.Components {
		rest, ok := strings.CutPrefix(c.Package, "pkg:maven/")
		if !ok {
			continue
		}
		g, a, _ := strings.Cut(rest, "/")
		p.Dependencies = append(p.Dependencies, mavenDependency{GroupID: g, ArtifactID: a, Version: c.Version})
	}
	out, err := xml.MarshalIndent(p, "", "  ")
	return append(append([]byte(xml.Header), out...), '\n'), err
}
