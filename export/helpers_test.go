package export

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"

	goldenfile "github.com/peoplegraph/peoplegraph/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// loadFacts builds a graph from testdata/<name>, a JSON array of Facts,
// the way a store would: with graph.Merge.
func loadFacts(t testing.TB, name string) *graph.Graph {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var facts []*graph.Facts
	if err := json.Unmarshal(data, &facts); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return graph.Merge(facts...)
}

// golden compares got with testdata/<name>.golden, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name+".golden"), got, *update)
}

func truncateForLog(b []byte) string {
	if len(b) > 4000 {
		return string(b[:4000]) + "\n…"
	}
	return string(b)
}
