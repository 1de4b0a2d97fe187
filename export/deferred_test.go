package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/peoplegraph/peoplegraph/internal/graphtest"
)

// TestRefusesDeferredSources: every export that writes evidence refuses
// a graph whose sources were left unread, rather than writing edges
// without evidence; WriteDir does so before it creates anything.
func TestRefusesDeferredSources(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	deferred := graphtest.DeferSources(g)

	exports := []struct {
		name string
		run  func() error
	}{
		{"JSON", func() error { return JSON(io.Discard, deferred) }},
		{"DOT", func() error { return DOT(io.Discard, deferred, MapOptions{}) }},
		{"Subgraph", func() error { _, err := Subgraph(deferred, MapOptions{Top: 5}); return err }},
		{"GraphML", func() error { return GraphML(io.Discard, deferred) }},
		{"GEXF", func() error { return GEXF(io.Discard, deferred) }},
		{"Cytoscape", func() error { return Cytoscape(io.Discard, deferred) }},
		{"CSVEdges", func() error { return CSVEdges(io.Discard, deferred) }},
		{"Write json", func() error { return Write(io.Discard, deferred, FormatJSON) }},
	}
	for _, e := range exports {
		t.Run(e.name, func(t *testing.T) {
			if err := e.run(); !errors.Is(err, ErrSourcesDeferred) {
				t.Errorf("error %v, want ErrSourcesDeferred", err)
			}
		})
	}
	t.Run("WriteDir", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := WriteDir(dir, deferred, FormatCSV); !errors.Is(err, ErrSourcesDeferred) {
			t.Errorf("error %v, want ErrSourcesDeferred", err)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Error("WriteDir created the directory for a graph it refused")
		}
	})
	t.Run("the same graph with its sources", func(t *testing.T) {
		if err := JSON(io.Discard, g); err != nil {
			t.Fatal(err)
		}
	})
}
