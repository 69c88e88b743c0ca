package usage

import (
	"strings"

	"github.com/package-url/packageurl-go"
)

// fromPURL fills a component's Package, PURL, Name and (when the
// component has none) Version from a package URL, parsed by r (nil: afresh).
func fromPURL(r *Reader, c *Component, purl string) error {
	p := r.purl(purl)
	if p.err != nil {
		return p.err
	}
	c.PURL, c.Package = p.purl, p.pkg
	if c.Name == "" {
		c.Name = p.name
	}
	if c.Version == "" || c.Version == p.version {
		c.Version = p.version // the same string for every component of the package
	}
	return nil
}

// newPURL makes a component's package URL and fields from its parts.
func newPURL(typ, namespace, name, version string) Component {
	p := packageurl.NewPackageURL(typ, namespace, name, version, nil, "")
	return Component{Package: packageKey(typ, namespace, name), PURL: p.ToString(), Name: displayName(typ, namespace, name), Version: version}
}

// packageKey is what blips' patterns match: type, namespace and name,
// decoded, without version.
func packageKey(typ, namespace, name string) string {
	typ = strings.ToLower(typ)
	if namespace == "" {
		return "pkg:" + typ + "/" + name
	}
	return "pkg:" + typ + "/" + namespace + "/" + name
}

// displayName names a package as its own ecosystem does.
func displayName(typ, namespace, name string) string {
	switch {
	case namespace == "":
		return name
	case strings.EqualFold(typ, "maven"):
		return namespace + ":" + name
	}
	return namespace + "/" + name
}

// NewComponent makes a component from the parts of its package URL, as
// generators of SBOMs (tests, benchmarks, the default site's) need.
func NewComponent(typ, namespace, name, version string) Component {
	return newPURL(typ, namespace, name, version)
}
