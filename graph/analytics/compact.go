package analytics

import (
	"slices"
	"sync"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Compact is the analytics graph in compressed sparse row form, built once
// from a *graph.Graph. Positions 0..N()-1 follow the graph's node order
// (sorted by ID) with interview nodes left out, so they are canonical: the
// same graph gives the same positions whatever order it was built in.
//
// It holds three adjacency structures over the same nodes: out- and
// in-neighbours of the directed graph (for PageRank and HITS) and the
// neighbours of the undirected graph (for betweenness, closeness, degree
// and Louvain). Every neighbour list is sorted and free of duplicates and
// self-loops.
type Compact struct {
	ids  []string // node ID by position
	from []int    // graph position by compact position

	outStart, out []int32
	inStart, in   []int32
	adjStart, adj []int32

	recommended []int32

	// hubs is the hubs-first numbering the shortest-path measures
	// search, built on first use and shared by them.
	hubsOnce sync.Once
	hubs     *hubsFirst
}

// NewCompact builds the analytics graph of g: every node except kind
// interview, every edge except relation features, parallel edges of any
// relation collapsed into one, self-loops dropped.
func NewCompact(g *graph.Graph) *Compact {
	pos := make([]int32, len(g.Nodes))
	c := &Compact{}
	for i, n := range g.Nodes {
		if n.Kind == graph.Interview {
			pos[i] = -1
			continue
		}
		pos[i] = int32(len(c.ids))
		c.ids = append(c.ids, n.ID)
		c.from = append(c.from, i)
	}
	n := len(c.ids)
	type arc struct{ u, v int32 }
	arcs := make([]arc, 0, len(g.Edges))
	c.recommended = make([]int32, n)
	for k, e := range g.Edges {
		if e.Rel == graph.Features {
			continue
		}
		from, to := g.Ends(k)
		u, v := pos[from], pos[to]
		if u < 0 || v < 0 || u == v {
			continue
		}
		arcs = append(arcs, arc{u, v})
		// Each person counts once per recommended node. Edges are sorted
		// by (from, rel, to), so a repeated edge follows its first copy.
		if e.Rel == graph.Recommends && g.Nodes[from].Kind == graph.Person && !repeats(g, k) {
			c.recommended[v]++
		}
	}
	// g's edges are sorted by source, so the arcs come grouped by u;
	// only each group needs sorting by v.
	byV := func(a, b arc) int { return int(a.v - b.v) }
	for lo := 0; lo < len(arcs); {
		hi := lo + 1
		for hi < len(arcs) && arcs[hi].u == arcs[lo].u {
			hi++
		}
		if hi < len(arcs) && arcs[hi].u < arcs[lo].u {
			// Not grouped after all: sort the lot.
			slices.SortFunc(arcs, func(a, b arc) int {
				if a.u != b.u {
					return int(a.u - b.u)
				}
				return byV(a, b)
			})
			break
		}
		slices.SortFunc(arcs[lo:hi], byV)
		lo = hi
	}
	arcs = slices.Compact(arcs)

	c.outStart, c.out = csr(n, len(arcs), func(yield func(u, v int32)) {
		for _, a := range arcs {
			yield(a.u, a.v)
		}
	})
	c.inStart, c.in = csr(n, len(arcs), func(yield func(u, v int32)) {
		for _, a := range arcs {
			yield(a.v, a.u)
		}
	})
	c.adjStart, c.adj = csr(n, 2*len(arcs), func(yield func(u, v int32)) {
		for _, a := range arcs {
			yield(a.u, a.v)
			yield(a.v, a.u)
		}
	})
	// Reciprocal arcs give the same undirected edge twice.
	c.adjStart, c.adj = dedupRows(c.adjStart, c.adj)
	return c
}

// repeats reports whether g's edge k has the same ends and relation as
// the edge before it.
func repeats(g *graph.Graph, k int) bool {
	if k == 0 || g.Edges[k-1].Rel != g.Edges[k].Rel {
		return false
	}
	f0, t0 := g.Ends(k - 1)
	f1, t1 := g.Ends(k)
	return f0 == f1 && t0 == t1
}

// csr builds row starts and sorted rows from the pairs arcs yields.
func csr(n, m int, arcs func(yield func(u, v int32))) (start, col []int32) {
	start = make([]int32, n+1)
	arcs(func(u, _ int32) { start[u+1]++ })
	for i := range n {
		start[i+1] += start[i]
	}
	col = make([]int32, m)
	next := slices.Clone(start[:n])
	arcs(func(u, v int32) {
		col[next[u]] = v
		next[u]++
	})
	for i := range n {
		slices.Sort(col[start[i]:start[i+1]])
	}
	return start, col
}

// dedupRows removes repeated entries within each sorted row, in place.
func dedupRows(start, col []int32) ([]int32, []int32) {
	w := int32(0)
	lo := int32(0)
	for i := 0; i+1 < len(start); i++ {
		hi := start[i+1]
		row := slices.Compact(col[lo:hi])
		copy(col[w:], row)
		lo = hi
		start[i] = w
		w += int32(len(row))
	}
	start[len(start)-1] = w
	return start, col[:w:w]
}

// N is the number of nodes in the analytics graph.
func (c *Compact) N() int { return len(c.ids) }

// Edges is the number of undirected edges.
func (c *Compact) Edges() int { return len(c.adj) / 2 }

// Arcs is the number of directed edges.
func (c *Compact) Arcs() int { return len(c.out) }

// ID is the node ID at position v.
func (c *Compact) ID(v int) string { return c.ids[v] }

// Index is the position of the node with the given ID, or -1 when it is
// not in the analytics graph.
func (c *Compact) Index(id string) int {
	if i, ok := slices.BinarySearch(c.ids, id); ok {
		return i
	}
	return -1
}

// GraphIndex is the position in the source *graph.Graph of the node at
// position v.
func (c *Compact) GraphIndex(v int) int { return c.from[v] }

// Neighbors are the undirected neighbours of v, sorted. The slice is the
// Compact's own and must not be changed.
func (c *Compact) Neighbors(v int) []int32 { return c.adj[c.adjStart[v]:c.adjStart[v+1]] }

// Successors are the targets of v's directed edges, sorted.
func (c *Compact) Successors(v int) []int32 { return c.out[c.outStart[v]:c.outStart[v+1]] }

// Predecessors are the sources of directed edges into v, sorted.
func (c *Compact) Predecessors(v int) []int32 { return c.in[c.inStart[v]:c.inStart[v+1]] }

// Degree is the number of undirected neighbours of every node.
func Degree(c *Compact) []int {
	d := make([]int, c.N())
	for v := range d {
		d[v] = int(c.adjStart[v+1] - c.adjStart[v])
	}
	return d
}

// Recommended is, for every node, the number of distinct people with a
// recommends edge to it.
func Recommended(c *Compact) []int {
	r := make([]int, c.N())
	for v, k := range c.recommended {
		r[v] = int(k)
	}
	return r
}
