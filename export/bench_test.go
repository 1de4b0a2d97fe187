package export

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// benchGraph is a synthetic graph shaped like interviews: each of n/10
// guests links to nine entities, some shared.
func benchGraph(n int) *graph.Graph {
	var nodes []graph.Node
	var edges []graph.Edge
	kinds := []graph.Kind{graph.Organization, graph.Service, graph.Topic}
	for i := 0; i < n; i++ {
		k := graph.Person
		if i%10 != 0 {
			k = kinds[i%3]
		}
		nodes = append(nodes, graph.Node{ID: fmt.Sprintf("%s/n%d", k, i), Kind: k, Name: fmt.Sprintf("Entity number %d", i),
			Centrality: &graph.Centrality{PageRank: 1 / float64(1+i%17), Degree: i % 7, Community: i % 5}})
	}
	for i := 0; i < n; i += 10 {
		for j := 1; j < 10 && i+j < n; j++ {
			to := (i + j*7) % n
			if to == i {
				continue
			}
			edges = append(edges, graph.Edge{From: nodes[i].ID, To: nodes[to].ID, Rel: graph.Rels[1+j%6],
				Sources: []graph.Source{{Interview: "bench", Line: j, Text: "evidence line"}}})
		}
	}
	return graph.New(nodes, edges, nil)
}

func BenchmarkRenderSVG150(b *testing.B) { benchmarkRender150(b, "svg") }
func BenchmarkRenderPNG150(b *testing.B) { benchmarkRender150(b, "png") }
func BenchmarkRenderPDF150(b *testing.B) { benchmarkRender150(b, "pdf") }

// BenchmarkRenderSVG150Dense renders 150 nodes that all link to each
// other, as the top nodes of a large corpus do: DefaultMaxEdges thins it.
func BenchmarkRenderSVG150Dense(b *testing.B) { benchmarkRender(b, denseGraph(150), "svg") }

// benchmarkRender150 lays out and renders the 150-node map in format.
func benchmarkRender150(b *testing.B, format string) { benchmarkRender(b, benchGraph(150), format) }

func benchmarkRender(b *testing.B, g *graph.Graph, format string) {
	r := newTestRenderer(b)
	var dot bytes.Buffer
	if err := DOT(&dot, g, MapOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if err := r.Render(dot.Bytes(), "", format, &out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDOT150(b *testing.B) {
	g := benchGraph(150)
	for i := 0; i < b.N; i++ {
		if err := DOT(&bytes.Buffer{}, g, MapOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
