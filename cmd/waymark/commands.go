package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// command is one command of the command line. Its synopsis and flags are
// not written here: they come from the flags the command defines, so that
// --help, "waymark help" and the README's table (see TestREADMECommands)
// cannot disagree with what the command accepts.
type command struct {
	name  string // as typed: "build", "new adr"
	args  string // positional arguments, as the synopsis shows them
	short string // one line for "waymark help"
	about string // what the command does: --help and the README's table
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands returns every command in the order help lists them.
func commands() []command {
	return []command{
		{name: "init", args: "DIR", short: "create a new site",
			about: "creates a new site in a new or empty folder: a sample decision, a few blips, a page and a README, dated today; `--ci github` or `--ci gitlab` also writes a workflow that checks pull requests and builds and publishes the main branch to the host's Pages (into an existing site, only the workflow)",
			run: func(_ context.Context, args []string, stdout, stderr io.Writer) error {
				return runInit(args, stdout, stderr)
			}},
		{name: "serve", short: "preview the site, reloading on every save",
			about: "builds into memory and serves the site on this machine only (another address only when asked, with a warning; requests must name this machine or one of `--allow-host`); every save rebuilds what it affects and reloads the browser, a stylesheet is swapped in place, and errors show over the last good page until fixed. Nothing is written to disk",
			run:   runServe},
		{name: "new adr", args: `"TITLE"`, short: "write a new decision record",
			about: "writes a new decision record with the next free number, in the folder's own format and template; never overwrites a file. With `--supersedes N` the new record supersedes N: N is marked superseded, in its own format, once the new record is accepted (at once with `--status accepted`, else by `waymark status`)",
			run:   runNewADR},
		{name: "new blip", args: `"NAME"`, short: "write a new radar blip",
			about: "writes `radar/<id>.md` for a new blip, reviewed and added to its ring today (or `--date`); quadrant and ring may be ids or titles; `--packages` names the package URL patterns whose use means the technology is used (`--packages 'pkg:maven/org.apache.kafka/*'`); never overwrites a file",
			run:   runNewBlip},
		{name: "status", args: "RECORD accepted|rejected|deprecated|proposed|superseded", short: "change a decision's status in its own format",
			about: "changes the status of a decision record (its number, ADR-0003 or its file name) where the record states it, in its own format, changing nothing else in the file; `superseded` needs `--by M`, the record that supersedes it. Accepting a record that supersedes others marks each of them superseded by it",
			run:   runStatus},
		{name: "check", short: "report every problem of the site",
			about: "reports every problem at once as file:line: what is wrong; how to fix it (or as JSON, SARIF 2.1.0 or GitHub workflow annotations); exits non-zero on errors and licence-policy violations (`--strict`: also on warnings)",
			run:   runCheck},
		{name: "build", short: "build the site into the output folder",
			about: "builds the site; refuses an output folder that is the site, contains it, is `/` or `$HOME`, or holds files waymark did not write (unless `--force`, which keeps them); a failed build leaves the previous output untouched. What it renders is kept in a build cache (`--cache-dir`, else `$WAYMARK_CACHE_DIR`, else waymark/ in your cache folder), so that building again redoes only what changed, and a build whose sources, options and output folder are all as the last build left them publishes nothing (it says so); `--no-cache` neither reads nor writes it",
			run:   runBuild},
		{name: "import", args: "FORMAT SRC", short: "import another radar tool's export",
			about: "writes a blip file per entry of another radar tool's export (FORMAT: byor-csv, zalando-json, backstage-json or aoe), in the source's own quadrants and rings (a site without its own takes them into `waymark.yaml`; otherwise `--map-ring caution=hold` maps a name); a blip the site has gets the new edition appended to its history; checks every row first and writes nothing if any is bad",
			run:   runImport},
		{name: "export", args: "FORMAT", short: "write the radar for another tool",
			about: "writes the radar for another tool (FORMAT: byor-csv, zalando-json, backstage-json, json for the site as data, as in `/index.json`, or svg for the radar as a picture of its own with its styles, for a wiki or a portal; `--view ID` draws a view of `waymark.yaml` instead, and links are absolute when the site has a base URL) to standard output or a new file",
			run:   runExport},
		{name: "audit", args: "FILE...", short: "check a project's SBOMs against the guidance",
			about: "checks a project's SBOMs (CycloneDX or SPDX JSON: `.cdx.json`, `.spdx.json`, `bom.json` as CI tools write them) or lockfiles (`go.mod`, `package-lock.json`, `pom.xml`) against the guidance, without building: every dependency on hold, under a licence the policy denies or has not reviewed, or not on the radar, with its blip, ring and the decision to read (as text, JSON, SARIF or GitHub workflow annotations). `--site` names the guide: its site folder or its published `index.json`. Exit status: 0 passed, 1 a finding of a `--fail-on` kind stands, 2 the audit could not be made",
			run:   runAudit},
		{name: "version", short: "print the version",
			about: "prints the module version, or the commit and its date for a build from a clone",
			run:   runVersion},
	}
}

// findCommand returns the command args start with and the arguments after
// its name, or an error naming the closest command.
func findCommand(args []string) (command, []string, error) {
	all := commands()
	var names []string
	for _, c := range all {
		first, _, _ := strings.Cut(c.name, " ")
		names = append(names, first)
		if first != args[0] {
			continue
		}
		if _, kind, ok := strings.Cut(c.name, " "); ok {
			if len(args) > 1 && args[1] == kind {
				return c, args[2:], nil
			}
			continue
		}
		return c, args[1:], nil
	}
	if args[0] == "new" {
		var kinds []string
		for _, c := range all {
			if k, ok := strings.CutPrefix(c.name, "new "); ok {
				kinds = append(kinds, k)
			}
		}
		if len(args) == 1 || strings.HasPrefix(args[1], "-") {
			return command{}, nil, fmt.Errorf("new needs a kind: waymark new adr \"TITLE\" or waymark new blip \"NAME\"")
		}
		return command{}, nil, fmt.Errorf("new %s: unknown kind%s (there are new adr and new blip)", args[1], didYouMean(args[1], kinds, "new "))
	}
	return command{}, nil, fmt.Errorf("unknown command %s%s (waymark help lists the commands)", args[0], didYouMean(args[0], names, ""))
}

// helpText is what "waymark help" prints.
func helpText() string {
	var b strings.Builder
	b.WriteString("waymark turns architecture decision records and a technology radar into a static site.\n\nUsage: waymark COMMAND [ARGUMENTS] [FLAGS]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.short)
	}
	b.WriteString("\nRun \"waymark COMMAND --help\" for a command's flags.\n")
	return b.String()
}
