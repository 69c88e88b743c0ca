package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"status", "status", 0},
		{"statuss", "status", 1},
		{"staus", "status", 1},
		{"stauts", "status", 1},
		{"decison-makers", "decision-makers", 1},
		{"", "abc", 3},
		{"abc", "", 3},
		{"größe", "grösse", 2},
		{"kafka", "rabbitmq", 7},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}
