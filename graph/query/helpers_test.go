package query

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"

	"github.com/peoplegraph/peoplegraph/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The fixtures: lynn-langit.json is what an extractor should read from the
// seed interview (content/blog/lynn-langit/index.md); priya-raman.json is
// a fictional second interview so that answers span interviews.
var fixtures = []string{"lynn-langit.json", "priya-raman.json"}

// readFacts reads one fixture of graph.Facts from testdata.
func readFacts(t testing.TB, name string) *graph.Facts {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var f graph.Facts
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return &f
}

// fixtureGraph merges the fixtures; each call builds a fresh graph that
// the test may modify.
func fixtureGraph(t testing.TB) *graph.Graph {
	t.Helper()
	var facts []*graph.Facts
	for _, name := range fixtures {
		facts = append(facts, readFacts(t, name))
	}
	return graph.Merge(facts...)
}

// setCentrality gives the named nodes centrality, as analytics would.
func setCentrality(t testing.TB, g *graph.Graph, byID map[string]graph.Centrality) {
	t.Helper()
	for id, c := range byID {
		i := g.Index(id)
		if i < 0 {
			t.Fatalf("no node %s", id)
		}
		c := c
		g.Nodes[i].Centrality = &c
	}
}

// assertGolden compares got with testdata/golden/name, or rewrites the
// file under -update.
func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", name), got, *update)
}

// assertGoldenJSON compares v's indented JSON with a golden file.
func assertGoldenJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	assertGolden(t, name, append(b, '\n'))
}

// assertGoldenText compares what write prints with a golden file.
func assertGoldenText(t *testing.T, name string, write func(*bytes.Buffer) error) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	assertGolden(t, name, buf.Bytes())
}

// names lists the answers' person names in order.
func names(as []Answer) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Person.Name
	}
	return out
}

// tierNames lists the names of the answers at one tier, in order.
func tierNames(as []Answer, tier int) []string {
	var out []string
	for _, a := range as {
		if a.Tier == tier {
			out = append(out, a.Person.Name)
		}
	}
	return out
}

func itemNames(items []ListItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Node.Name
	}
	return out
}

// textOf returns what r's WriteText prints.
func textOf(t *testing.T, r interface{ WriteText(io.Writer) error }) string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
