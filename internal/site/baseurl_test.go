package site

import (
	"errors"
	"strings"
	"testing"
)

// TestBaseURLOption checks that --base-url is held to the rule of the
// configured baseURL: an absolute http(s) URL, nothing else.
func TestBaseURLOption(t *testing.T) {
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"https://example.com/docs", true},
		{"http://localhost:1313/", true},
		{"javascript:alert(1)//", false},
		{"JavaScript:alert(1)//", false},
		{"data:text/html,hi", false},
		{"//example.com/", false},
		{"example.com/docs", false},
		{"https:///docs/", false},
		{"https://exa mple.com/", false},
	} {
		t.Run(tt.url, func(t *testing.T) {
			s, err := Load(Options{Site: linkSite(), BaseURL: tt.url})
			if tt.ok {
				if err != nil {
					t.Fatalf("Load with --base-url %q = %v, want no error", tt.url, err)
				}
				if !strings.HasPrefix(s.Config.BaseURL, strings.TrimSuffix(tt.url, "/")) {
					t.Errorf("baseURL = %q, want %q", s.Config.BaseURL, tt.url)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Load with --base-url %q = %v, want ErrInvalid", tt.url, err)
			}
			msg := err.Error()
			for _, want := range []string{"--base-url", tt.url, "https://host/path/"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
		})
	}
}
