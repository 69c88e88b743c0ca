package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guardFixture lays out a site with a git folder and a home folder under
// root and points $HOME at it; Guard must never change any of it.
func guardFixture(t *testing.T) (root string) {
	t.Helper()
	root = t.TempDir()
	writeFiles(t, root, map[string]string{
		"site/waymark.yaml":      "title: x\n",
		"site/.git/HEAD":         "ref: refs/heads/main\n",
		"site/decisions/0001.md": "# One\n",
		"home/.profile":          "export X=1\n",
	})
	t.Setenv("HOME", filepath.Join(root, "home"))
	return root
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestGuardRefuses(t *testing.T) {
	tests := []struct {
		name string
		// setup returns the --out and --site arguments, as given.
		setup func(t *testing.T, root string) (out, site string)
		// forceAllowed is set when --force may override the refusal.
		forceAllowed bool
		want         []string // the reason and the fix, besides out itself
	}{
		{
			name:  "the site folder",
			setup: func(t *testing.T, root string) (string, string) { return root + "/site", root + "/site" },
			want:  []string{"it is the site folder", "choose a folder such as public/"},
		},
		{
			name: "the site folder, relative",
			setup: func(t *testing.T, root string) (string, string) {
				t.Chdir(root + "/site")
				return ".", "."
			},
			want: []string{"it is the site folder", "choose a folder such as public/"},
		},
		{
			name: "the site folder through a symlink",
			setup: func(t *testing.T, root string) (string, string) {
				symlink(t, "site", root+"/alias")
				return root + "/alias", root + "/site"
			},
			want: []string{"it is the site folder"},
		},
		{
			name:  "the parent of the site folder",
			setup: func(t *testing.T, root string) (string, string) { return root, root + "/site" },
			want:  []string{"it contains the site folder", "choose a folder inside it such as public/"},
		},
		{
			name:  "the parent through ..",
			setup: func(t *testing.T, root string) (string, string) { return root + "/site/..", root + "/site" },
			want:  []string{"it contains the site folder"},
		},
		{
			name: "the parent through .., relative",
			setup: func(t *testing.T, root string) (string, string) {
				t.Chdir(root + "/site")
				return "..", "."
			},
			want: []string{"it contains the site folder"},
		},
		{
			name: "a grandparent through ../..",
			setup: func(t *testing.T, root string) (string, string) {
				return root + "/site/decisions/../..", root + "/site/decisions"
			},
			want: []string{"it contains the site folder"},
		},
		{
			name: "the parent through a symlink inside the site",
			setup: func(t *testing.T, root string) (string, string) {
				symlink(t, "..", root+"/site/up")
				return root + "/site/up", root + "/site"
			},
			want: []string{"it contains the site folder"},
		},
		{
			name: "the parent through a symlink elsewhere",
			setup: func(t *testing.T, root string) (string, string) {
				symlink(t, root, root+"/home/root-link")
				return root + "/home/root-link", root + "/site"
			},
			want: []string{"it contains the site folder"},
		},
		{
			name: "the parent of a site folder whose name starts with two dots",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"..site/waymark.yaml": "title: x\n"})
				return root, root + "/..site"
			},
			want: []string{"it contains the site folder"},
		},
		{
			name:  "the file system root",
			setup: func(t *testing.T, root string) (string, string) { return "/", root + "/site" },
			want:  []string{"it is the file system root", "choose a folder such as public/"},
		},
		{
			name:  "the home folder",
			setup: func(t *testing.T, root string) (string, string) { return root + "/home", root + "/site" },
			want:  []string{"it is the home folder", "choose a folder such as public/"},
		},
		{
			name:  "the home folder with a trailing slash",
			setup: func(t *testing.T, root string) (string, string) { return root + "/home/", root + "/site" },
			want:  []string{"it is the home folder"},
		},
		{
			name: "the home folder through a symlink",
			setup: func(t *testing.T, root string) (string, string) {
				symlink(t, root+"/home", root+"/site/me")
				return root + "/site/me", root + "/site"
			},
			want: []string{"it is the home folder"},
		},
		{
			name: "a non-empty folder without a manifest",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"site/public/index.html": "mine"})
				return root + "/site/public", root + "/site"
			},
			forceAllowed: true,
			want:         []string{"not empty", Manifest, "choose another --out", "--force"},
		},
		{
			name: "a folder holding only a hidden file",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"site/public/.keep": ""})
				return root + "/site/public", root + "/site"
			},
			forceAllowed: true,
			want:         []string{"not empty", "--force"},
		},
		{
			name: "a file",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"site/public": "not a folder"})
				return root + "/site/public", root + "/site"
			},
			want: []string{"not a folder"},
		},
		{
			name: "a symlink to a folder waymark built",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"www/" + Manifest: manifestHeader})
				symlink(t, "../www", root+"/site/public")
				return root + "/site/public", root + "/site"
			},
			want: []string{"symbolic link", "/www", "pass --out"},
		},
		{
			name: "a dangling symlink",
			setup: func(t *testing.T, root string) (string, string) {
				symlink(t, "../nowhere", root+"/site/public")
				return root + "/site/public", root + "/site"
			},
			want: []string{"symbolic link"},
		},
	}
	for _, tt := range tests {
		for _, force := range []bool{false, true} {
			if force && tt.forceAllowed {
				continue
			}
			t.Run(tt.name+forceSuffix(force), func(t *testing.T) {
				root := guardFixture(t)
				out, site := tt.setup(t, root)
				before := treeListing(t, root)

				err := Guard(out, site, force)

				if err == nil {
					t.Fatalf("Guard(%q, %q, %v) = nil, want an error", out, site, force)
				}
				for _, want := range append([]string{out}, tt.want...) {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not mention %q", err, want)
					}
				}
				assertTree(t, root, before)
			})
		}
	}
}

func TestGuardAccepts(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root string) (out, site string)
		force bool
	}{
		{
			name:  "a missing folder",
			setup: func(t *testing.T, root string) (string, string) { return root + "/site/public", root + "/site" },
		},
		{
			name: "a missing folder with missing parents",
			setup: func(t *testing.T, root string) (string, string) {
				return root + "/site/build/www/public", root + "/site"
			},
		},
		{
			name:  "a missing folder beside the site",
			setup: func(t *testing.T, root string) (string, string) { return root + "/public", root + "/site" },
		},
		{
			name:  "a missing folder whose name extends the site's",
			setup: func(t *testing.T, root string) (string, string) { return root + "/site-public", root + "/site" },
		},
		{
			name: "a missing folder, relative",
			setup: func(t *testing.T, root string) (string, string) {
				t.Chdir(root + "/site")
				return "public", "."
			},
		},
		{
			name: "an empty folder",
			setup: func(t *testing.T, root string) (string, string) {
				if err := os.Mkdir(root+"/site/public", 0o755); err != nil {
					t.Fatal(err)
				}
				return root + "/site/public", root + "/site"
			},
		},
		{
			name: "a folder with a manifest",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{
					"site/public/" + Manifest:  manifestOf("index.html"),
					"site/public/index.html":   "built",
					"site/public/CNAME":        "example.org",
					"site/public/nested/x.txt": "user",
				})
				return root + "/site/public", root + "/site"
			},
		},
		{
			name: "a non-empty folder with force",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"site/public/index.html": "mine"})
				return root + "/site/public", root + "/site"
			},
			force: true,
		},
		{
			name: "a folder inside a symlinked parent",
			setup: func(t *testing.T, root string) (string, string) {
				writeFiles(t, root, map[string]string{"www/public/" + Manifest: manifestHeader})
				symlink(t, root+"/www", root+"/site/www")
				return root + "/site/www/public", root + "/site"
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := guardFixture(t)
			out, site := tt.setup(t, root)
			before := treeListing(t, root)

			if err := Guard(out, site, tt.force); err != nil {
				t.Fatalf("Guard(%q, %q, %v) = %v, want nil", out, site, tt.force, err)
			}
			assertTree(t, root, before)
		})
	}
}

func forceSuffix(force bool) string {
	if force {
		return ", forced"
	}
	return ""
}
