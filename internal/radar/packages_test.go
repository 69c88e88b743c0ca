package radar_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/radar"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"pkg:npm/kafkajs", "pkg:npm/kafkajs", ""},
		{"pkg:NPM/%40angular/core", "pkg:npm/@angular/core", ""},
		{"pkg:npm/@angular/*", "pkg:npm/@angular/*", ""},
		{" pkg:maven/org.apache.kafka/* ", "pkg:maven/org.apache.kafka/*", ""},
		{"pkg:golang/github.com/segmentio/kafka-go", "pkg:golang/github.com/segmentio/kafka-go", ""},
		{"npm/kafkajs", "", "start it with pkg:"},
		{"pkg:npm", "", "names no package"},
		{"pkg:npm/", "", "names no package"},
		{"pkg:npm/a//b", "", "names no package"},
		{"pkg:*/kafka", "", "cannot be a glob"},
		{"pkg:npm/kafkajs@2.2.4", "", "has a version"},
		{"pkg:maven/org.apache.kafka/kafka-clients?type=jar", "", "qualifiers"},
		{"pkg:npm/x#sub", "", "qualifiers"},
		{"pkg:npm/%zz", "", "%-escape"},
	}
	for _, tt := range tests {
		got, err := radar.ParsePattern(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ParsePattern(%q) = %q, %v; want %q, an error with %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestClaims(t *testing.T) {
	kafka := &radar.Blip{ID: "kafka", Packages: []string{"pkg:maven/org.apache.kafka/*", "pkg:npm/kafkajs", "pkg:golang/github.com/segmentio/kafka-go"}}
	angular := &radar.Blip{ID: "angular", Packages: []string{"pkg:npm/%40angular/*"}}
	aws := &radar.Blip{ID: "aws-sdk", Packages: []string{"pkg:golang/github.com/aws/aws-sdk-go-v2"}}
	spring := &radar.Blip{ID: "spring", Packages: []string{"pkg:maven/org.springframework*/spring-*"}}
	streams := &radar.Blip{ID: "kafka-streams", Packages: []string{"pkg:maven/org.apache.kafka/kafka-streams", "not a pattern"}}
	m := radar.NewMatcher([]*radar.Blip{kafka, angular, aws, spring, streams})
	tests := []struct {
		pkg  string
		want []string // blip id:pattern
	}{
		{"pkg:maven/org.apache.kafka/kafka-clients", []string{"kafka:pkg:maven/org.apache.kafka/*"}},
		{"pkg:maven/org.apache.kafka/kafka-streams", []string{"kafka:pkg:maven/org.apache.kafka/*", "kafka-streams:pkg:maven/org.apache.kafka/kafka-streams"}},
		{"pkg:maven/org.apache.kafkax/kafka-clients", nil},
		{"pkg:npm/kafkajs", []string{"kafka:pkg:npm/kafkajs"}},
		{"pkg:npm/kafkajs-lz4", nil},
		{"pkg:NPM/kafkajs", []string{"kafka:pkg:npm/kafkajs"}},
		{"pkg:npm/@angular/core", []string{"angular:pkg:npm/%40angular/*"}},
		{"pkg:npm/@angular-devkit/core", nil},
		{"pkg:golang/github.com/segmentio/kafka-go", []string{"kafka:pkg:golang/github.com/segmentio/kafka-go"}},
		{"pkg:golang/github.com/aws/aws-sdk-go-v2/service/s3", []string{"aws-sdk:pkg:golang/github.com/aws/aws-sdk-go-v2"}},
		{"pkg:golang/github.com/aws/aws-sdk-go-v2x", nil},
		{"pkg:maven/org.springframework.boot/spring-boot", []string{"spring:pkg:maven/org.springframework*/spring-*"}},
		{"pkg:maven/org.springframework/spring-core", []string{"spring:pkg:maven/org.springframework*/spring-*"}},
		{"pkg:maven/org.springframework/reactor", nil},
		{"pkg:pypi/kafkajs", nil},
		{"kafkajs", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range m.Claims(tt.pkg) {
			got = append(got, c.Blip.ID+":"+c.Pattern)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Claims(%q) = %q, want %q", tt.pkg, got, tt.want)
		}
	}
}

func TestParseBadPattern(t *testing.T) {
	src := "---\nquadrant: platforms\nring: hold\npackages:\n  - pkg:npm/kafkajs@2\n---\n"
	_, err := radar.Parse("radar/kafka.md", []byte(src), siteSettings())
	ps := problems(t, err)
	if len(ps) != 1 || ps[0].Line != 4 || !strings.Contains(ps[0].Message, "has a version") {
		t.Errorf("problems %v, want one at line 4 about the version", ps)
	}
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"pkg:npm/kafkajs", "pkg:maven/org.apache.kafka/*", "pkg:npm/%40angular/*", "pkg:golang/a/**/b*c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		norm, err := radar.ParsePattern(p)
		if err != nil {
			return
		}
		m := radar.NewMatcher([]*radar.Blip{{ID: "x", Packages: []string{p}}})
		// Every pattern claims the package it spells, with * read as nothing.
		if pkg := strings.ReplaceAll(norm, "*", ""); !strings.HasSuffix(pkg, "/") && len(m.Claims(pkg)) != 1 {
			t.Errorf("pattern %q (%q) does not claim %q", p, norm, pkg)
		}
	})
}
