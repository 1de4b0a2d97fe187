package query

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/internal/graphtest"
)

// TestQueriesReadDeferredSources: every query answers the same on a graph
// whose sources are deferred, as badgerstore's LoadDeferred returns for
// the command line, as on the same graph with its sources in place. A
// query that read Edge.Sources directly would find none.
func TestQueriesReadDeferredSources(t *testing.T) {
	graphs := []struct {
		name string
		g    *graph.Graph
	}{
		{"fixtures", analysedGraph(t)},
		{"generated", generateGraph(60)},
	}
	for _, tc := range graphs {
		t.Run(tc.name, func(t *testing.T) {
			deferred := graphtest.DeferSources(tc.g)
			if !deferred.SourcesDeferred() || tc.g.SourcesDeferred() {
				t.Fatal("SourcesDeferred does not say which graph defers")
			}
			for _, q := range queriesOver(tc.g) {
				want, got := answerText(t, q.run, tc.g), answerText(t, q.run, deferred)
				if got != want {
					t.Errorf("%s: deferred sources give\n%s\nwant\n%s", q.name, got, want)
				}
			}
		})
	}
}

type namedQuery struct {
	name string
	run  func(*graph.Graph) (any, error)
}

// queriesOver returns every kind of query, asked about every node of g
// (and path queries between neighbours in node order).
func queriesOver(g *graph.Graph) []namedQuery {
	qs := []namedQuery{
		{"interviews", func(g *graph.Graph) (any, error) { return Interviews(g) }},
		{"top", func(g *graph.Graph) (any, error) { return Top(g, "", "degree", 0) }},
		{"communities", func(g *graph.Graph) (any, error) { return Communities(g, 0) }},
		{"search kubernetes", func(g *graph.Graph) (any, error) { return Search(g, "kubernetes", 0) }},
		{"search e", func(g *graph.Graph) (any, error) { return Search(g, "e", 0) }},
	}
	for i, n := range g.Nodes {
		name := n.Name
		add := func(what string, run func(*graph.Graph) (any, error)) {
			qs = append(qs, namedQuery{fmt.Sprintf("%s %q", what, name), run})
		}
		add("show", func(g *graph.Graph) (any, error) { return Show(g, name) })
		add("who-covers", func(g *graph.Graph) (any, error) { return WhoCovers(g, name, WhoCoversOptions{}) })
		add("who-covers --broad", func(g *graph.Graph) (any, error) {
			return WhoCovers(g, name, WhoCoversOptions{Broad: true, Evidence: TextEvidence})
		})
		add("recommends", func(g *graph.Graph) (any, error) { return Recommends(g, name) })
		add("recommended-by", func(g *graph.Graph) (any, error) { return RecommendedBy(g, name) })
		add("covers", func(g *graph.Graph) (any, error) { return Covers(g, name) })
		add("affiliates", func(g *graph.Graph) (any, error) { return Affiliates(g, name) })
		add("ask", func(g *graph.Graph) (any, error) { return Ask(g, "who covers "+name) })
		if i > 0 {
			prev := g.Nodes[i-1].Name
			add("path from "+prev, func(g *graph.Graph) (any, error) { return Path(g, prev, name) })
		}
	}
	return qs
}

// answerText runs q on g and returns its answer or error as text.
func answerText(t *testing.T, q func(*graph.Graph) (any, error), g *graph.Graph) string {
	t.Helper()
	res, err := q(g)
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
