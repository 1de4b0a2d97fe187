package query

import (
	"os"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// TestSeedFixtureQuotesSeed checks that the seed fixture is faithful to the
// interview: every source's text is the trimmed line it names.
func TestSeedFixtureQuotesSeed(t *testing.T) {
	b, err := os.ReadFile("../../content/blog/lynn-langit/index.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	f := readFacts(t, "lynn-langit.json")
	if f.Interview.Slug != "lynn-langit" {
		t.Fatalf("slug = %q", f.Interview.Slug)
	}
	for _, e := range f.Edges {
		for _, s := range e.Sources {
			if s.Interview != f.Interview.Slug {
				t.Errorf("%s %s %s: source names interview %q", e.From, e.Rel, e.To, s.Interview)
			}
			if s.Line < 1 || s.Line > len(lines) {
				t.Errorf("%s %s %s: line %d outside the file", e.From, e.Rel, e.To, s.Line)
				continue
			}
			if want := strings.TrimSpace(lines[s.Line-1]); s.Text != want {
				t.Errorf("%s %s %s: line %d text %q, file has %q", e.From, e.Rel, e.To, s.Line, s.Text, want)
			}
		}
	}
}

// TestFixturesAreWellFormed checks what graph.Facts promises: edge
// endpoints are among the nodes, IDs are canonical, relations are known.
func TestFixturesAreWellFormed(t *testing.T) {
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			f := readFacts(t, name)
			ids := map[string]bool{}
			for _, n := range f.Nodes {
				if n.ID != graph.NodeID(n.Kind, n.Name) && n.Kind != graph.Interview {
					t.Errorf("node %s: ID is not NodeID(%s, %q)", n.ID, n.Kind, n.Name)
				}
				ids[n.ID] = true
			}
			for _, e := range f.Edges {
				if !ids[e.From] || !ids[e.To] {
					t.Errorf("edge %s %s %s: endpoint missing from nodes", e.From, e.Rel, e.To)
				}
				if !e.Rel.Valid() {
					t.Errorf("edge %s %s %s: unknown relation", e.From, e.Rel, e.To)
				}
				if len(e.Sources) == 0 {
					t.Errorf("edge %s %s %s: no sources", e.From, e.Rel, e.To)
				}
			}
		})
	}
}
