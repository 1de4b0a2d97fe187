package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// TestLargeMapsDrawCurvedEdges: routing edges around nodes is too slow for
// large maps, so past largeMapNodes the spring layouts draw curves.
func TestLargeMapsDrawCurvedEdges(t *testing.T) {
	tests := []struct {
		name  string
		nodes int
		want  string
	}{
		{"small map routes edges", 40, "splines=true"},
		{"at the limit", largeMapNodes, "splines=true"},
		{"large map curves edges", largeMapNodes + 1, "splines=curved"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var nodes []graph.Node
			var edges []graph.Edge
			for i := 0; i < tc.nodes; i++ {
				id := fmt.Sprintf("person/p%03d", i)
				nodes = append(nodes, graph.Node{ID: id, Kind: graph.Person, Name: id})
				if i > 0 {
					edges = append(edges, graph.Edge{From: "person/p000", To: id, Rel: graph.Recommends,
						Sources: []graph.Source{{Interview: "x", Line: i}}})
				}
			}
			var buf bytes.Buffer
			if err := DOT(&buf, graph.New(nodes, edges, nil), MapOptions{Layout: "neato"}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tc.want) {
				t.Errorf("DOT of %d nodes lacks %s", tc.nodes, tc.want)
			}
		})
	}
}
