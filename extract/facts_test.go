package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestClip(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"single spaced", "Jane Doe works at Acme.", "Jane Doe works at Acme."},
		{"leading and trailing space", " Jane Doe ", "Jane Doe"},
		{"run of spaces", "Jane  Doe", "Jane Doe"},
		{"tab and newline", "Jane\tDoe\nAcme", "Jane Doe Acme"},
		{"no-break space", "Jane\u00a0Doe", "Jane Doe"},
		{"non-ASCII kept", "Zoë Ünal – Acme", "Zoë Ünal – Acme"},
		{"too long", long, strings.TrimSpace(long[:300]) + "…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := clip(tc.in); got != tc.want {
				t.Errorf("clip(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNodeOrder(t *testing.T) {
	tests := []struct {
		name string
		in   []string // names of person nodes, in the order added
	}{
		{"empty", nil},
		{"one", []string{"a"}},
		{"sorted", []string{"a", "b", "c"}},
		{"reversed", []string{"d", "c", "b", "a"}},
		{"two cycles", []string{"b", "a", "d", "c", "e"}},
		{"more than a stack buffer", reversedWords(300)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newFactsBuilder("s", nil)
			var want []string
			for _, n := range tc.in {
				b.node(graph.Person, n, "", "")
				want = append(want, graph.NodeID(graph.Person, n))
			}
			slices.Sort(want)
			prefix := []int32{-1}
			order := b.nodeOrder(prefix)
			if len(order) != len(tc.in)+1 || order[0] != -1 {
				t.Fatalf("nodeOrder of %q = %v, want the prefix kept and %d nodes", tc.in, order, len(tc.in))
			}
			var got []string
			for _, i := range order[1:] {
				got = append(got, b.nodes[i].ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("nodeOrder orders %q as %q, want %q", tc.in, got, want)
			}
		})
	}
}

// reversedWords returns n distinct words in descending order.
func reversedWords(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("w%04d", n-i)
	}
	return out
}

func TestFactsOrder(t *testing.T) {
	tests := []struct {
		name  string
		names []string // of the nodes, in the order they are added
	}{
		{"added out of order", []string{"Zed", "Ann", "Bo", "Mia"}},
		{"added in order", []string{"Ann", "Bo", "Mia", "Zed"}},
		{"more than a stack buffer", reversedWords(150)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newFactsBuilder("s", nil)
			ids := make([]nodeRef, len(tc.names))
			for i, n := range tc.names {
				ids[i] = b.node(graph.Person, n, "", "")
			}
			for i, from := range ids {
				for j, to := range ids {
					rel := graph.Mentions
					if (i+j)%2 == 0 {
						rel = graph.Recommends
					}
					b.edge(from, rel, to, graph.Source{Line: i + 1})
				}
			}
			// edgeOrder alone must give graph.CompareEdges' order, which
			// facts then leaves to graph.SortEdges to check.
			rankOf := make([]int32, len(b.nodes))
			for k, i := range b.nodeOrder(nil) {
				rankOf[i] = int32(k)
			}
			ordered := make([]graph.Edge, 0, len(b.edges))
			for _, i := range b.edgeOrder(nil, rankOf) {
				ordered = append(ordered, b.edges[i])
			}
			if !slices.IsSortedFunc(ordered, graph.CompareEdges) || len(ordered) != len(b.edges) {
				t.Errorf("edgeOrder gives %d of %d edges, or out of order", len(ordered), len(b.edges))
			}
			// The order of facts too many to pack is the same.
			if got, want := b.edgeOrderBy(nil, rankOf), b.edgeOrder(nil, rankOf); !slices.Equal(got, want) {
				t.Errorf("edgeOrderBy gives %v, edgeOrder %v", got, want)
			}
			f := b.facts(graph.InterviewInfo{Slug: "s"})
			if !slices.IsSortedFunc(f.Edges, graph.CompareEdges) {
				t.Errorf("edges out of order: %v", f.Edges)
			}
			if len(f.Edges) != len(ids)*(len(ids)-1) {
				t.Errorf("%d edges, want %d", len(f.Edges), len(ids)*(len(ids)-1))
			}
			if !slices.IsSortedFunc(f.Nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) }) {
				t.Errorf("nodes out of order: %v", f.Nodes)
			}
		})
	}
}

func TestNodeID(t *testing.T) {
	for _, name := range []string{"", "Jane Doe", "  AWS   Lambda ", "C++", "Zoë Ünal", "İstanbul", "K8s/Helm", strings.Repeat("Long Name ", 20)} {
		t.Run(name, func(t *testing.T) { checkNodeID(t, name) })
	}
}

func FuzzNodeID(f *testing.F) {
	f.Add("Jane Doe")
	f.Add("Zoë  Ünal")
	f.Fuzz(checkNodeID)
}

func checkNodeID(t *testing.T, name string) {
	t.Helper()
	for _, kind := range []graph.Kind{graph.Person, graph.Topic} {
		if got, want := string(appendNodeID(nil, kind, name)), graph.NodeID(kind, name); got != want {
			t.Errorf("appendNodeID(%s, %q) = %q, graph.NodeID gives %q", kind, name, got, want)
		}
	}
}
