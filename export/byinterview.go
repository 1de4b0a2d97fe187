package export

import (
	"slices"

	"github.com/peoplegraph/peoplegraph/graph"
)

// ByInterview indexes a graph's edges by the interviews that say them, so
// that each interview's part of the graph (see Part) is taken without
// reading the whole graph. A map of one interview reads only its part,
// but Subgraph finds it by scanning every edge and copying every node
// flag: drawing the map of each of n interviews from the whole graph
// costs n times the graph, drawing it from the parts costs the graph once.
type ByInterview struct {
	g *graph.Graph
	// edges lists, for each interview slug, the positions of the edges
	// with a source from it, in order.
	edges map[string][]int32
	// records are the positions of each slug's interview records.
	records map[string][]int
}

// NewByInterview indexes g, which must have its edges' sources.
func NewByInterview(g *graph.Graph) (*ByInterview, error) {
	if err := needSources(g); err != nil {
		return nil, err
	}
	b := &ByInterview{g: g, edges: make(map[string][]int32, len(g.Interviews)), records: make(map[string][]int, len(g.Interviews))}
	for i, in := range g.Interviews {
		b.records[in.Slug] = append(b.records[in.Slug], i)
	}
	for k := range g.Edges {
		for _, s := range g.Edges[k].Sources {
			if list := b.edges[s.Interview]; len(list) == 0 || list[len(list)-1] != int32(k) {
				b.edges[s.Interview] = append(list, int32(k))
			}
		}
	}
	return b, nil
}

// Part is the part of the graph the interview slug says: the edges with a
// source from it, with those sources only, the nodes they join, and the
// interview's record. For a graph whose nodes carry centrality, a map with
// MapOptions.Interview set to slug is the same drawn from Part(slug) as
// from the whole graph. (Without centrality, maps rank and size nodes by
// counting their edges, and a part counts only its interview's.)
func (b *ByInterview) Part(slug string) *graph.Graph {
	g := b.g
	list := b.edges[slug]
	edges := make([]graph.Edge, 0, len(list))
	var nodes []int32
	for _, k := range list {
		e := g.Edges[k]
		e.Sources = sourcesOf(e.Sources, slug)
		edges = append(edges, e)
		nodes = append(nodes, int32(g.Index(e.From)), int32(g.Index(e.To)))
	}
	slices.Sort(nodes)
	nodes = slices.Compact(nodes)
	ns := make([]graph.Node, len(nodes))
	for i, v := range nodes {
		ns[i] = g.Nodes[v]
	}
	var infos []graph.InterviewInfo
	for _, i := range b.records[slug] {
		infos = append(infos, g.Interviews[i])
	}
	return graph.New(ns, edges, infos)
}
