package config

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/waymark-dev/waymark/internal/decision"
)

// DecisionSettings is the map form of the decisions key:
//
//	decisions:
//	  folder: docs/adr          # the folder, as "decisions: docs/adr" names it
//	  statuses:                 # the folder's own status words
//	    implemented: accepted
//	  defaultStatus: accepted   # for records that state none (default: "not stated")
//	  review: 24                # months after its date an accepted record is due for review (default: never)
//	  proposedDays: 30          # days a record may stay proposed before check asks for a decision (default 30)
type DecisionSettings struct {
	Folder        string            `yaml:"folder"`
	Statuses      map[string]string `yaml:"statuses"`
	DefaultStatus string            `yaml:"defaultStatus"`
	Review        string            `yaml:"review"`
	ProposedDays  int               `yaml:"proposedDays"`
}

// UnmarshalYAML reads "decisions: docs/adr" or the map form.
func (k *DecisionSettings) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*k = DecisionSettings{Folder: n.Value}
		return nil
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch key := n.Content[i]; key.Value {
			case "folder", "statuses", "defaultStatus", "review", "proposedDays":
			default:
				return fmt.Errorf("line %d: unknown key %q under decisions; use folder, statuses, defaultStatus, review or proposedDays", key.Line, key.Value)
			}
		}
		type plain DecisionSettings // without this method, so Decode does not come back here
		var s plain
		if err := n.Decode(&s); err != nil {
			return err
		}
		*k = DecisionSettings(s)
		return nil
	}
	return fmt.Errorf("line %d: decisions is a folder, or a map with folder, statuses, defaultStatus, review and proposedDays", n.Line)
}

// Reading returns how the site's records are read: its own status words
// (keys in lower case) and its default status.
func (s DecisionSettings) Reading() decision.Reading {
	rd := decision.Reading{DefaultStatus: s.DefaultStatus}
	if len(s.Statuses) > 0 {
		rd.Statuses = make(map[string]string, len(s.Statuses))
		for word, status := range s.Statuses {
			rd.Statuses[strings.ToLower(strings.TrimSpace(word))] = status
		}
	}
	return rd
}

// validate checks that statuses map onto the lifecycle.
func (s DecisionSettings) validate() []string {
	var bad []string
	known := decision.Statuses()
	for _, word := range sortedKeys(s.Statuses) {
		if !slices.Contains(known, s.Statuses[word]) {
			bad = append(bad, fmt.Sprintf("decisions.statuses: %q maps to %q, which is not one of %s", word, s.Statuses[word], strings.Join(known, ", ")))
		}
	}
	if s.DefaultStatus != "" && !slices.Contains(known, s.DefaultStatus) {
		bad = append(bad, fmt.Sprintf("decisions.defaultStatus %q is not one of %s", s.DefaultStatus, strings.Join(known, ", ")))
	}
	return bad
}

// Lifecycle returns how the site's decisions age, and a problem with
// decisions.review or decisions.proposedDays, if any.
func (s DecisionSettings) Lifecycle() (decision.Lifecycle, string) {
	lc := decision.Lifecycle{ProposedDays: s.ProposedDays}
	if s.ProposedDays < 0 {
		return lc, fmt.Sprintf("decisions.proposedDays %d is not a number of days", s.ProposedDays)
	}
	r, err := decision.ParseReview(s.Review)
	if err != nil || !r.Date.IsZero() {
		return lc, fmt.Sprintf("decisions.review %q is not a number of months (each record's own review: key may be a date)", s.Review)
	}
	lc.Review = r.Months
	return lc, ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
