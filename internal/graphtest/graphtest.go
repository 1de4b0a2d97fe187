// Package graphtest helps tests build graphs the way stores hand them out.
package graphtest

import (
	"slices"

	"github.com/peoplegraph/peoplegraph/graph"
)

// DeferSources returns a copy of g whose edges hold no sources and whose
// Sources reads them from g, as badgerstore's LoadDeferred returns a
// graph.
func DeferSources(g *graph.Graph) *graph.Graph {
	edges := slices.Clone(g.Edges)
	for k := range edges {
		edges[k].Sources = nil
	}
	d := graph.New(slices.Clone(g.Nodes), edges, slices.Clone(g.Interviews))
	d.Analytics = g.Analytics
	d.DeferSources(sourcesOf{g})
	return d
}

// sourcesOf reads each edge's sources from a graph that holds them.
type sourcesOf struct{ g *graph.Graph }

func (s sourcesOf) EdgeSources(k int) []graph.Source { return slices.Clone(s.g.Edges[k].Sources) }
