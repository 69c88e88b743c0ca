package markdown

import "testing"

// BenchmarkSummary summarises a blip whose first paragraph has markup,
// which takes the parser.
func BenchmarkSummary(b *testing.B) {
	body := []byte("[Kafka](https://kafka.apache.org/) is a **distributed** event store and stream-processing platform.\n\nMore text follows here, with `code` and *emphasis*.\n")
	for b.Loop() {
		_ = Summary(body, 160)
	}
}
