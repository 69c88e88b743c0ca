package usage

import (
	"path"
	"slices"
	"strings"
)

// Unread says why a file in the usage folder dir (rel, inside it) that Locate does not place
// is not read, and what to do, when it looks like usage input: CycloneDX
// XML, SPDX in tag-value, YAML or RDF, package.json, yarn and pnpm
// lockfiles, an SBOM at the wrong depth. siblings are the names of the
// other files in its folder: a file whose content a sibling already gives
// (bom.xml beside bom.json, as cyclonedx-maven-plugin writes both; go.sum
// beside go.mod or an SBOM) is no loss, and ok is false, as for a README.
func Unread(dir, rel string, siblings []string) (message, fix string, ok bool) {
	name := path.Base(rel)
	lower := strings.ToLower(name)
	has := func(pred func(string) bool) bool {
		for _, s := range siblings {
			if s != name && pred(s) {
				return true
			}
		}
		return false
	}
	jsonSBOM := func(s string) bool {
		return IsUsageName(s) && strings.HasSuffix(s, ".json") && s != "package-lock.json"
	}
	switch {
	case lower == "go.sum":
		if has(func(s string) bool { return s == "go.mod" || jsonSBOM(s) }) {
			return "", "", false
		}
		return "not read: go.sum lists checksums, not the module's requirements", "put the module's go.mod beside it", true
	case lower == "package.json":
		if has(func(s string) bool { return s == "package-lock.json" || jsonSBOM(s) }) {
			return "", "", false
		}
		return "not read: package.json gives version ranges, not what is installed", "put the package-lock.json that npm install writes beside it", true
	case lower == "yarn.lock" || lower == "pnpm-lock.yaml" || lower == "npm-shrinkwrap.json" || lower == "gradle.lockfile" || lower == "build.gradle" || lower == "build.gradle.kts":
		return "not read: usage reads package-lock.json, go.mod and pom.xml, and SBOMs",
			"have CI write a CycloneDX JSON SBOM of the project (cdxgen, syft, cyclonedx-gradle-plugin) and put it here as bom.json", true
	case lower == "pom.xml" || lower == "go.mod" || lower == "package-lock.json" || IsUsageName(name) || strings.HasSuffix(lower, ".json"):
		return "not read: a usage file belongs to a team and a project",
			"put it at " + dir + "/<team>/<project>.cdx.json or .spdx.json, or " + dir + "/<team>/<project>/go.mod, package-lock.json, pom.xml, bom.json or sbom.json", true
	case strings.HasSuffix(lower, ".xml") && (strings.Contains(lower, "bom") || strings.Contains(lower, "cdx") || strings.Contains(lower, "cyclonedx")) && !strings.Contains(lower, "spdx"):
		if has(jsonSBOM) {
			return "", "", false
		}
		return "not read: CycloneDX XML; usage reads CycloneDX JSON",
			"write JSON instead (cyclonedx-maven-plugin <outputFormat>json</outputFormat>, cyclonedx-gradle-plugin json, syft -o cyclonedx-json, cyclonedx-gomod -json)", true
	case slices.ContainsFunc([]string{".spdx", ".spdx.tv", ".spdx.yaml", ".spdx.yml", ".spdx.rdf", ".spdx.rdf.xml", ".spdx.xml"}, func(s string) bool { return strings.HasSuffix(lower, s) }):
		if has(jsonSBOM) {
			return "", "", false
		}
		return "not read: SPDX in tag-value, YAML or RDF; usage reads SPDX JSON",
			"write SPDX JSON instead (syft -o spdx-json, trivy --format spdx-json), named <project>.spdx.json", true
	}
	return "", "", false
}
