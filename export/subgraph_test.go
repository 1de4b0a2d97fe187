package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func nodeIDs(g *graph.Graph) string {
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	return strings.Join(ids, " ")
}

func TestSubgraph(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	for _, tc := range []struct {
		name  string
		o     MapOptions
		nodes string
		edges int
	}{
		{"all", MapOptions{}, nodeIDs(g), len(g.Edges)},
		{"focus depth 1", MapOptions{Focus: "person/zoe-alvarez"},
			"interview/zoe-alvarez person/kelsey-hightower person/zoe-alvarez topic/genomics", 3},
		{"focus depth 2", MapOptions{Focus: "service/aws-lambda", Depth: 2},
			"interview/lynn-langit organization/amazon-web-services organization/google-cloud person/kelsey-hightower person/lynn-langit service/aws-lambda service/bigquery topic/genomics", 10},
		{"kinds", MapOptions{Kinds: []graph.Kind{graph.Person}},
			"person/kelsey-hightower person/lynn-langit person/zoe-alvarez", 2},
		{"rels drop isolated nodes", MapOptions{Rels: []graph.Rel{graph.Recommends}},
			"person/kelsey-hightower person/lynn-langit person/zoe-alvarez service/bigquery", 3},
		{"interview", MapOptions{Interview: "zoe-alvarez"},
			"interview/zoe-alvarez organization/google-cloud person/kelsey-hightower person/zoe-alvarez topic/genomics", 4},
		{"top by pagerank", MapOptions{Top: 3},
			"organization/google-cloud person/kelsey-hightower person/lynn-langit", 3},
		{"top keeps focus", MapOptions{Top: 2, Focus: "person/zoe-alvarez", By: "degree"},
			"person/kelsey-hightower person/zoe-alvarez", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := Subgraph(g, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if got := nodeIDs(sub); got != tc.nodes {
				t.Errorf("nodes\n got %s\nwant %s", got, tc.nodes)
			}
			if len(sub.Edges) != tc.edges {
				t.Errorf("%d edges, want %d", len(sub.Edges), tc.edges)
			}
			if tc.o.Interview != "" {
				for _, e := range sub.Edges {
					for _, s := range e.Sources {
						if s.Interview != tc.o.Interview {
							t.Errorf("edge %v keeps a source from %s", e.Key(), s.Interview)
						}
					}
				}
			}
		})
	}
	if len(g.Edges) != 13 {
		t.Error("Subgraph changed its input")
	}
}

func TestSubgraphErrors(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	for name, o := range map[string]MapOptions{
		"unknown focus":     {Focus: "person/nobody"},
		"unknown kind":      {Kinds: []graph.Kind{"robot"}},
		"unknown rel":       {Rels: []graph.Rel{"likes"}},
		"unknown interview": {Interview: "nobody"},
		"unknown measure":   {Top: 3, By: "fame"},
		"negative depth":    {Focus: "person/lynn-langit", Depth: -1},
	} {
		if _, err := Subgraph(g, o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	for name, o := range map[string]MapOptions{
		"theme":   {Theme: "neon"},
		"color":   {ColorBy: "size"},
		"layout":  {Layout: "spring"},
		"size by": {SizeBy: "fame"},
	} {
		if err := DOT(&bytes.Buffer{}, g, o); err == nil {
			t.Errorf("DOT with unknown %s: no error", name)
		}
	}
}

// TestMapWithoutCentrality: a graph whose analytics were never computed
// still sizes nodes, by degree.
func TestMapWithoutCentrality(t *testing.T) {
	g := loadFacts(t, "hostile.json")
	m, err := newMeasurer(g, "pagerank")
	if err != nil {
		t.Fatal(err)
	}
	hub := g.Index("person/script-alert-1")
	if got := m.value(hub); got != 3 {
		t.Errorf("fallback size of the hub = %v, want its degree 3", got)
	}
	var dot bytes.Buffer
	if err := DOT(&dot, g, MapOptions{Top: 2}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(dot.String(), "fillcolor="); n != 2 {
		t.Errorf("top 2 drew %d nodes", n)
	}
}

func TestDOTLinks(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	var dot bytes.Buffer
	if err := DOT(&dot, g, MapOptions{BaseURL: "https://blog.example/posts"}); err != nil {
		t.Fatal(err)
	}
	s := dot.String()
	for _, want := range []string{`URL="https://blog.example/posts/lynn-langit/"`, `URL="https://cloud.google.com/"`} {
		if !strings.Contains(s, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	if strings.Contains(s, "javascript:") {
		t.Error("DOT links to javascript:")
	}
}

// starGraph is n topics linked to the first, topic i with PageRank i+1.
func starGraph(n int) *graph.Graph {
	nodes := make([]graph.Node, n)
	var edges []graph.Edge
	for i := range nodes {
		nodes[i] = graph.Node{ID: fmt.Sprintf("topic/t%03d", i), Kind: graph.Topic, Name: fmt.Sprintf("Topic %d", i),
			Centrality: &graph.Centrality{PageRank: float64(i + 1), Degree: n - i}}
		if i > 0 {
			edges = append(edges, graph.Edge{From: nodes[i].ID, To: nodes[0].ID, Rel: graph.PartOf,
				Sources: []graph.Source{{Interview: "star", Line: i}}})
		}
	}
	return graph.New(nodes, edges, nil)
}

// topics is the IDs of topics t[from, to) of a starGraph, in order.
func topics(from, to int) string {
	var ids []string
	for i := from; i < to; i++ {
		ids = append(ids, fmt.Sprintf("topic/t%03d", i))
	}
	return strings.Join(ids, " ")
}

// TestMaxNodes: without Top, a map over MaxNodes nodes keeps the most
// central ones and its legend says so; Top, a negative MaxNodes and a
// map within the budget keep what they did.
func TestMaxNodes(t *testing.T) {
	tests := []struct {
		name  string
		g     *graph.Graph
		o     MapOptions
		nodes string
		note  string
	}{
		{"over the default budget", starGraph(DefaultMaxNodes + 10), MapOptions{},
			topics(10, DefaultMaxNodes+10), "150 of 160 nodes shown: the most central by pagerank"},
		{"within the default budget", starGraph(20), MapOptions{}, topics(0, 20), ""},
		{"a budget", starGraph(20), MapOptions{MaxNodes: 5}, topics(15, 20), "5 of 20 nodes shown: the most central by pagerank"},
		{"by another measure", starGraph(20), MapOptions{MaxNodes: 4, By: "degree"}, topics(0, 4), "4 of 20 nodes shown: the most central by degree"},
		{"no budget", starGraph(20), MapOptions{MaxNodes: -1}, topics(0, 20), ""},
		{"top wins", starGraph(20), MapOptions{MaxNodes: 5, Top: 8}, topics(12, 20), ""},
		{"the focus stays", starGraph(20), MapOptions{MaxNodes: 3, Focus: "topic/t000"}, "topic/t000 " + topics(18, 20),
			"3 of 20 nodes shown: the most central by pagerank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := Subgraph(tt.g, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if got := nodeIDs(sub); got != tt.nodes {
				t.Errorf("nodes\n got %s\nwant %s", got, tt.nodes)
			}
			var buf bytes.Buffer
			if err := DOT(&buf, tt.g, tt.o); err != nil {
				t.Fatal(err)
			}
			dot := buf.String()
			if has := strings.Contains(dot, "nodes shown"); has != (tt.note != "") || !strings.Contains(dot, tt.note) {
				t.Errorf("legend note: want %q in\n%s", tt.note, truncateForLog(buf.Bytes()))
			}
		})
	}
}
