package corpus

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
)

// digest hashes every file under dir with its relative path.
func digest(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func generate(t *testing.T, n int, seed int64) string {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, n, seed); err != nil {
		t.Fatalf("Generate(%d, %d): %v", n, seed, err)
	}
	return dir
}

func TestGenerateDeterministic(t *testing.T) {
	a := digest(t, generate(t, 60, 1))
	if b := digest(t, generate(t, 60, 1)); a != b {
		t.Error("same seed gave different corpora")
	}
	if c := digest(t, generate(t, 60, 2)); a == c {
		t.Error("different seeds gave the same corpus")
	}
}

func TestPostIndependentOfCorpusOrder(t *testing.T) {
	g, err := New(100, 7)
	if err != nil {
		t.Fatal(err)
	}
	later := g.Post(42)
	for i := range 42 {
		g.Post(i)
	}
	if again := g.Post(42); !bytes.Equal(later.Data, again.Data) {
		t.Error("Post(42) depends on which posts were made before it")
	}
}

// shapes recognise the post and list shapes a corpus must mix.
var shapes = map[string]*regexp.Regexp{
	"yaml":       regexp.MustCompile(`^---\ntitle: "`),
	"toml":       regexp.MustCompile(`^\+\+\+\ntitle = "`),
	"jekyll":     regexp.MustCompile(`^---\nlayout: post\n`),
	"bold list":  regexp.MustCompile(`(?m)^\*\*[A-Z][a-z]+ [A-Z][a-z]+( \([^)]+\))?\*\* - \S`),
	"link list":  regexp.MustCompile(`(?m)^- \[[A-Z][a-z]+ [A-Z][a-z]+\]\(https://[^)]+\) – \S`),
	"comma list": regexp.MustCompile(`(?m)^- [A-Z][a-z]+ [A-Z][a-z]+, [^:\n]+: \S`),
	"possessive": regexp.MustCompile(`[A-Z][a-z]+ [A-Z][a-z]+'s `),
}

func TestGenerateShapes(t *testing.T) {
	dir := generate(t, 200, 3)
	files, err := extract.Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 200 {
		t.Fatalf("Discover found %d interviews, want 200", len(files))
	}
	counts := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		for name, re := range shapes {
			if re.Match(data) {
				counts[name]++
			}
		}
	}
	for name := range shapes {
		if counts[name] == 0 {
			t.Errorf("no post of 200 has the %s shape", name)
		}
	}
}

func TestGenerateRejectsSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
	}{
		{"negative", -1},
		{"more than the names", MaxInterviews + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Generate(t.TempDir(), tc.n, 1); err == nil {
				t.Errorf("Generate(%d) succeeded", tc.n)
			}
		})
	}
}

// TestSkew checks that recommendations are skewed: the most recommended
// person is named in many posts, and most people only in a few.
func TestSkew(t *testing.T) {
	g, err := New(500, 1)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for i := range g.Len() {
		for _, name := range g.Post(i).Recommended {
			count[name]++
		}
	}
	most, once := 0, 0
	for _, c := range count {
		most = max(most, c)
		if c == 1 {
			once++
		}
	}
	if most < 50 {
		t.Errorf("most recommended person is named in %d of 500 posts, want a star in at least 50", most)
	}
	if once < len(count)/2 {
		t.Errorf("%d of %d people are named once, want a long tail of at least half", once, len(count))
	}
}

// TestExtractorRecall runs the real extractor over generated posts and
// checks that it finds the guest and the people the guest recommends.
func TestExtractorRecall(t *testing.T) {
	gaz, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(gaz)
	g, err := New(300, 5)
	if err != nil {
		t.Fatal(err)
	}
	want, found, guests := 0, 0, 0
	for i := range g.Len() {
		p := g.Post(i)
		facts, err := x.Extract(extract.File{Path: p.Path, Slug: extract.SlugFor(p.Path)}, p.Data)
		if err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		if facts.Interview.Slug != p.Slug {
			t.Errorf("%s: slug %q, generated as %q", p.Path, facts.Interview.Slug, p.Slug)
		}
		guest := graph.NodeID(graph.Person, p.Guest)
		if facts.Interview.Guest == guest {
			guests++
		}
		recommended := map[string]bool{}
		for _, e := range facts.Edges {
			if e.Rel == graph.Recommends && e.From == guest {
				recommended[e.To] = true
			}
		}
		for _, name := range p.Recommended {
			want++
			if recommended[graph.NodeID(graph.Person, name)] {
				found++
			} else if testing.Verbose() {
				t.Logf("%s: %s recommends %s, not extracted", p.Path, p.Guest, name)
			}
		}
	}
	if guests != g.Len() {
		t.Errorf("extractor found the guest of %d of %d posts", guests, g.Len())
	}
	if recall := float64(found) / float64(want); recall < 0.95 {
		t.Errorf("extractor found %d of %d recommended people (recall %.3f), want at least 0.95", found, want, recall)
	}
}
