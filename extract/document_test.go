package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		format    string
		title     string
		titleLine int
		bodyLine  int // file line of the first body paragraph
	}{
		{"yaml", "---\ntitle: \"A\"\ndate: 2020-01-02\n---\n\nHello.\n", "yaml", "A", 2, 6},
		{"yaml dots end", "---\ntitle: A\n...\nHello.\n", "yaml", "A", 2, 4},
		{"toml", "+++\ndate = 2020-01-02\ntitle = \"B\"\n+++\nHello.\n", "toml", "B", 3, 5},
		{"json", "{\n  \"title\": \"C\",\n  \"x\": [1, 2]\n}\n\nHello.\n", "json", "C", 2, 6},
		{"json one line", "{\"title\": \"D\"}\nHello.\n", "json", "D", 1, 2},
		{"none", "Hello.\n", "", "", 0, 1},
		{"bom and crlf", "\ufeff---\r\nTitle: E\r\n---\r\nHello.\r\n", "yaml", "E", 2, 4},
		{"upper-case key", "---\nTITLE: F\n---\nHello.\n", "yaml", "F", 2, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Front.Format != tc.format || doc.Front.String("title") != tc.title || doc.Front.Lines["title"] != tc.titleLine {
				t.Errorf("front matter = %q %q line %d, want %q %q line %d", doc.Front.Format, doc.Front.String("title"), doc.Front.Lines["title"], tc.format, tc.title, tc.titleLine)
			}
			if len(doc.Sections) == 0 || len(doc.Sections[0].Blocks) == 0 {
				t.Fatal("no body paragraph")
			}
			if got := doc.Sections[0].Blocks[0].Lines[0].No; got != tc.bodyLine {
				t.Errorf("body paragraph on line %d, want %d", got, tc.bodyLine)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unclosed yaml", "---\ntitle: A\nHello.\n", "front matter: line 1"},
		{"bad yaml", "---\ntitle: [a\n---\n", "front matter: line"},
		{"bad toml", "+++\ntitle = \n+++\n", "front matter: line 2"},
		{"bad json", "{\n\"title\": \"A\",\n}\nHello\n", "front matter: line 3"},
		{"nul byte", "hello\nwor\x00ld\n", "line 2: NUL byte"},
		{"invalid utf-8", "ok\nok\n\xff\xfe\n", "line 3: invalid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestHostileInputs feeds inputs built to exhaust a parser; each must end
// in an error or a result, never a panic or a hang.
func TestHostileInputs(t *testing.T) {
	x := fixtureExtractor(t)
	aliasBomb := "---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
	prev := "a"
	for i, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		_ = i
		aliasBomb += name + ": &" + name + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = name
	}
	aliasBomb += "---\nHello.\n"
	tests := []struct {
		name    string
		in      []byte
		wantErr string // "" when a result is expected
	}{
		{"invalid utf-8", []byte("---\ntitle: x\n---\n\xc3\x28 bad\n"), "invalid UTF-8"},
		{"binary", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...), "NUL byte"},
		{"50 MB", bytes.Repeat([]byte("All work and no play makes Jack a dull boy.\n"), 50*1000*1000/44+1), "larger than the 8 MiB limit"},
		{"5000 nested lists", []byte(strings.Repeat("- ", 5000) + "Jane Doe\n"), ""},
		{"5000 nested quotes", []byte(strings.Repeat("> ", 5000) + "Jane Doe\n"), ""},
		{"5000 nested emphasis", []byte(strings.Repeat("*", 5000) + "Jane" + strings.Repeat("*", 5000) + "\n"), ""},
		{"5000 nested links", []byte(strings.Repeat("[", 5000) + "x" + strings.Repeat("](u)", 5000) + "\n"), ""},
		{"yaml alias bomb", []byte(aliasBomb), "front matter"},
		{"one long line of names", []byte("---\nguest: Ann Lee\n---\n## Who do you follow?\n" + strings.Repeat("Read Jane Doe's and *Bo Chan*'s posts on AWS, by Zed Quux. ", 5000)), ""},
		{"many list entries", []byte("---\nguest: Ann Lee\n---\n## Who do you follow?\n" + strings.Repeat("- **Jane Doe (Acme/Initech)** - ML / IoT + AWS\n", 5000)), ""},
		{"only front matter", []byte("---\n---\n"), ""},
		{"empty", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			facts, err := x.Extract(File{Path: "hostile.md", Slug: "hostile"}, tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v, want a result", err)
			}
			if facts.Interview.Slug != "hostile" || len(facts.Interview.Hash) != 64 {
				t.Errorf("interview info = %+v", facts.Interview)
			}
		})
	}
}

func TestSections(t *testing.T) {
	in := "---\ntitle: T\n---\nIntro by the editor.\n\n## What's your background?\n\nI build things.\n\n" +
		"**Who should readers follow?**\n\n- **Jane Doe** - IoT\n  - nested item\n\n1. Numbered\n\n| Name | Company |\n| --- | --- |\n| Ann Lee | Acme |\n"
	doc, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	type sec struct {
		Heading string
		Class   SectionClass
		Line    int
	}
	var got []sec
	for _, s := range doc.Sections {
		got = append(got, sec{s.Heading, s.Class, s.Line})
	}
	want := []sec{
		{"", Preamble, 0},
		{"What's your background?", Background, 6},
		{"Who should readers follow?", Resources, 10},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sections = %+v, want %+v", got, want)
	}
	res := doc.Sections[2].Blocks
	type blk struct {
		Kind    BlockKind
		Depth   int
		Ordered bool
		Line    int
		Text    string
	}
	var gotB []blk
	for _, b := range res {
		gotB = append(gotB, blk{b.Kind, b.Depth, b.Ordered, b.Lines[0].No, b.Lines[0].Text})
	}
	wantB := []blk{
		{ListItem, 1, false, 12, "Jane Doe - IoT"},
		{ListItem, 2, false, 13, "nested item"},
		{ListItem, 1, true, 15, "Numbered"},
		{TableRow, 0, false, 17, "Name | Company"},
		{TableRow, 0, false, 19, "Ann Lee | Acme"},
	}
	if !reflect.DeepEqual(gotB, wantB) {
		t.Fatalf("blocks = %+v\nwant %+v", gotB, wantB)
	}
	if sp := res[0].Lines[0].Spans; len(sp) != 1 || sp[0] != (Span{Start: 0, End: 8, Kind: Strong}) {
		t.Errorf("spans = %+v, want one strong span over \"Jane Doe\"", sp)
	}
	if !res[3].Header || !reflect.DeepEqual(res[4].Cells, []string{"Ann Lee", "Acme"}) {
		t.Errorf("table = %+v / %+v", res[3], res[4])
	}
}

func TestClassifyHeading(t *testing.T) {
	tests := []struct {
		heading string
		want    SectionClass
	}{
		{"", Preamble},
		{"What are your favorite resources for learning more? (People, blogs, etc)", Resources},
		{"Who should our readers follow?", Resources},
		{"Whose work do you follow?", Resources},
		{"Who has shaped how you think about data?", Resources},
		{"Who would you like to hear from next?", Resources},
		{"What's your background, and what are you working on?", Background},
		{"What tools do you use every day?", Stack},
		{"What's your advice for developers just starting out?", Advice},
		{"What excites you most right now?", Other},
		{"Q. What are you reading?", Resources},
		{"How do you keep up with the field?", Resources},
		{"Any advice for people reading this?", Advice},
		{"Links", Resources},
		{"What mistake taught you the most?", Other},
		{"Further reading", Resources},
	}
	for _, tc := range tests {
		t.Run(tc.heading, func(t *testing.T) {
			if got := ClassifyHeading(tc.heading); got != tc.want {
				t.Errorf("ClassifyHeading(%q) = %s, want %s", tc.heading, got, tc.want)
			}
		})
	}
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{
		"blog/jane-doe/index.md", "blog/john.markdown", "site/page.mdx",
		"_posts/2021-03-04-hello.md", "README.md", "CHANGELOG.md", "notes.txt",
		"node_modules/pkg/readme2.md", "public/blog/index.md", "_site/x.md", ".git/y.md",
		"blog/.draft.md",
	} {
		path := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Discover(root, filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		rel, _ := filepath.Rel(root, f.Path)
		got = append(got, filepath.ToSlash(rel)+"="+f.Slug)
	}
	want := []string{
		"README.md=README", // named as a root, so kept
		"_posts/2021-03-04-hello.md=2021-03-04-hello",
		"blog/jane-doe/index.md=jane-doe",
		"blog/john.markdown=john",
		"site/page.mdx=page",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Discover = %q\nwant %q", got, want)
	}
	if _, err := Discover(filepath.Join(root, "missing")); err == nil {
		t.Error("Discover of a missing root succeeded")
	}
}

// TestDiscoverRoots covers what the walk does with the roots it is given
// and with many folders, which it reads in parallel.
func TestDiscoverRoots(t *testing.T) {
	root := t.TempDir()
	write := func(p string) {
		t.Helper()
		path := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var bundles []string
	for i := range 300 {
		p := fmt.Sprintf("site/blog/guest-%03d/index.md", i)
		write(p)
		bundles = append(bundles, p)
	}
	write("public/blog/index.md")
	write(".drafts/a.md")
	write("outside/linked.md")
	// Where links cannot be made (Windows without the privilege), the
	// rest still holds.
	if err := os.Symlink(filepath.Join(root, "outside"), filepath.Join(root, "site", "link")); err != nil {
		t.Logf("no link to a folder: %v", err)
	}
	if err := os.Symlink(filepath.Join(root, "outside", "linked.md"), filepath.Join(root, "site", "file-link.md")); err != nil {
		t.Logf("no link to a file: %v", err)
	}
	rel := func(files []File) []string {
		var got []string
		for _, f := range files {
			r, err := filepath.Rel(root, f.Path)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, filepath.ToSlash(r))
		}
		return got
	}
	tests := []struct {
		name  string
		roots []string
		want  []string
	}{
		{"page bundles, in path order, links not followed", []string{"site"}, bundles},
		{"trailing slash", []string{"site" + string(filepath.Separator)}, bundles},
		{"root named like build output", []string{"public"}, []string{"public/blog/index.md"}},
		{"same, with a trailing slash", []string{"public" + string(filepath.Separator)}, []string{"public/blog/index.md"}},
		{"hidden root", []string{".drafts"}, []string{".drafts/a.md"}},
		{"a root inside another", []string{"site", "site/blog/guest-007"}, bundles},
	}
	t.Run("paths as joined from a relative root", func(t *testing.T) {
		t.Chdir(root)
		for _, r := range []string{".", "./site/../site/blog/guest-001/"} {
			files, err := Discover(r)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.FromSlash("site/blog/guest-001/index.md"); !slices.ContainsFunc(files, func(f File) bool { return f.Path == want }) {
				t.Errorf("Discover(%q) has no %s: %v…", r, want, files[:min(len(files), 3)])
			}
		}
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var roots []string
			for _, r := range tc.roots {
				roots = append(roots, filepath.Join(root, r)+strings.TrimPrefix(r, strings.TrimRight(r, string(filepath.Separator))))
			}
			files, err := Discover(roots...)
			if err != nil {
				t.Fatal(err)
			}
			if got := rel(files); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Discover(%q) = %d files %q…, want %d", tc.roots, len(got), got[:min(len(got), 3)], len(tc.want))
			}
		})
	}
}

func TestSlugFor(t *testing.T) {
	tests := []struct{ path, want string }{
		{"content/blog/lynn-langit/index.md", "lynn-langit"},
		{`content\posts\ana\index.md`, "ana"},
		{"content/posts/ana/_index.md", "ana"},
		{"_posts/2021-03-04-five-questions.md", "2021-03-04-five-questions"},
		{"notes.mdx", "notes"},
		{"index.md", "index"},
		{"a/b.c.markdown", "b.c"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			if got := SlugFor(filepath.FromSlash(strings.ReplaceAll(tc.path, `\`, "/"))); got != tc.want {
				t.Errorf("SlugFor(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, s := range doc.Sections {
			if s.Line < 0 || s.Line > lines {
				t.Fatalf("section line %d outside 1..%d", s.Line, lines)
			}
			for _, b := range s.Blocks {
				for _, l := range b.Lines {
					if l.No < 1 || l.No > lines {
						t.Fatalf("block line %d outside 1..%d", l.No, lines)
					}
					for _, sp := range l.Spans {
						if sp.Start < 0 || sp.End > len(l.Text) || sp.Start >= sp.End {
							t.Fatalf("span %+v outside text %q", sp, l.Text)
						}
					}
				}
			}
		}
	})
}

// fuzzSeeds returns the fixture interviews and a few small shapes.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{
		[]byte("---\ntitle: Five questions for Jane Doe\n---\n## Who should readers follow?\n- **Ann Lee (Acme/Initech)** - ML + IoT\n"),
		[]byte("+++\nguest = \"Jane Doe\"\n+++\n**Q: what?**\n\nI'm the CTO of Acme. Read anything by Ann Lee or Bo Chan.\n"),
		[]byte("{\"title\": \"x\"}\n| a | b |\n|---|---|\n| Ann Lee | Acme |\n"),
	}
	for _, p := range []string{seedPath, filepath.Join(fixturesDir, "mdx", "notes-from-the-edge.mdx")} {
		if data, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, data)
		}
	}
	return seeds
}
