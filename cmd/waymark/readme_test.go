package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the README's table of commands")

const readmePath = "../../README.md"

// commandTable is the README's table of commands, made from each
// command's --help: its synopsis (from the flags it defines) and what it
// does.
func commandTable(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("| command | what it does |\n| --- | --- |\n")
	for _, c := range commands() {
		args := append(strings.Fields(c.name), "--help")
		stdout, _, err := waymark(t, args...)
		if err != nil {
			t.Fatalf("%s --help: %v", c.name, err)
		}
		first, _, _ := strings.Cut(stdout, "\n")
		syn, ok := strings.CutPrefix(first, "Usage: waymark ")
		if !ok {
			t.Fatalf("%s --help starts %q, not with its usage", c.name, first)
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", strings.ReplaceAll(syn, "|", `\|`), c.about)
	}
	return b.String()
}

// section returns the README's text between the begin and end markers
// of name, and where it is.
func section(t *testing.T, readme, name string) (text string, from, to int) {
	t.Helper()
	begin, end := "<!-- "+name+":begin", "<!-- "+name+":end -->"
	i := strings.Index(readme, begin)
	j := strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s … %s", begin, end)
	}
	i += strings.Index(readme[i:], "-->\n") + len("-->\n")
	return readme[i:j], i, j
}

// TestREADMECommands keeps the README's table of commands equal to what
// --help says; -update rewrites it.
func TestREADMECommands(t *testing.T) {
	src, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(src)
	got, from, to := section(t, readme, "commands")
	want := commandTable(t)
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(readmePath, []byte(readme[:from]+want+readme[to:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's table of commands differs from --help; run go test ./cmd/waymark -run TestREADMECommands -update\ngot:\n%s\nwant:\n%s", got, want)
}

// TestHelpIsOneStyle: every command's help writes flags as --flag, lists
// every flag it defines, and --help succeeds.
func TestHelpIsOneStyle(t *testing.T) {
	for _, c := range commands() {
		stdout, stderr, err := waymark(t, append(strings.Fields(c.name), "--help")...)
		if err != nil || stderr != "" {
			t.Errorf("%s --help: %v, stderr %q", c.name, err, stderr)
		}
		for _, line := range strings.Split(stdout, "\n") {
			for _, w := range strings.Fields(line) {
				w = strings.Trim(w, "[](),.;:")
				if strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--") && len(w) > 1 && w[1] >= 'a' && w[1] <= 'z' {
					t.Errorf("%s --help writes %q with one dash: %q", c.name, w, line)
				}
			}
		}
	}
}

// TestREADMETour runs the README's quick tour, line by line, in a new
// folder, and checks what each command prints; the tour ends with a
// site that check --strict passes.
func TestREADMETour(t *testing.T) {
	src, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	tour, _, _ := section(t, string(src), "tour")
	// What each step of the tour must print, by its first words.
	expect := map[string][]string{
		"init mysite":  {"created a new site in mysite (", "next: cd mysite && waymark serve\n"},
		"serve":        {"previewing the site in ", " at http://127.0.0.1:"},
		"new adr":      {"created decisions/0002-use-postgresql-for-reporting.md (ADR-0002, proposed)\n", "next: "},
		"new blip":     {"created radar/kafka.md (Kafka in Platforms, Assess)\n", "next: say why it is in Assess, then run waymark check\n"},
		"check":        {"no problems\n"},
		"check --form": {`"problems": []`, `"errors": 0`},
		"build":        {"built 2 decisions, 5 blips and 1 page into public in ", "next: publish public on any static host\n"},
		"version":      {"waymark "},
	}
	t.Chdir(t.TempDir())
	var steps int
	for _, line := range strings.Split(tour, "\n") {
		line, _, _ = strings.Cut(line, "   #")
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "```") {
			continue
		}
		for cmd := range strings.SplitSeq(line, " && ") {
			steps++
			args := shellWords(t, cmd)
			if args[0] == "cd" {
				t.Chdir(args[1])
				continue
			}
			if args[0] != "waymark" {
				t.Fatalf("the tour runs %q, which is not waymark", cmd)
			}
			args = args[1:]
			key := ""
			for k := range expect {
				if strings.HasPrefix(strings.Join(args, " "), k) && len(k) > len(key) {
					key = k
				}
			}
			if key == "" {
				t.Fatalf("the tour's step %q has no expected output in this test", cmd)
			}
			var stdout, stderr string
			if args[0] == "serve" {
				stdout, stderr = serveOnce(t, args)
			} else {
				stdout, stderr, err = waymark(t, args...)
				if err != nil {
					t.Fatalf("%s: %v\n%s%s", cmd, err, stdout, stderr)
				}
			}
			for _, want := range expect[key] {
				if !strings.Contains(stdout, want) {
					t.Errorf("%s printed %q, which lacks %q", cmd, stdout, want)
				}
			}
			if strings.Contains(stderr, "warning") {
				t.Errorf("%s warned:\n%s", cmd, stderr)
			}
		}
	}
	if steps < 8 {
		t.Fatalf("the tour has only %d steps", steps)
	}
	if stdout, _, err := waymark(t, "check", "--strict"); err != nil {
		t.Errorf("check --strict after the tour: %v\n%s", err, stdout)
	}
}

// serveOnce runs serve on a free port until it has served the home page.
func serveOnce(t *testing.T, args []string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append(args, "--addr", "127.0.0.1:0"), out, errOut) }()
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == ""; time.Sleep(20 * time.Millisecond) {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no URL: %q %q", out.String(), errOut.String())
		}
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Our Architecture") {
		t.Errorf("the preview's home page lacks the site's title:\n%.300s", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	return out.String(), errOut.String()
}

// shellWords splits a command line as the shell would, for the plain
// words and double-quoted strings the tour uses.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur bytes.Buffer
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
			}
			inWord = false
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
