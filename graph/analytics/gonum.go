package analytics

import (
	"slices"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// Gonum views of a Compact. Node IDs are positions; the views read the CSR
// arrays directly, so handing a Compact to gonum copies nothing.

// Directed is the directed analytics graph as a gonum graph.Directed.
func (c *Compact) Directed() gonum.Directed { return directedView{c} }

// Undirected is the undirected analytics graph as a gonum
// graph.WeightedUndirected with unit edge weights (weighted so that
// gonum's community code reads weights without allocating edges).
func (c *Compact) Undirected() gonum.WeightedUndirected { return undirectedView{c} }

type directedView struct{ c *Compact }

func (g directedView) Node(id int64) gonum.Node  { return g.c.node(id) }
func (g directedView) Nodes() gonum.Nodes        { return g.c.nodes() }
func (g directedView) From(id int64) gonum.Nodes { return g.c.iter(id, g.c.Successors) }
func (g directedView) To(id int64) gonum.Nodes   { return g.c.iter(id, g.c.Predecessors) }

func (g directedView) HasEdgeBetween(x, y int64) bool {
	return g.HasEdgeFromTo(x, y) || g.HasEdgeFromTo(y, x)
}

func (g directedView) HasEdgeFromTo(u, v int64) bool {
	return g.c.has(u, v, g.c.Successors)
}

func (g directedView) Edge(u, v int64) gonum.Edge {
	if !g.HasEdgeFromTo(u, v) {
		return nil
	}
	return simple.Edge{F: simple.Node(u), T: simple.Node(v)}
}

type undirectedView struct{ c *Compact }

func (g undirectedView) Node(id int64) gonum.Node  { return g.c.node(id) }
func (g undirectedView) Nodes() gonum.Nodes        { return g.c.nodes() }
func (g undirectedView) From(id int64) gonum.Nodes { return g.c.iter(id, g.c.Neighbors) }

func (g undirectedView) HasEdgeBetween(x, y int64) bool { return g.c.has(x, y, g.c.Neighbors) }

func (g undirectedView) Edge(u, v int64) gonum.Edge { return g.WeightedEdge(u, v) }

func (g undirectedView) EdgeBetween(x, y int64) gonum.Edge { return g.WeightedEdge(x, y) }

func (g undirectedView) WeightedEdgeBetween(x, y int64) gonum.WeightedEdge {
	return g.WeightedEdge(x, y)
}

func (g undirectedView) WeightedEdge(u, v int64) gonum.WeightedEdge {
	if !g.HasEdgeBetween(u, v) {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: 1}
}

// Weight is 1 for an edge and 0 for a node with itself (there are no
// self-loops), as gonum's Weighted contract asks.
func (g undirectedView) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, g.c.valid(x)
	}
	if g.HasEdgeBetween(x, y) {
		return 1, true
	}
	return 0, false
}

func (c *Compact) valid(id int64) bool { return id >= 0 && id < int64(c.N()) }

func (c *Compact) node(id int64) gonum.Node {
	if !c.valid(id) {
		return nil
	}
	return simple.Node(id)
}

func (c *Compact) nodes() gonum.Nodes {
	return iterator.NewImplicitNodes(0, c.N(), func(id int) gonum.Node { return simple.Node(id) })
}

func (c *Compact) iter(id int64, row func(int) []int32) gonum.Nodes {
	if !c.valid(id) {
		return gonum.Empty
	}
	return &rowNodes{row: row(int(id)), pos: -1}
}

func (c *Compact) has(u, v int64, row func(int) []int32) bool {
	if !c.valid(u) || !c.valid(v) {
		return false
	}
	_, ok := slices.BinarySearch(row(int(u)), int32(v))
	return ok
}

// rowNodes iterates one CSR row as gonum nodes.
type rowNodes struct {
	row []int32
	pos int
}

func (it *rowNodes) Next() bool {
	if it.pos+1 >= len(it.row) {
		it.pos = len(it.row)
		return false
	}
	it.pos++
	return true
}

func (it *rowNodes) Len() int {
	if it.pos >= len(it.row) {
		return 0
	}
	return len(it.row) - it.pos - 1
}

func (it *rowNodes) Reset() { it.pos = -1 }

func (it *rowNodes) Node() gonum.Node {
	if it.pos < 0 || it.pos >= len(it.row) {
		return nil
	}
	return simple.Node(it.row[it.pos])
}
