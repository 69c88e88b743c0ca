package slug

import "testing"

func TestMake(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Kafka vs RabbitMQ: prototype first", "kafka-vs-rabbitmq-prototype-first"},
		{"  --Größe & Maß--  ", "größe-maß"},
		{"日本語 タグ", "日本語-タグ"},
		{"C#", "c"}, // names and titles; tags: Tag
		{"", ""},
		{"---", ""},
	} {
		if got := Make(c.in); got != c.want {
			t.Errorf("Make(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTag(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"C++", "c-plus-plus"},
		{"C#", "c-sharp"},
		{"c", "c"},
		{"F#", "f-sharp"},
		{"#frontend", "frontend"},
		{"Notepad++", "notepad-plus-plus"},
		{"Kafka Streams", "kafka-streams"},
		{"!!!", ""},
		{"C# / .NET", "c-sharp-net"},
	} {
		if got := Tag(c.in); got != c.want {
			t.Errorf("Tag(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
