package usage

import (
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/github/go-spdx/v2/spdxexp/spdxlicenses"
)

// joinLicences makes one SPDX expression of licences that all apply.
func joinLicences(exprs []string) string {
	var parts []string
	for _, e := range exprs {
		if e = strings.TrimSpace(e); e != "" {
			if len(exprs) > 1 && strings.ContainsAny(e, " ") {
				e = "(" + e + ")"
			}
			parts = append(parts, e)
		}
	}
	return strings.Join(parts, " AND ")
}

// validLicence reports whether expr is an SPDX licence expression whose
// every licence is on the SPDX list (or a LicenseRef).
func validLicence(expr string) bool {
	ok, _ := spdxexp.ValidateLicenses([]string{expr})
	return ok
}

// licenceIDs returns the licences an SPDX expression names, or nil when
// it cannot be read.
func licenceIDs(expr string) []string {
	ids, err := spdxexp.ExtractLicenses(expr)
	if err != nil {
		return nil
	}
	return ids
}

// namedLicence reads a licence a file gives by name rather than by SPDX
// id (CycloneDX's license.name, as trivy and the Maven and npm plugins
// write when they cannot tell the id). A name that is an SPDX id, case
// aside ("MIT", "apache-2.0"), or an SPDX expression is that; NOASSERTION,
// NONE and UNKNOWN say nothing ("" is returned); any other name
// becomes LicenseRef-<name>, which the licence policy judges unknown
// until the site lists it. Free-text names ("The Apache Software
// License, Version 2.0") are not mapped to ids: the SPDX list that
// go-spdx keeps has ids only, and a guess would let a licence pass that
// the policy denies.
func namedLicence(name string) string {
	n := strings.TrimSpace(name)
	switch strings.ToUpper(n) {
	case "", "NOASSERTION", "NONE", "UNKNOWN":
		return ""
	}
	if ok, id := spdxlicenses.IsActiveLicense(n); ok {
		return id
	}
	if ok, id := spdxlicenses.IsDeprecatedLicense(n); ok {
		return id
	}
	if strings.ContainsAny(n, " ()") && validLicence(n) {
		return n
	}
	return "LicenseRef-" + refName(n)
}

// statedLicence reads an SPDX id or expression a file states: NOASSERTION
// and NONE say nothing about the licence ("" is returned).
func statedLicence(expr string) string {
	e := strings.TrimSpace(expr)
	switch strings.ToUpper(e) {
	case "NOASSERTION", "NONE":
		return ""
	}
	return e
}

// refName makes a licence name usable as a LicenseRef: letters, digits,
// dots and dashes.
func refName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, name)
}
