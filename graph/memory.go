package graph

import (
	"slices"
	"sort"
	"strings"
)

// Graph is an immutable in-memory view of the whole graph, as read from a
// Store or merged from Facts. Nodes and Edges are sorted (see SortNodes and
// SortEdges); node positions are stable integer indices that analytics use.
type Graph struct {
	Nodes      []Node
	Edges      []Edge
	Interviews []InterviewInfo
	// Analytics is set when the graph was loaded from a store that holds
	// analytics for exactly this graph; node Centrality fields mirror it.
	Analytics *Analytics

	index map[string]int
	names map[string][]int
	out   [][]int // edge positions by source node position
	in    [][]int // edge positions by target node position
}

// New builds a Graph. It sorts its arguments in place, drops edges whose
// endpoints are missing, and indexes names and aliases.
func New(nodes []Node, edges []Edge, interviews []InterviewInfo) *Graph {
	SortNodes(nodes)
	SortEdges(edges)
	if !slices.IsSortedFunc(interviews, compareInterviews) {
		slices.SortFunc(interviews, compareInterviews)
	}
	g := &Graph{
		Nodes:      nodes,
		Interviews: interviews,
		index:      make(map[string]int, len(nodes)),
		names:      make(map[string][]int, len(nodes)),
		out:        make([][]int, len(nodes)),
		in:         make([][]int, len(nodes)),
	}
	var folded []string
	for i, n := range nodes {
		g.index[n.ID] = i
		folded = folded[:0]
		for k := -1; k < len(n.Aliases); k++ {
			name := n.Name
			if k >= 0 {
				name = n.Aliases[k]
			}
			f := Fold(name)
			if f == "" || slices.Contains(folded, f) {
				continue
			}
			folded = append(folded, f)
			g.names[f] = append(g.names[f], i)
		}
	}
	// Resolve endpoints once, count degrees, then fill adjacency lists cut
	// from two shared backing arrays.
	from := make([]int32, len(edges))
	to := make([]int32, len(edges))
	outDeg := make([]int, len(nodes))
	inDeg := make([]int, len(nodes))
	last, lastPos := "", -1
	for k, e := range edges {
		fi := lastPos
		if e.From != last || lastPos < 0 {
			var ok bool
			if fi, ok = g.index[e.From]; !ok {
				fi = -1
			}
			last, lastPos = e.From, fi
		}
		ti, ok := g.index[e.To]
		if fi < 0 || !ok {
			from[k] = -1
			continue
		}
		from[k], to[k] = int32(fi), int32(ti)
		outDeg[fi]++
		inDeg[ti]++
	}
	outFlat := make([]int, 0, len(edges))
	inFlat := make([]int, 0, len(edges))
	total := 0
	for i := range nodes {
		g.out[i] = outFlat[total : total : total+outDeg[i]]
		total += outDeg[i]
	}
	total = 0
	for i := range nodes {
		g.in[i] = inFlat[total : total : total+inDeg[i]]
		total += inDeg[i]
	}
	// Compact only when an edge was dropped: copying every edge costs
	// more than the rest of New on a store's (always complete) graph.
	kept := 0
	for k := range edges {
		if from[k] < 0 {
			continue
		}
		if kept != k {
			edges[kept] = edges[k]
		}
		g.out[from[k]] = append(g.out[from[k]], kept)
		g.in[to[k]] = append(g.in[to[k]], kept)
		kept++
	}
	g.Edges = edges[:kept]
	return g
}

func compareInterviews(a, b InterviewInfo) int { return strings.Compare(a.Slug, b.Slug) }

// Index returns the position of the node with the given ID, or -1.
func (g *Graph) Index(id string) int {
	if i, ok := g.index[id]; ok {
		return i
	}
	return -1
}

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (*Node, bool) {
	i, ok := g.index[id]
	if !ok {
		return nil, false
	}
	return &g.Nodes[i], true
}

// Out returns the edges leaving the node at position i.
func (g *Graph) Out(i int) []*Edge { return g.edgesAt(g.out[i]) }

// In returns the edges entering the node at position i.
func (g *Graph) In(i int) []*Edge { return g.edgesAt(g.in[i]) }

func (g *Graph) edgesAt(pos []int) []*Edge {
	es := make([]*Edge, len(pos))
	for k, p := range pos {
		es[k] = &g.Edges[p]
	}
	return es
}

// Lookup returns the positions of the nodes whose name or an alias folds
// to the same string as name, in node order.
func (g *Graph) Lookup(name string) []int {
	return g.names[Fold(name)]
}

// Names returns every folded name and alias the graph knows, for fuzzy
// matching; the map values are node positions.
func (g *Graph) Names() map[string][]int { return g.names }

// Merge combines the facts of several interviews into one Graph, the same
// way a Store does: nodes with the same ID are merged by MergeNodes and
// edges with the same key pool their sources.
func Merge(facts ...*Facts) *Graph {
	byID := map[string][]Node{}
	edges := map[EdgeKey]*Edge{}
	var infos []InterviewInfo
	for _, f := range facts {
		infos = append(infos, f.Interview)
		for _, n := range f.Nodes {
			byID[n.ID] = append(byID[n.ID], n)
		}
		for _, e := range f.Edges {
			k := e.Key()
			if have, ok := edges[k]; ok {
				have.Sources = append(have.Sources, e.Sources...)
				continue
			}
			c := e
			c.Sources = append([]Source(nil), e.Sources...)
			edges[k] = &c
		}
	}
	nodes := make([]Node, 0, len(byID))
	for _, parts := range byID {
		nodes = append(nodes, MergeNodes(parts))
	}
	es := make([]Edge, 0, len(edges))
	for _, e := range edges {
		e.Sources = DedupSources(e.Sources)
		es = append(es, *e)
	}
	return New(nodes, es, infos)
}

// MergeNodes merges the contributions several interviews made to one node.
// The result does not depend on the order of parts: the name is the one
// given most often (ties to the lexically smallest), aliases are the sorted
// union of every other name, and the URL is the smallest non-empty one.
func MergeNodes(parts []Node) Node {
	if len(parts) == 1 {
		n := parts[0]
		n.Aliases = CleanAliases(n.Name, n.Aliases)
		return n
	}
	count := map[string]int{}
	names := map[string]bool{}
	out := Node{ID: parts[0].ID, Kind: parts[0].Kind}
	for _, p := range parts {
		count[p.Name]++
		names[p.Name] = true
		for _, a := range p.Aliases {
			names[a] = true
		}
		if p.URL != "" && (out.URL == "" || p.URL < out.URL) {
			out.URL = p.URL
		}
		if p.Centrality != nil {
			out.Centrality = p.Centrality
		}
	}
	for name, c := range count {
		if c > count[out.Name] || (c == count[out.Name] && (out.Name == "" || name < out.Name)) {
			out.Name = name
		}
	}
	all := make([]string, 0, len(names))
	for n := range names {
		all = append(all, n)
	}
	out.Aliases = CleanAliases(out.Name, all)
	return out
}

// CleanAliases returns the distinct non-empty aliases other than name,
// sorted: the canonical alias list of a node called name.
func CleanAliases(name string, aliases []string) []string {
	seen := map[string]bool{name: true}
	var out []string
	for _, a := range aliases {
		if a == "" || seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// DedupSources sorts ss with SortSources and drops exact repeats, in
// place; it returns the shortened slice.
func DedupSources(ss []Source) []Source {
	SortSources(ss)
	out := ss[:0]
	for i, s := range ss {
		if i > 0 && s == ss[i-1] {
			continue
		}
		out = append(out, s)
	}
	return out
}
