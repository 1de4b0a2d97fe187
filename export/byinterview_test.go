package export

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// withCentrality gives every node of g made-up centrality, ties included,
// as analytics would.
func withCentrality(g *graph.Graph) *graph.Graph {
	for i := range g.Nodes {
		g.Nodes[i].Centrality = &graph.Centrality{PageRank: float64(1+i%7) / 10, Betweenness: float64(i % 3),
			Degree: i % 5, Recommended: i % 2, Community: i % 4}
	}
	return g
}

// sharedInterviews is a graph of interviews that name many of the same
// entities, edges said in several interviews and several times in one;
// unless sorted, an edge's sources are in no order (a store sorts them,
// graph.New does not).
func sharedInterviews(interviews, nodes, edges int, sorted bool) *graph.Graph {
	r := rand.New(rand.NewPCG(7, 7))
	kinds := []graph.Kind{graph.Person, graph.Organization, graph.Service, graph.Topic}
	var ns []graph.Node
	for i := range nodes {
		k := kinds[i%len(kinds)]
		ns = append(ns, graph.Node{ID: fmt.Sprintf("%s/e%d", k, i), Kind: k, Name: fmt.Sprintf("Entity %d", i)})
	}
	var infos []graph.InterviewInfo
	for i := range interviews {
		infos = append(infos, graph.InterviewInfo{Slug: fmt.Sprintf("talk-%02d", i), Title: fmt.Sprintf("Talk %d", i)})
	}
	var es []graph.Edge
	for range edges {
		// Skewed ends: low-numbered entities are in most interviews.
		from, to := r.IntN(1+r.IntN(nodes)), r.IntN(nodes)
		if from == to {
			continue
		}
		var sources []graph.Source
		for range 1 + r.IntN(4) {
			sources = append(sources, graph.Source{Interview: infos[r.IntN(interviews)].Slug, Line: 1 + r.IntN(80), Text: "said so"})
		}
		if sorted {
			graph.SortSources(sources)
		}
		es = append(es, graph.Edge{From: ns[from].ID, To: ns[to].ID, Rel: graph.Rels[r.IntN(len(graph.Rels))], Sources: sources})
	}
	return graph.New(ns, es, infos)
}

// TestPartDrawsTheSameMap: every interview's map is the same drawn from
// its part as from the whole graph, whatever the options.
func TestPartDrawsTheSameMap(t *testing.T) {
	graphs := []struct {
		name string
		g    *graph.Graph
	}{
		{"fixture", withCentrality(loadFacts(t, "interviews.json"))},
		{"shared entities", withCentrality(sharedInterviews(12, 90, 600, true))},
		{"unsorted sources", withCentrality(sharedInterviews(5, 60, 400, false))},
	}
	options := []struct {
		name string
		o    MapOptions
	}{
		{"defaults", MapOptions{}},
		{"node budget", MapOptions{MaxNodes: 6, By: "betweenness"}},
		{"top", MapOptions{Top: 5, By: "degree"}},
		{"edge budget", MapOptions{MaxEdges: 4}},
		{"relations", MapOptions{Rels: []graph.Rel{graph.Recommends, graph.Covers}}},
		{"kinds", MapOptions{Kinds: []graph.Kind{graph.Person, graph.Topic}}},
		{"community colours", MapOptions{ColorBy: "community", Theme: "dark", SizeBy: "recommended"}},
		{"standalone", MapOptions{Standalone: true, MaxEdges: 6}},
	}
	for _, gc := range graphs {
		parts, err := NewByInterview(gc.g)
		if err != nil {
			t.Fatal(err)
		}
		for _, oc := range options {
			t.Run(gc.name+"/"+oc.name, func(t *testing.T) {
				drawn := 0
				for _, in := range gc.g.Interviews {
					o := oc.o
					o.Interview, o.Title = in.Slug, in.Title
					var whole, part bytes.Buffer
					if err := DOT(&whole, gc.g, o); err != nil {
						t.Fatalf("%s from the whole graph: %v", in.Slug, err)
					}
					if err := DOT(&part, parts.Part(in.Slug), o); err != nil {
						t.Fatalf("%s from its part: %v", in.Slug, err)
					}
					if !bytes.Equal(whole.Bytes(), part.Bytes()) {
						t.Fatalf("%s: the map of its part differs from the whole graph's:\n%s\nwant\n%s",
							in.Slug, truncateForLog(part.Bytes()), truncateForLog(whole.Bytes()))
					}
					if bytes.Contains(whole.Bytes(), []byte(" -> ")) {
						drawn++
					}
				}
				if drawn == 0 {
					t.Error("no map drew an edge: the comparison proves nothing")
				}
			})
		}
	}
}

func TestPartHoldsOnlyItsInterview(t *testing.T) {
	g := sharedInterviews(5, 40, 150, false)
	parts, err := NewByInterview(g)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, in := range g.Interviews {
		p := parts.Part(in.Slug)
		if len(p.Interviews) != 1 || p.Interviews[0].Slug != in.Slug {
			t.Errorf("%s: part's interviews %+v", in.Slug, p.Interviews)
		}
		for _, e := range p.Edges {
			if len(e.Sources) == 0 {
				t.Errorf("%s: edge %s→%s without a source", in.Slug, e.From, e.To)
			}
			for _, s := range e.Sources {
				if s.Interview != in.Slug {
					t.Errorf("%s: edge %s→%s keeps a source from %s", in.Slug, e.From, e.To, s.Interview)
				}
				total++
			}
		}
	}
	want := 0
	for _, e := range g.Edges {
		want += len(e.Sources)
	}
	if total != want {
		t.Errorf("the parts hold %d sources, the graph %d", total, want)
	}
	if p := parts.Part("no-such-talk"); len(p.Nodes) != 0 || len(p.Interviews) != 0 {
		t.Errorf("an unknown interview's part has %d nodes and %d interviews", len(p.Nodes), len(p.Interviews))
	}
}

// TestStandaloneIgnoresCentrality: a standalone map of an interview is
// the same whatever the graph's centrality, and says nothing of it; the
// ordinary map follows the centrality.
func TestStandaloneIgnoresCentrality(t *testing.T) {
	g := withCentrality(sharedInterviews(6, 50, 300, true))
	dot := func(o MapOptions) string {
		t.Helper()
		var b bytes.Buffer
		if err := DOT(&b, g, o); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	o := MapOptions{Interview: g.Interviews[0].Slug}
	standalone := o
	standalone.Standalone = true
	before, beforeStandalone := dot(o), dot(standalone)
	if strings.Contains(beforeStandalone, "pagerank ") || !strings.Contains(before, "pagerank ") {
		t.Fatal("graph-wide measures in the standalone map's tooltips, or not in the ordinary map's")
	}
	for i := range g.Nodes {
		c := *g.Nodes[i].Centrality
		c.PageRank, c.Community = 1/float64(2+i), i%3
		g.Nodes[i].Centrality = &c
	}
	if dot(o) == before {
		t.Error("the ordinary map did not change with the centrality: the test proves nothing")
	}
	if dot(standalone) != beforeStandalone {
		t.Error("the standalone map changed with the graph's centrality")
	}
}
