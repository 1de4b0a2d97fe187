package export

import (
	"slices"
	"sort"

	"github.com/peoplegraph/peoplegraph/graph"
)

// DefaultMaxEdges is the edge budget of a map when MapOptions.MaxEdges is
// 0. Drawn lines are what make a layout slow and a map unreadable: the top
// 150 nodes of a large graph are hubs linked to each other by thousands of
// lines, which take Graphviz minutes to route and no reader can follow.
const DefaultMaxEdges = 400

// link is every relation between two nodes, in either direction: the unit
// that sparsify keeps or drops.
type link struct {
	a, b    int // node positions, a < b
	sources int // sources over all its relations
	lines   int // lines DOT draws for it: one per direction used
	keep    bool
}

// sparseMap is a map's graph thinned to its budget, and what was dropped.
type sparseMap struct {
	g                  *graph.Graph
	drawn, total       int // lines drawn, and lines before thinning
	perNode            int // links kept per node; 0 when nothing was dropped
	linksKept, linksIn int
}

// sparsify keeps the strongest links of g when it would draw more than
// maxEdges lines (see MapOptions.MaxEdges): each node ranks its links by
// number of sources, then by the measure of the node at the other end
// (rank), then by that node's ID, and a link stays when it is among the k
// best of either end, with k the largest that fits the budget (at least
// 1, so no node loses every link). Links of focus always stay. Nodes are
// never dropped.
func sparsify(g *graph.Graph, maxEdges int, rank measurer, focus string) sparseMap {
	links, total := linksOf(g)
	out := sparseMap{g: g, drawn: total, total: total, linksKept: len(links), linksIn: len(links)}
	if maxEdges < 0 || total <= maxEdges {
		return out
	}
	byNode := rankLinks(g, links, rank)
	focusAt := -1
	if focus != "" {
		focusAt = g.Index(focus)
	}
	// The lines drawn grow with k, so search for the largest k that fits.
	maxDegree := 0
	for _, ls := range byNode {
		maxDegree = max(maxDegree, len(ls))
	}
	k := sort.Search(maxDegree, func(k int) bool {
		return markLinks(links, byNode, k+2, focusAt) > maxEdges
	}) + 1
	out.drawn = markLinks(links, byNode, k, focusAt)
	out.perNode = k
	out.linksKept = 0
	keep := map[[2]int]bool{}
	for _, l := range links {
		if l.keep {
			keep[[2]int{l.a, l.b}] = true
			out.linksKept++
		}
	}
	var edges []graph.Edge
	for _, e := range g.Edges {
		a, b := g.Index(e.From), g.Index(e.To)
		if keep[[2]int{min(a, b), max(a, b)}] {
			edges = append(edges, e)
		}
	}
	out.g = graph.New(slices.Clone(g.Nodes), edges, g.Interviews)
	return out
}

// linksOf groups g's edges into links, and counts the lines DOT draws.
func linksOf(g *graph.Graph) ([]*link, int) {
	byPair := map[[2]int]*link{}
	var links []*link
	dirs := map[[2]int]bool{}
	for _, e := range g.Edges {
		from, to := g.Index(e.From), g.Index(e.To)
		key := [2]int{min(from, to), max(from, to)}
		l, ok := byPair[key]
		if !ok {
			l = &link{a: key[0], b: key[1]}
			byPair[key] = l
			links = append(links, l) // g.Edges is sorted, so links are too
		}
		l.sources += len(e.Sources)
		if !dirs[[2]int{from, to}] {
			dirs[[2]int{from, to}] = true
			l.lines++
		}
	}
	return links, len(dirs)
}

// rankLinks lists each node's links, strongest first.
func rankLinks(g *graph.Graph, links []*link, rank measurer) [][]*link {
	byNode := make([][]*link, len(g.Nodes))
	for _, l := range links {
		byNode[l.a] = append(byNode[l.a], l)
		byNode[l.b] = append(byNode[l.b], l)
	}
	for i, ls := range byNode {
		other := func(l *link) int {
			if l.a == i {
				return l.b
			}
			return l.a
		}
		sort.SliceStable(ls, func(x, y int) bool {
			lx, ly := ls[x], ls[y]
			if lx.sources != ly.sources {
				return lx.sources > ly.sources
			}
			ox, oy := other(lx), other(ly)
			if vx, vy := rank.value(ox), rank.value(oy); vx != vy {
				return vx > vy
			}
			return g.Nodes[ox].ID < g.Nodes[oy].ID
		})
	}
	return byNode
}

// markLinks marks the links kept with k per node and returns the lines
// they draw.
func markLinks(links []*link, byNode [][]*link, k, focus int) int {
	for _, l := range links {
		l.keep = l.a == focus || l.b == focus
	}
	for _, ls := range byNode {
		for _, l := range ls[:min(k, len(ls))] {
			l.keep = true
		}
	}
	lines := 0
	for _, l := range links {
		if l.keep {
			lines += l.lines
		}
	}
	return lines
}
