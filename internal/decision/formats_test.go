package decision

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
)

// parseTree parses every record file under dir, each sub-folder being a
// category, as the build does.
func parseTree(t *testing.T, dir string) []*Record {
	t.Helper()
	var records []*Record
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		if _, _, ok := ParseFileName(p); !ok {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		folder := strings.TrimPrefix(path.Dir(p), ".")
		r, err := Parse(p, folder, src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		records = append(records, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// relations describes a record's relations as "verb N" (derived from the
// other side) or "verb N @line" (written in this file).
func relations(r *Record) []string {
	out := []string{}
	for _, rel := range r.Relations {
		s := fmt.Sprintf("%s %d", rel.Verb, rel.Number)
		if rel.Folder != r.Folder {
			s = fmt.Sprintf("%s %s/%d", rel.Verb, rel.Folder, rel.Number)
		}
		if rel.Line > 0 {
			s += fmt.Sprintf(" @%d", rel.Line)
		}
		out = append(out, s)
	}
	return out
}

// TestFormats parses every fixture under testdata/formats (one folder per
// format and variant) into the record it means.
func TestFormats(t *testing.T) {
	type want struct {
		format, title, status, word, date string
		number                            int
		makers, consulted, informed       []string
		tags                              []string
		relations                         []string
	}
	cases := map[string]want{
		"adr-tools/0001-record-architecture-decisions.md": {format: "nygard", number: 1, title: "Record architecture decisions",
			status: "accepted", date: "2016-02-12", relations: []string{"extended by 4"}},
		// "Superceded by", no status word left, a date written DD/MM/YYYY,
		// and a custom verb written on both sides.
		"adr-tools/0002-use-kafka-for-business-transactions.md": {format: "nygard", number: 2, title: "Use Kafka for business transactions",
			status: "superseded", date: "2015-10-19", relations: []string{"superseded by 4 @7", "clarified by 3 @9"}},
		"adr-tools/0003-partition-kafka-topics-by-customer.md": {format: "nygard", number: 3, title: "Partition Kafka topics by customer",
			status: "accepted", date: "2015-11-02", relations: []string{"clarifies 2 @9"}},
		// A custom verb written on one side only: the other side is derived.
		"adr-tools/0004-use-rabbitmq-for-business-transactions.md": {format: "nygard", number: 4, title: "Use RabbitMQ for business transactions",
			status: "accepted", date: "2016-08-01", relations: []string{"supersedes 2 @9", "extends 1 @11"}},
		// Nygard's own order: the status section after the decision.
		"adr-tools/0005-keep-the-original-nygard-order.md": {format: "nygard", number: 5, title: "Keep the original Nygard order",
			status: "deprecated", date: "2017-03-03"},
		// A byte-order mark and Windows line endings.
		"adr-tools/0006-save-records-with-windows-line-endings.md": {format: "nygard", number: 6, title: "Save records with Windows line endings",
			status: "proposed", date: "2017-04-01"},

		"madr4/0001-use-markdown-any-decision-records.md": {format: "madr", number: 1, title: "Use Markdown Any Decision Records",
			status: "accepted", date: "2024-02-03", makers: []string{"Oliver Kopp", "Olaf Zimmermann"}, consulted: []string{"Architecture guild"},
			informed: []string{"All engineering", "Product owners"}, tags: []string{"documentation", "process"}, relations: []string{"amended by 4"}},
		// Rejected stays rejected.
		"madr4/0002-use-postgresql-for-reporting.md": {format: "madr", number: 2, title: "Use PostgreSQL for reporting",
			status: "rejected", date: "2024-03-01", makers: []string{"Olaf Zimmermann"}, relations: []string{"relates to 4"}},
		// status: "superseded by ADR-0004"
		"madr4/0003-use-mysql-for-orders.md": {format: "madr", number: 3, title: "Use MySQL for orders",
			status: "superseded", date: "2024-03-10", makers: []string{"Oliver Kopp"}, relations: []string{"superseded by 4 @2"}},
		"madr4/0004-use-postgresql-for-orders.md": {format: "madr", number: 4, title: "Use PostgreSQL for orders",
			status: "accepted", date: "2024-05-20", makers: []string{"Oliver Kopp"}, relations: []string{"supersedes 3", "amends 1 @5", "relates to 2 @6"}},
		// Every value an unfilled {…} placeholder, as MADR 4 and prettier write them.
		"madr4/0005-unfilled-template.md": {format: "madr", number: 5, title: "unfilled template", status: "not stated"},

		// status: superseded by [ADR-0002](…), deciders and tags as comma-separated strings.
		"madr3/0001-use-plain-junit5-for-tests.md": {format: "madr", number: 1, title: "Use plain JUnit5 for tests",
			status: "superseded", date: "2022-11-04", makers: []string{"Ana Lima", "Ben Ortiz"}, consulted: []string{"QA chapter"},
			tags: []string{"testing", "java"}, relations: []string{"superseded by 2 @2"}},
		// Just the Docs navigation keys (parent, nav_order), as MADR's own
		// folder has them: let through.
		"madr3/0002-use-assertj-for-assertions.md": {format: "madr", number: 2, title: "Use AssertJ for assertions",
			status: "accepted", date: "2023-01-09", makers: []string{"Ana Lima"}, relations: []string{"supersedes 1"}},

		"madr2/0001-use-markdown-architectural-decision-records.md": {format: "madr2", number: 1, title: "Use Markdown Architectural Decision Records",
			status: "accepted", date: "2018-05-01", makers: []string{"Oliver Kopp", "Olaf Zimmermann"}, relations: []string{"refined by 3 @19"}},
		// "[…]" placeholders count as empty.
		"madr2/0002-use-a-wiki.md": {format: "madr2", number: 2, title: "Use a wiki", status: "superseded",
			relations: []string{"superseded by 3 @3"}},
		// Dashes instead of stars, and a Links section.
		"madr2/0003-use-dashes-in-lists.md": {format: "madr2", number: 3, title: "Use dashes in lists",
			status: "accepted", date: "2019-02-14", makers: []string{"Olaf Zimmermann"}, relations: []string{"supersedes 2", "refines 1 @13"}},
		"madr1/0001-use-markdown-architectural-decision-records.md": {format: "madr2", number: 1, title: "Use Markdown Architectural Decision Records",
			status: "accepted", date: "2017-12-18"},

		// log4brains names carry dates; records are numbered in name order.
		"log4brains/20200115-use-log4brains-to-manage-the-adrs.md": {format: "log4brains", number: 1, title: "Use Log4brains to manage the ADRs",
			status: "accepted", date: "2020-01-15", makers: []string{"Thomas Vaillant"}, tags: []string{"dev-tools", "doc"}},
		// No date line: the date comes from the file name; tags separated by spaces.
		"log4brains/20200310-use-kafka.md": {format: "log4brains", number: 2, title: "Use Kafka", status: "superseded", date: "2020-03-10",
			makers: []string{"Thomas Vaillant", "Ana Lima"}, tags: []string{"messaging", "kafka"}, relations: []string{"superseded by 4 @3"}},
		"log4brains/20200420-cache-sessions-in-redis.md": {format: "log4brains", number: 3, title: "Cache sessions in Redis", status: "proposed", word: "draft", date: "2020-04-20"},
		"log4brains/20200420-use-rabbitmq.md": {format: "log4brains", number: 4, title: "Use RabbitMQ", status: "accepted", date: "2020-04-20",
			makers: []string{"Ana Lima"}, tags: []string{"messaging"}, relations: []string{"supersedes 2"}},

		// waymark's own front matter on an adr-tools body.
		"mixed/0001-nygard-body-with-waymark-front-matter.md": {format: "nygard", number: 1, title: "Nygard body with waymark front matter",
			status: "accepted", date: "2021-06-30", tags: []string{"messaging"}, relations: []string{"supersedes 2 @14", "amends 2 @4"}},
		// Plain markdown: proposed, until a superseded-by link says otherwise.
		"mixed/0002-use-a-shared-database.md": {format: "madr", number: 2, title: "Use a shared database", status: "superseded",
			relations: []string{"superseded by 1", "amended by 1"}},
	}
	records := parseTree(t, "testdata/formats")
	_, problems := Link(records)
	for _, p := range problems {
		// the one record that states no status, reported once for its folder
		if !strings.Contains(p.Error(), "1 of the folder's records state no status (0005-unfilled-template.md)") {
			t.Errorf("unexpected problem: %v", p)
		}
	}
	seen := map[string]bool{}
	for _, r := range records {
		seen[r.Source] = true
		w, ok := cases[r.Source]
		if !ok {
			t.Errorf("%s: parsed, but not a case of this test", r.Source)
			continue
		}
		t.Run(r.Source, func(t *testing.T) {
			for _, c := range []struct {
				field     string
				got, want any
			}{
				{"format", r.Format, w.format},
				{"number", r.Number, w.number},
				{"title", r.Title, w.title},
				{"status", r.Status, w.status},
				{"status word", r.StatusWord, w.word},
				{"date", r.Date.String(), w.date},
				{"decision-makers", nonNil(r.DecisionMakers), nonNil(w.makers)},
				{"consulted", nonNil(r.Consulted), nonNil(w.consulted)},
				{"informed", nonNil(r.Informed), nonNil(w.informed)},
				{"tags", nonNil(r.Tags), nonNil(w.tags)},
				{"relations", relations(r), nonNil(w.relations)},
			} {
				if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
		})
	}
	for name := range cases {
		if !seen[name] {
			t.Errorf("%s: not parsed", name)
		}
	}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// TestNotRecords checks that templates, READMEs and index pages are not
// taken for records.
func TestNotRecords(t *testing.T) {
	for _, name := range []string{"template.md", "adr-template.md", "adr-template-minimal.md", "README.md", "readme.md", "index.md", "notes.md", "docs/adr/template.md"} {
		if _, _, ok := ParseFileName(name); ok {
			t.Errorf("ParseFileName(%q) ok, want not a record", name)
		}
	}
	for _, name := range []string{"0001-x.md", "20200115-x.md", "docs/adr/0012-use-go.md"} {
		if _, _, ok := ParseFileName(name); !ok {
			t.Errorf("ParseFileName(%q) not ok", name)
		}
	}
}

// TestBodyCleanup checks that metadata lines the page shows elsewhere are
// blanked from the body, keeping line numbers.
func TestBodyCleanup(t *testing.T) {
	records := parseTree(t, "testdata/formats")
	for _, r := range records {
		body := string(r.Body)
		for _, gone := range []string{"* Status:", "- Status:", "Date: 2016", "* Deciders:"} {
			if strings.Contains(body, gone) {
				t.Errorf("%s: body still contains %q", r.Source, gone)
			}
		}
		src, err := os.ReadFile("testdata/formats/" + r.Source)
		if err != nil {
			t.Fatal(err)
		}
		srcLines := strings.Count(strings.TrimPrefix(string(src), "\ufeff"), "\n")
		if got := r.BodyLine - 1 + strings.Count(body, "\n"); got != srcLines {
			t.Errorf("%s: body ends at line %d, the file at %d", r.Source, got, srcLines)
		}
	}
	if !slices.ContainsFunc(records, func(r *Record) bool { return strings.Contains(string(r.Body), "## Status") }) {
		t.Error("the adr-tools status sections should stay in the body")
	}
}
