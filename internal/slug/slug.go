// Package slug makes URL and file-name segments of names: lower-case
// letters and digits of any script, every other run of characters one
// dash, no dash at either end. Tag slugs spell out "+" and a "#" after a
// letter or digit, so that the tags C++, C# and C keep pages of their own.
package slug

import (
	"strings"
	"unicode"
)

// Make returns the slug of s: "Kafka vs RabbitMQ: prototype first" is
// "kafka-vs-rabbitmq-prototype-first", "Größe" is "größe".
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Tag returns the slug of a tag: as Make, but "+" is spelled "plus" and a
// "#" after a letter or digit "sharp": "C++" is "c-plus-plus", "C#" is
// "c-sharp", "#frontend" is "frontend".
func Tag(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		switch {
		case r == '+':
			b.WriteString(" plus ")
		case r == '#' && (unicode.IsLetter(prev) || unicode.IsDigit(prev)):
			b.WriteString(" sharp ")
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return Make(b.String())
}
