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
	// runs lists, for each interview slug, where its sources are: runs
	// of consecutive sources of one edge, in edge order. Sources are
	// sorted by interview, so an edge has one run per interview; the
	// index does not rely on it.
	runs map[string][]sourceRun
	// records are the positions of each slug's interview records.
	records map[string][]int
}

// sourceRun is g.Edges[edge].Sources[lo:hi].
type sourceRun struct{ edge, lo, hi int32 }

// NewByInterview indexes g, which must have its edges' sources.
func NewByInterview(g *graph.Graph) (*ByInterview, error) {
	if err := needSources(g); err != nil {
		return nil, err
	}
	b := &ByInterview{g: g, runs: make(map[string][]sourceRun, len(g.Interviews)), records: make(map[string][]int, len(g.Interviews))}
	for i, in := range g.Interviews {
		b.records[in.Slug] = append(b.records[in.Slug], i)
	}
	for k := range g.Edges {
		ss := g.Edges[k].Sources
		for lo := 0; lo < len(ss); {
			hi := lo + 1
			for hi < len(ss) && ss[hi].Interview == ss[lo].Interview {
				hi++
			}
			b.runs[ss[lo].Interview] = append(b.runs[ss[lo].Interview], sourceRun{int32(k), int32(lo), int32(hi)})
			lo = hi
		}
	}
	return b, nil
}

// Part is the part of the graph the interview slug says: the edges with a
// source from it, with those sources only, the nodes they join, and the
// interview's record. It shares memory with the whole graph: neither may
// change while it is used. For a graph whose nodes carry centrality, a map
// with MapOptions.Interview set to slug is the same drawn from Part(slug)
// as from the whole graph. (Without centrality, maps rank and size nodes
// by counting their edges, and a part counts only its interview's.)
func (b *ByInterview) Part(slug string) *graph.Graph {
	g := b.g
	runs := b.runs[slug]
	edges := make([]graph.Edge, 0, len(runs))
	var nodes []int32
	for i, r := range runs {
		e := &g.Edges[r.edge]
		// Capacity ends at the run, so that appending copies.
		run := e.Sources[r.lo:r.hi:r.hi]
		if i > 0 && runs[i-1].edge == r.edge {
			last := &edges[len(edges)-1]
			last.Sources = append(last.Sources, run...)
			continue
		}
		part := *e
		part.Sources = run
		edges = append(edges, part)
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
