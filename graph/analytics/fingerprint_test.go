package analytics_test

import (
	"maps"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/analytics"
	"github.com/peoplegraph/peoplegraph/graph/analytics/internal/testgraph"
)

// TestComputeReusesPreviousAnalytics checks that Compute returns the
// previous measures exactly when the analytics graph and options are
// those they were computed from. The previous measures are doctored, so
// that a reuse shows.
func TestComputeReusesPreviousAnalytics(t *testing.T) {
	nodes, edges, infos := testgraph.Generate(testgraph.Config{Nodes: 300, Edges: 1500, Seed: 5})
	base := graph.New(clone(nodes), cloneEdges(edges), infos)
	before := compute(t, base, analytics.Options{})
	var person string
	for _, n := range base.Nodes {
		if n.Kind == graph.Person {
			person = n.ID
			break
		}
	}
	var iv string
	for _, n := range base.Nodes {
		if n.Kind == graph.Interview {
			iv = n.ID
			break
		}
	}
	var a, b string // two analytics nodes without an edge between them
	for _, x := range base.Nodes[:40] {
		for _, y := range base.Nodes[:40] {
			if x.ID < y.ID && x.Kind != graph.Interview && y.Kind != graph.Interview && !linked(base, x.ID, y.ID) {
				a, b = x.ID, y.ID
			}
		}
	}
	if person == "" || iv == "" || a == "" {
		t.Fatalf("the generated graph lacks a person (%q), an interview (%q) or two unlinked nodes (%q)", person, iv, a)
	}
	src := []graph.Source{{Interview: "extra", Line: 1, Text: "a new line"}}

	tests := []struct {
		name  string
		edit  func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge)
		opts  analytics.Options
		reuse bool
	}{
		{
			name:  "nothing changed",
			edit:  func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge) { return ns, es },
			reuse: true,
		},
		{
			name: "evidence reworded and moved",
			edit: func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge) {
				for i := range es {
					es[i].Sources = []graph.Source{{Interview: "elsewhere", Line: 99, Text: "reworded"}}
				}
				return ns, es
			},
			reuse: true,
		},
		{
			name: "a features edge added",
			edit: func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge) {
				return ns, append(es, graph.Edge{From: iv, To: person, Rel: graph.Features, Sources: src})
			},
			reuse: true,
		},
		{
			name: "an edge added",
			edit: func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge) {
				return ns, append(es, graph.Edge{From: a, To: b, Rel: graph.Mentions, Sources: src})
			},
		},
		{
			name: "a node added",
			edit: func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge) {
				ns = append(ns, graph.Node{ID: "topic/zz-new", Kind: graph.Topic, Name: "New"})
				return ns, es
			},
		},
		{
			name: "other pivots",
			edit: func(ns []graph.Node, es []graph.Edge) ([]graph.Node, []graph.Edge) { return ns, es },
			opts: analytics.Options{ExactLimit: 10, Pivots: 50},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, es := tt.edit(clone(nodes), cloneEdges(edges))
			g := graph.New(ns, es, infos)
			doctored := *before
			doctored.Centrality = maps.Clone(before.Centrality)
			c := doctored.Centrality[person]
			c.PageRank = 42
			doctored.Centrality[person] = c
			opts := tt.opts
			opts.Previous = &doctored
			got := compute(t, g, opts)
			if reused := got.Centrality[person].PageRank == 42; reused != tt.reuse {
				t.Fatalf("reused the previous measures = %v, want %v", reused, tt.reuse)
			}
			fresh := compute(t, g, tt.opts)
			if (fresh.Fingerprint == before.Fingerprint) != tt.reuse {
				t.Errorf("fingerprint %s, before %s: same = %v, want %v", fresh.Fingerprint, before.Fingerprint, !tt.reuse, tt.reuse)
			}
			if tt.reuse {
				// What reuse returns is what computing again gives.
				got.Centrality[person] = fresh.Centrality[person]
				if !maps.Equal(got.Centrality, fresh.Centrality) || got.Modularity != fresh.Modularity ||
					got.Communities != fresh.Communities || got.Pivots != fresh.Pivots {
					t.Error("reused analytics differ from computed ones")
				}
			}
		})
	}
}

func linked(g *graph.Graph, x, y string) bool {
	for _, e := range g.Edges {
		if (e.From == x && e.To == y) || (e.From == y && e.To == x) {
			return true
		}
	}
	return false
}

func clone(ns []graph.Node) []graph.Node { return append([]graph.Node(nil), ns...) }

func cloneEdges(es []graph.Edge) []graph.Edge { return append([]graph.Edge(nil), es...) }
