package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestFormatsGolden(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	for _, f := range Formats {
		if f == FormatCSV {
			continue // two files: see TestWriteDirCSV
		}
		t.Run(string(f), func(t *testing.T) {
			var first, second bytes.Buffer
			if err := Write(&first, g, f); err != nil {
				t.Fatal(err)
			}
			if err := Write(&second, loadFacts(t, "interviews.json"), f); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Error("two writes of the same graph differ")
			}
			golden(t, "interviews."+string(f), first.Bytes())
		})
	}
}

func TestWriteDirCSV(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	dir := t.TempDir()
	paths, err := WriteDir(dir, g, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 {
		t.Fatalf("wrote %v, want nodes.csv and edges.csv", paths)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "interviews."+filepath.Base(p), data)
	}
	if err := Write(&bytes.Buffer{}, g, FormatCSV); err == nil {
		t.Error("Write accepted csv, which needs two files")
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	if err := Write(&bytes.Buffer{}, g, "yaml"); err == nil {
		t.Error("Write accepted an unknown format")
	}
	if _, err := WriteDir(t.TempDir(), g, "yaml"); err == nil {
		t.Error("WriteDir accepted an unknown format")
	}
}

// TestJSONShape checks the evaluation contract: every node has a
// centrality object with pagerank and betweenness even when analytics
// were never computed, and aliases is an array.
func TestJSONShape(t *testing.T) {
	g := graph.New([]graph.Node{
		{ID: "person/a", Kind: graph.Person, Name: "A"},
		{ID: "person/b", Kind: graph.Person, Name: "B", Aliases: []string{"Bee"}},
	}, []graph.Edge{{From: "person/a", To: "person/b", Rel: graph.Recommends, Sources: []graph.Source{{Interview: "a", Line: 3}}}}, nil)
	var buf bytes.Buffer
	if err := JSON(&buf, g); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "}\n") {
		t.Error("no trailing newline")
	}
	var doc struct {
		Nodes []map[string]json.RawMessage `json:"nodes"`
		Edges []struct {
			Sources []map[string]any `json:"sources"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		var c map[string]float64
		if err := json.Unmarshal(n["centrality"], &c); err != nil {
			t.Fatalf("centrality: %v", err)
		}
		if _, ok := c["pagerank"]; !ok {
			t.Errorf("node %s: no pagerank", n["id"])
		}
		if _, ok := c["betweenness"]; !ok {
			t.Errorf("node %s: no betweenness", n["id"])
		}
		if a := string(n["aliases"]); !strings.HasPrefix(a, "[") {
			t.Errorf("node %s: aliases %s is not an array", n["id"], a)
		}
	}
	if len(doc.Edges) != 1 || doc.Edges[0].Sources[0]["interview"] != "a" || doc.Edges[0].Sources[0]["line"] != 3.0 {
		t.Errorf("edges = %+v", doc.Edges)
	}
}
