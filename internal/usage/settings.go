package usage

import "fmt"

// Settings are what a site says about usage (waymark.yaml's usage key).
type Settings struct {
	// Folder holds one folder per team (default "usage").
	Folder string `yaml:"folder"`
	// HoldInUse is the severity of a held technology still in use:
	// "warning" (the default) or "policy" (check fails, build warns).
	HoldInUse string `yaml:"holdInUse"`
	// Candidates is how many projects must use a package that no blip
	// claims before the usage page suggests a blip for it (default 2).
	Candidates int `yaml:"candidates"`
}

// DefaultSettings returns the settings of a site that configures none.
func DefaultSettings() Settings {
	return Settings{Folder: "usage", HoldInUse: "warning", Candidates: 2}
}

// Validate reports a setting that makes no sense.
func (s *Settings) Validate() error {
	if s.HoldInUse != "warning" && s.HoldInUse != "policy" {
		return fmt.Errorf("holdInUse %q: use warning or policy", s.HoldInUse)
	}
	if s.Candidates < 1 {
		return fmt.Errorf("candidates %d: use a number of projects, 1 or more", s.Candidates)
	}
	return nil
}
