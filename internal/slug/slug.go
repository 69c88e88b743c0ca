// Package slug makes URL and file-name segments of names: lower-case
// letters and digits of any script, every other run of characters one
// dash, no dash at either end.
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
