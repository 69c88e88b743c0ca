package radar

import "slices"

// View is a named radar for one audience, made from the same blips: a
// team's, a domain's, a guild's. A blip is in the view when the view
// lists it under Blips, or when it matches every kind of criterion the
// view states (a tag of Tags, an owner of Owners, a quadrant of
// Quadrants; any one value of a kind suffices).
type View struct {
	ID          string   `yaml:"id"`
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Tags        []string `yaml:"tags"`
	Owners      []string `yaml:"owners"`
	Quadrants   []string `yaml:"quadrants"`
	Blips       []string `yaml:"blips"`
}

// Includes reports whether b is in the view.
func (v View) Includes(b *Blip) bool {
	if slices.Contains(v.Blips, b.ID) {
		return true
	}
	if len(v.Tags) == 0 && len(v.Owners) == 0 && len(v.Quadrants) == 0 {
		return false
	}
	if len(v.Tags) > 0 && !slices.ContainsFunc(b.Tags, func(t string) bool { return slices.Contains(v.Tags, t) }) {
		return false
	}
	if len(v.Owners) > 0 && !slices.Contains(v.Owners, b.Owner) {
		return false
	}
	if len(v.Quadrants) > 0 && !slices.Contains(v.Quadrants, b.Quadrant) {
		return false
	}
	return true
}

// Of returns the radar of the view's blips, named "Site: View" in its
// drawing.
func (v View) Of(r *Radar) *Radar {
	out := r.Only(v.Includes)
	if v.Title != "" {
		out.Settings.Title = r.Settings.Title + ": " + v.Title
	}
	return out
}
