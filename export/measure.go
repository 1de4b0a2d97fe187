package export

import (
	"fmt"
	"sort"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Measures lists the node measures a map can rank or size nodes by.
var Measures = []string{"pagerank", "betweenness", "harmonic", "degree", "recommended", "hub", "authority"}

// measurer reads one measure for every node of a graph. When no node has
// centrality (analytics not computed) it falls back to what the edges
// show: the number of incident edges, or for "recommended" the number of
// incoming recommends edges, so maps still rank and size sensibly.
type measurer struct {
	g        *graph.Graph
	by       string
	computed bool
}

func newMeasurer(g *graph.Graph, by string) (measurer, error) {
	if by == "" {
		by = "pagerank"
	}
	known := false
	for _, m := range Measures {
		known = known || m == by
	}
	if !known {
		return measurer{}, fmt.Errorf("unknown measure %q (want one of %v)", by, Measures)
	}
	m := measurer{g: g, by: by}
	for _, n := range g.Nodes {
		if n.Centrality != nil {
			m.computed = true
			break
		}
	}
	return m, nil
}

// value is the measure of the node at position i.
func (m measurer) value(i int) float64 {
	if !m.computed {
		if m.by == "recommended" {
			return float64(countRel(m.g.In(i), graph.Recommends))
		}
		return float64(len(m.g.In(i)) + len(m.g.Out(i)))
	}
	c := m.g.Nodes[i].Centrality
	if c == nil {
		return 0
	}
	switch m.by {
	case "betweenness":
		return finite(c.Betweenness)
	case "harmonic":
		return finite(c.Harmonic)
	case "degree":
		return float64(c.Degree)
	case "recommended":
		return float64(c.Recommended)
	case "hub":
		return finite(c.Hub)
	case "authority":
		return finite(c.Authority)
	}
	return finite(c.PageRank)
}

// scaled maps every node's value to [0, 1] relative to the largest; all
// zeros when every value is zero.
func (m measurer) scaled() []float64 {
	out := make([]float64, len(m.g.Nodes))
	top := 0.0
	for i := range out {
		out[i] = m.value(i)
		if out[i] > top {
			top = out[i]
		}
	}
	for i := range out {
		if top > 0 && out[i] > 0 {
			out[i] /= top
		} else {
			out[i] = 0
		}
	}
	return out
}

// ranked returns node positions by decreasing value, ties by ID.
func (m measurer) ranked() []int {
	pos := make([]int, len(m.g.Nodes))
	vals := make([]float64, len(m.g.Nodes))
	for i := range pos {
		pos[i] = i
		vals[i] = m.value(i)
	}
	sort.SliceStable(pos, func(a, b int) bool {
		if vals[pos[a]] != vals[pos[b]] {
			return vals[pos[a]] > vals[pos[b]]
		}
		return m.g.Nodes[pos[a]].ID < m.g.Nodes[pos[b]].ID
	})
	return pos
}

func countRel(es []*graph.Edge, r graph.Rel) int {
	n := 0
	for _, e := range es {
		if e.Rel == r {
			n++
		}
	}
	return n
}
