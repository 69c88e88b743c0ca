package diag

import "testing"

// BenchmarkPolicyf makes a problem of one format many times over, as a
// site's usage findings do.
func BenchmarkPolicyf(b *testing.B) {
	for b.Loop() {
		_ = Policyf("usage/team/project.cdx.json", 41, "replace it, or grant a time-limited exception",
			"%s ships %s %s under %s, which the licence policy denies", "team/project", "itext7", "8.0.5", "AGPL-3.0-only")
	}
}
