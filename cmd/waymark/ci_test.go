package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestInitCI: init --ci writes a workflow that is valid YAML, checks pull
// requests with waymark check and builds and publishes the main branch
// with waymark build under the host's Pages address; into an existing
// site it writes only the workflow, and never overwrites one.
func TestInitCI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	stdout, _, err := waymark(t, "init", dir, "--ci", "github")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "created "+filepath.Join(dir, ".github", "workflows", "waymark.yml")+", a github workflow") {
		t.Errorf("init --ci github printed %q", stdout)
	}
	var gh struct {
		On struct {
			PullRequest *struct{} `yaml:"pull_request"`
			Push        struct {
				Branches []string
			}
		} `yaml:"on"`
		Jobs map[string]struct {
			If    string
			Needs any
			Steps []struct {
				Uses string
				Run  string
				With map[string]any
			}
		}
	}
	readYAML(t, filepath.Join(dir, ".github", "workflows", "waymark.yml"), &gh)
	if !slices.Equal(gh.On.Push.Branches, []string{"main"}) {
		t.Errorf("on.push.branches = %v", gh.On.Push.Branches)
	}
	runs := func(job string) string {
		var all []string
		for _, s := range gh.Jobs[job].Steps {
			all = append(all, s.Run, s.Uses)
		}
		return strings.Join(all, "\n")
	}
	if !strings.Contains(runs("check"), "waymark check --strict") {
		t.Errorf("the check job runs:\n%s", runs("check"))
	}
	if p := gh.Jobs["publish"]; p.If != "github.event_name == 'push'" || p.Needs != "check" {
		t.Errorf("publish runs if %q after %v", p.If, p.Needs)
	}
	for _, want := range []string{`waymark build --out public --base-url "${{ steps.pages.outputs.base_url }}/"`, "actions/upload-pages-artifact", "actions/deploy-pages"} {
		if !strings.Contains(runs("publish"), want) {
			t.Errorf("the publish job lacks %q:\n%s", want, runs("publish"))
		}
	}

	before := treeHash(t, dir)
	stdout, _, err = waymark(t, "init", dir, "--ci", "gitlab")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout, "created "+filepath.Join(dir, ".gitlab-ci.yml")+", a gitlab workflow for the site in") {
		t.Errorf("init --ci gitlab into the site printed %q", stdout)
	}
	type job struct {
		Stage     string
		Rules     []struct{ If string }
		Script    []string
		Artifacts struct{ Paths []string }
	}
	var nodes map[string]yaml.Node
	readYAML(t, filepath.Join(dir, ".gitlab-ci.yml"), &nodes)
	gl := map[string]job{}
	for _, name := range []string{"check", "pages"} {
		var j job
		n := nodes[name]
		if err := n.Decode(&j); err != nil {
			t.Fatalf("job %s: %v", name, err)
		}
		gl[name] = j
	}
	if c := gl["check"]; !slices.Equal(c.Script, []string{"waymark check --strict"}) || len(c.Rules) == 0 || !strings.Contains(c.Rules[0].If, "merge_request_event") {
		t.Errorf("check job %+v", c)
	}
	if p := gl["pages"]; !slices.Equal(p.Script, []string{`waymark build --out public --base-url "$CI_PAGES_URL/"`}) || !slices.Equal(p.Artifacts.Paths, []string{"public"}) ||
		len(p.Rules) != 1 || p.Rules[0].If != "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" {
		t.Errorf("pages job %+v", p)
	}
	if _, _, err := waymark(t, "init", dir, "--ci", "github"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second workflow: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, ".gitlab-ci.yml")); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, dir) != before {
		t.Error("init --ci into a site changed more than its workflow")
	}
	if _, _, err := waymark(t, "init", dir, "--ci", "jenkins"); err == nil || !strings.Contains(err.Error(), "--ci jenkins: use github or gitlab") {
		t.Errorf("--ci jenkins: %v", err)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s is not valid YAML: %v", path, err)
	}
}

// instruction is one instruction of a Dockerfile.
type instruction struct {
	cmd, args string
	line      int
}

// dockerfile reads the instructions of a Dockerfile: comments dropped,
// lines continued with a backslash joined.
func dockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur string
	start := 0
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur == "" && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if cur == "" {
			start = i + 1
		}
		if c, ok := strings.CutSuffix(trimmed, "\\"); ok {
			cur += c + " "
			continue
		}
		cur += trimmed
		cmd, args, _ := strings.Cut(cur, " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args), start})
		cur = ""
	}
	if cur != "" {
		t.Fatalf("%s ends inside an instruction", path)
	}
	return out
}

// TestDockerfile: the Dockerfile builds a static binary in one stage and
// runs it in another as an unprivileged user; with a Docker daemon at
// hand it is built and run.
func TestDockerfile(t *testing.T) {
	const path = "../../Dockerfile"
	known := []string{"FROM", "WORKDIR", "COPY", "RUN", "USER", "ENTRYPOINT", "CMD", "ENV", "ARG", "LABEL"}
	var stages []string
	var final []instruction
	for _, in := range dockerfile(t, path) {
		if !slices.Contains(known, in.cmd) {
			t.Errorf("Dockerfile:%d: unknown instruction %s", in.line, in.cmd)
		}
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			name := ""
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				name = f[2]
			}
			stages = append(stages, name)
			final = nil
		}
		final = append(final, in)
		if in.cmd == "COPY" && strings.HasPrefix(in.args, "--from=") {
			from, _, _ := strings.Cut(strings.TrimPrefix(in.args, "--from="), " ")
			if !slices.Contains(stages[:len(stages)-1], from) {
				t.Errorf("Dockerfile:%d: copies from %q, not an earlier stage", in.line, from)
			}
		}
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") && !strings.Contains(in.args, "CGO_ENABLED=0") {
			t.Errorf("Dockerfile:%d: the binary is not static (CGO_ENABLED=0)", in.line)
		}
	}
	if len(stages) < 2 || stages[0] == "" {
		t.Fatalf("stages %q: want a named build stage and a final one", stages)
	}
	user := ""
	for _, in := range final {
		switch in.cmd {
		case "USER":
			user = in.args
		case "ENTRYPOINT":
			var argv []string
			if err := json.Unmarshal([]byte(in.args), &argv); err != nil || len(argv) == 0 {
				t.Errorf("Dockerfile:%d: ENTRYPOINT %s is not in exec form", in.line, in.args)
			}
		}
	}
	if name, _, _ := strings.Cut(user, ":"); name == "" || name == "root" || name == "0" {
		t.Errorf("the final stage runs as %q, not an unprivileged user", user)
	}

	if testing.Short() || exec.Command("docker", "info").Run() != nil {
		t.Log("no Docker daemon: the Dockerfile is checked, not built")
		return
	}
	if out, err := exec.Command("docker", "build", "-q", "-t", "waymark-test", "../..").CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	out, err := exec.Command("docker", "run", "--rm", "waymark-test", "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "waymark ") {
		t.Errorf("docker run waymark-test version: %v\n%s", err, out)
	}
}
