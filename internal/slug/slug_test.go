package slug

import "testing"

func TestMake(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Kafka vs RabbitMQ: prototype first", "kafka-vs-rabbitmq-prototype-first"},
		{"  --Größe & Maß--  ", "größe-maß"},
		{"日本語 タグ", "日本語-タグ"},
		{"C#", "c"},
		{"", ""},
		{"---", ""},
	} {
		if got := Make(c.in); got != c.want {
			t.Errorf("Make(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
