package radar_test

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
)

// TestRelated: a relation written on one blip shows on both; unknown ids
// are errors with the nearest id; a blip naming itself is a warning.
func TestRelated(t *testing.T) {
	cfg := radar.DefaultSettings()
	r := radar.New(cfg, []*radar.Blip{
		blip(t, cfg, "kafka", "quadrant: platforms\nring: trial\nrelated: [pulsar, rabbitmq]\n"),
		blip(t, cfg, "pulsar", "quadrant: platforms\nring: assess\n"),
		blip(t, cfg, "rabbitmq", "quadrant: platforms\nring: adopt\nrelated: kafka, nats\n"),
		blip(t, cfg, "nats", "quadrant: platforms\nring: assess\nrelated:\n  - nats\n"),
		blip(t, cfg, "go", "quadrant: languages-and-frameworks\nring: adopt\nrelated: [rabitmq, zzzzzzzz]\n"),
	})
	ids := func(bs []*radar.Blip) string {
		var out []string
		for _, b := range bs {
			out = append(out, b.ID)
		}
		return strings.Join(out, " ")
	}
	for id, want := range map[string]string{
		"kafka":    "rabbitmq pulsar", // the radar's order: adopt before assess
		"pulsar":   "kafka",           // named by kafka only
		"rabbitmq": "kafka nats",
		"nats":     "rabbitmq", // not itself
		"go":       "",         // only unknown ids
	} {
		if got := ids(r.Related(r.Blip(id))); got != want {
			t.Errorf("Related(%s) = %q, want %q", id, got, want)
		}
	}
	var got []string
	for _, p := range r.Findings() {
		if strings.Contains(p.Message, "related") || strings.Contains(p.Message, "names itself") {
			got = append(got, p.Error())
		}
	}
	want := []string{
		`radar/nats.md:4: warning: the blip names itself as related; remove nats from related:`,
		`radar/go.md:4: related blip "rabitmq" does not exist; did you mean "rabbitmq"?`,
		`radar/go.md:4: related blip "zzzzzzzz" does not exist; use the id of a blip: its file name without .md`,
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("findings lack %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d related findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	b := r.Blip("kafka")
	back, err := radar.Parse(b.Source, radar.Format(b), cfg)
	if err != nil || strings.Join(back.Related, ",") != "pulsar,rabbitmq" {
		t.Errorf("Format does not keep related: %v %v\n%s", err, back, radar.Format(b))
	}
}
