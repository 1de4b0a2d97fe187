package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// denseGraph links every pair of n topics, the pair (i, j) with i+j
// sources, so each node's strongest link is to the highest-numbered other
// node: the shape of a top-N map of a large corpus, whose hubs all link.
func denseGraph(n int) *graph.Graph {
	var nodes []graph.Node
	var edges []graph.Edge
	for i := 0; i < n; i++ {
		nodes = append(nodes, graph.Node{ID: fmt.Sprintf("topic/t%03d", i), Kind: graph.Topic, Name: fmt.Sprintf("Topic %d", i),
			Centrality: &graph.Centrality{PageRank: float64(i + 1)}})
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			var srcs []graph.Source
			for s := 0; s < i+j; s++ {
				srcs = append(srcs, graph.Source{Interview: "dense", Line: s + 1})
			}
			edges = append(edges, graph.Edge{From: nodes[i].ID, To: nodes[j].ID, Rel: graph.Mentions, Sources: srcs})
		}
	}
	return graph.New(nodes, edges, nil)
}

func TestSparsify(t *testing.T) {
	g := denseGraph(30) // 435 links, one line each
	rank, err := newMeasurer(g, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		maxEdges int
		focus    string
		perNode  int // 0: nothing dropped
		drawn    int
	}{
		{name: "no limit", maxEdges: -1, drawn: 435},
		{name: "under the limit", maxEdges: 435, drawn: 435},
		// k strongest per node: every node keeps its links to the k
		// highest-numbered others, k(n-1) - k(k-1)/2 lines.
		{name: "one per node", maxEdges: 29, perNode: 1, drawn: 29},
		{name: "two per node", maxEdges: 57, perNode: 2, drawn: 57},
		{name: "three per node", maxEdges: 84, perNode: 3, drawn: 84},
		{name: "between two budgets", maxEdges: 83, perNode: 2, drawn: 57},
		{name: "tiny budget still links every node", maxEdges: 1, perNode: 1, drawn: 29},
		{name: "focus links stay", maxEdges: 29, focus: "topic/t000", perNode: 1, drawn: 29 + 28},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := sparsify(g, tt.maxEdges, rank, tt.focus)
			if sp.perNode != tt.perNode || sp.drawn != tt.drawn || len(sp.g.Edges) != tt.drawn {
				t.Fatalf("perNode %d, drawn %d, edges %d; want perNode %d, drawn %d", sp.perNode, sp.drawn, len(sp.g.Edges), tt.perNode, tt.drawn)
			}
			if sp.total != 435 || len(sp.g.Nodes) != 30 {
				t.Errorf("total %d, nodes %d; want 435 lines before and every node kept", sp.total, len(sp.g.Nodes))
			}
			for i := range sp.g.Nodes {
				if len(sp.g.Out(i))+len(sp.g.In(i)) == 0 {
					t.Errorf("%s lost every link", sp.g.Nodes[i].ID)
				}
			}
			if tt.perNode == 1 && tt.focus == "" {
				// Each node's one link is to t029, its strongest.
				for _, e := range sp.g.Edges {
					if e.To != "topic/t029" {
						t.Errorf("kept %s -> %s, not a strongest link", e.From, e.To)
					}
				}
			}
		})
	}
}

// TestSparsifyTies breaks equal source counts by the other end's measure.
func TestSparsifyTies(t *testing.T) {
	src := []graph.Source{{Interview: "a", Line: 1}}
	g := graph.New([]graph.Node{
		{ID: "person/p", Kind: graph.Person, Name: "P", Centrality: &graph.Centrality{PageRank: 0.1}},
		{ID: "topic/high", Kind: graph.Topic, Name: "High", Centrality: &graph.Centrality{PageRank: 0.9}},
		{ID: "topic/low", Kind: graph.Topic, Name: "Low", Centrality: &graph.Centrality{PageRank: 0.2}},
		{ID: "topic/mid", Kind: graph.Topic, Name: "Mid", Centrality: &graph.Centrality{PageRank: 0.5}},
	}, []graph.Edge{
		{From: "person/p", To: "topic/high", Rel: graph.Covers, Sources: src},
		{From: "person/p", To: "topic/low", Rel: graph.Covers, Sources: src},
		{From: "person/p", To: "topic/mid", Rel: graph.Covers, Sources: src},
		{From: "topic/low", To: "topic/mid", Rel: graph.PartOf, Sources: src},
	}, nil)
	rank, err := newMeasurer(g, "")
	if err != nil {
		t.Fatal(err)
	}
	// One link each, all with one source: p and high keep p-high; mid
	// prefers low (pagerank 0.2) to p (0.1), and low prefers mid to p.
	sp := sparsify(g, 2, rank, "")
	var got []string
	for _, e := range sp.g.Edges {
		got = append(got, e.From+">"+e.To)
	}
	want := "person/p>topic/high topic/low>topic/mid"
	if strings.Join(got, " ") != want {
		t.Errorf("kept %v, want %s", got, want)
	}
}

// TestDOTMaxEdges checks the cap reaches the map and its legend.
func TestDOTMaxEdges(t *testing.T) {
	tests := []struct {
		name  string
		g     *graph.Graph
		o     MapOptions
		lines int
		note  string
	}{
		// 40 nodes: k = 11 gives 11*39 - 55 = 374 lines, k = 12 gives 402.
		{name: "under the default budget", g: denseGraph(20), lines: 190},
		{name: "over the default budget", g: denseGraph(40), lines: 374, note: "374 of 780 links shown: the 11 strongest of each node"},
		{name: "cap", g: denseGraph(30), o: MapOptions{MaxEdges: 57}, lines: 57, note: "57 of 435 links shown: the 2 strongest of each node"},
		{name: "no cap", g: denseGraph(30), o: MapOptions{MaxEdges: -1}, lines: 435},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := DOT(&buf, tt.g, tt.o); err != nil {
				t.Fatal(err)
			}
			dot := buf.String()
			if n := strings.Count(dot, " -> "); n != tt.lines {
				t.Errorf("%d lines drawn, want %d", n, tt.lines)
			}
			if has := strings.Contains(dot, "links shown"); has != (tt.note != "") || !strings.Contains(dot, tt.note) {
				t.Errorf("legend note: want %q in\n%s", tt.note, truncateForLog(buf.Bytes()))
			}
		})
	}
}
