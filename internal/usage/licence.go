package usage

import (
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
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
