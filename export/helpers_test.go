package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/graph"
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
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if !utf8.Valid(got) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s differs from %s from byte %d on (%d bytes, golden %d; run go test ./export -update after checking the change)", name, path, i, len(got), len(want))
		return
	}
	t.Errorf("%s differs from %s (run go test ./export -update after checking the change)\ngot:\n%s", name, path, truncateForLog(got))
}

func truncateForLog(b []byte) string {
	if len(b) > 4000 {
		return string(b[:4000]) + "\n…"
	}
	return string(b)
}
