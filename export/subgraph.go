package export

import (
	"fmt"

	"github.com/peoplegraph/peoplegraph/graph"
)

// MapOptions chooses what a map shows and how it looks.
type MapOptions struct {
	// Focus is a node ID: the map shows its neighbourhood of radius Depth,
	// following edges in either direction. Depth 0 means 1.
	Focus string
	Depth int

	// Filters. Kinds keeps nodes of those kinds (the focus always stays);
	// Rels keeps edges of those relations; Interview keeps the edges read
	// in that interview, with only its sources. With Rels or Interview
	// set, nodes left without edges are dropped.
	Kinds     []graph.Kind
	Rels      []graph.Rel
	Interview string

	// Top keeps the Top nodes ranked by the measure By (default pagerank);
	// 0 keeps all, up to MaxNodes. The focus always stays.
	Top int
	By  string

	// MaxNodes is the most nodes a map keeps when Top is 0: 0 means
	// DefaultMaxNodes and a negative value keeps every node. A map over
	// it keeps its MaxNodes most central nodes by By, as Top would, and
	// DOT's legend says how many of how many it shows.
	MaxNodes int

	// MaxEdges is the most lines a map draws; 0 means DefaultMaxEdges and
	// a negative value draws every edge. A map over it keeps, for each
	// node, its k strongest links (all relations between two nodes, either
	// way): ranked by number of sources, then by the measure By of the
	// node at the other end, then by that node's ID. A link stays when it
	// is among the k best of either end, k being the largest that fits
	// (at least 1, so no node is left unlinked); links of the focus always
	// stay, and the legend says how many links are shown. Only DOT (and
	// so the rendered maps) applies it: Subgraph keeps every edge.
	MaxEdges int

	// Standalone draws the map from what it shows alone: nodes are sized,
	// and lines thinned, by their links in the map instead of graph-wide
	// centrality, and tooltips leave graph-wide measures out. Such a map
	// changes when what it shows changes, not whenever another interview
	// shifts the graph's centrality or renumbers its communities.
	Standalone bool

	SizeBy  string // node size by this measure (default pagerank)
	ColorBy string // "kind" (default) or "community"
	Theme   string // "light" (default) or "dark"
	Layout  string // dot|neato|fdp|sfdp|circo|twopi; "" picks one (see DOT)
	BaseURL string // site base URL: interview nodes link to BaseURL + slug + "/"
	Title   string
}

// DefaultMaxNodes is the node budget of a map when MapOptions.MaxNodes is
// 0. Graphviz's WebAssembly build took over ten minutes and 2.4 GB
// without finishing the whole map of the 10,000-interview graph (28,000
// nodes); its 150 most central nodes take about a second, and are as
// many as a map the width of a blog column can label legibly.
const DefaultMaxNodes = 150

// Subgraph applies o's filters, focus and top-N (or MaxNodes) to g, in
// that order, and returns a new graph that shares nothing with g. It
// fails for an unknown focus node, kind, relation, interview or measure,
// and a negative Depth or Top.
func Subgraph(g *graph.Graph, o MapOptions) (*graph.Graph, error) {
	sub, _, err := subgraph(g, o)
	return sub, err
}

// subgraph is Subgraph that also returns how many nodes the map had
// before MaxNodes cut it down, 0 if it did not.
func subgraph(g *graph.Graph, o MapOptions) (sub *graph.Graph, cutFrom int, err error) {
	if err := needSources(g); err != nil {
		return nil, 0, err
	}
	if o.Depth < 0 || o.Top < 0 {
		return nil, 0, fmt.Errorf("depth %d and top %d must not be negative", o.Depth, o.Top)
	}
	focus := -1
	if o.Focus != "" {
		if focus = g.Index(o.Focus); focus < 0 {
			return nil, 0, fmt.Errorf("unknown focus node %q", o.Focus)
		}
	}
	kinds, err := kindSet(o.Kinds)
	if err != nil {
		return nil, 0, err
	}
	rels, err := relSet(o.Rels)
	if err != nil {
		return nil, 0, err
	}
	if o.Interview != "" && !hasInterview(g, o.Interview) {
		return nil, 0, fmt.Errorf("unknown interview %q", o.Interview)
	}

	keepNode := make([]bool, len(g.Nodes))
	for i, n := range g.Nodes {
		keepNode[i] = i == focus || kinds == nil || kinds[n.Kind]
	}
	// Edges that pass the relation and interview filters, with their
	// sources narrowed to the interview.
	edges := make([]*graph.Edge, len(g.Edges))
	touched := make([]bool, len(g.Nodes))
	for k := range g.Edges {
		e := g.Edges[k]
		if rels != nil && !rels[e.Rel] {
			continue
		}
		if o.Interview != "" {
			e.Sources = sourcesOf(e.Sources, o.Interview)
			if len(e.Sources) == 0 {
				continue
			}
		}
		fi, ti := g.Index(e.From), g.Index(e.To)
		if !keepNode[fi] || !keepNode[ti] {
			continue
		}
		edges[k] = &e
		touched[fi], touched[ti] = true, true
	}
	if rels != nil || o.Interview != "" {
		for i := range keepNode {
			keepNode[i] = keepNode[i] && (touched[i] || i == focus)
		}
	}
	if focus >= 0 {
		keepNode = egoNodes(g, edges, focus, max(o.Depth, 1), keepNode)
	}
	top := o.Top
	if limit := orDefaultInt(o.MaxNodes, DefaultMaxNodes); top == 0 && limit > 0 {
		if kept := countTrue(keepNode); kept > limit {
			top, cutFrom = limit, kept
		}
	}
	if top > 0 {
		if keepNode, err = topNodes(g, o.By, top, focus, keepNode); err != nil {
			return nil, 0, err
		}
	}
	return build(g, keepNode, edges, o.Interview), cutFrom, nil
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// egoNodes keeps the nodes within depth hops of focus over the kept edges,
// ignoring direction.
func egoNodes(g *graph.Graph, edges []*graph.Edge, focus, depth int, keep []bool) []bool {
	adj := make([][]int, len(g.Nodes))
	for _, e := range edges {
		if e == nil {
			continue
		}
		fi, ti := g.Index(e.From), g.Index(e.To)
		adj[fi] = append(adj[fi], ti)
		adj[ti] = append(adj[ti], fi)
	}
	dist := make([]int, len(g.Nodes))
	for i := range dist {
		dist[i] = -1
	}
	dist[focus] = 0
	queue := []int{focus}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if dist[u] == depth {
			continue
		}
		for _, v := range adj[u] {
			if dist[v] < 0 && keep[v] {
				dist[v] = dist[u] + 1
				queue = append(queue, v)
			}
		}
	}
	out := make([]bool, len(keep))
	for i := range out {
		out[i] = dist[i] >= 0
	}
	return out
}

// topNodes keeps the top best kept nodes by the measure by; the focus
// counts towards top and always stays.
func topNodes(g *graph.Graph, by string, top, focus int, keep []bool) ([]bool, error) {
	m, err := newMeasurer(g, by)
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(keep))
	left := top
	if focus >= 0 {
		out[focus] = true
		left--
	}
	for _, i := range m.ranked() {
		if left <= 0 {
			break
		}
		if keep[i] && !out[i] {
			out[i] = true
			left--
		}
	}
	return out, nil
}

// build copies the kept nodes and the kept edges between them.
func build(g *graph.Graph, keepNode []bool, edges []*graph.Edge, interview string) *graph.Graph {
	var nodes []graph.Node
	for i, n := range g.Nodes {
		if !keepNode[i] {
			continue
		}
		n.Aliases = append([]string(nil), n.Aliases...)
		if n.Centrality != nil {
			c := *n.Centrality
			n.Centrality = &c
		}
		nodes = append(nodes, n)
	}
	var es []graph.Edge
	for _, e := range edges {
		if e == nil || !keepNode[g.Index(e.From)] || !keepNode[g.Index(e.To)] {
			continue
		}
		c := *e
		c.Sources = append([]graph.Source(nil), e.Sources...)
		es = append(es, c)
	}
	var infos []graph.InterviewInfo
	for _, in := range g.Interviews {
		if interview == "" || in.Slug == interview {
			infos = append(infos, in)
		}
	}
	return graph.New(nodes, es, infos)
}

func kindSet(ks []graph.Kind) (map[graph.Kind]bool, error) {
	if len(ks) == 0 {
		return nil, nil
	}
	set := map[graph.Kind]bool{}
	for _, k := range ks {
		if !k.Valid() {
			return nil, fmt.Errorf("unknown kind %q (want one of %v)", k, graph.Kinds)
		}
		set[k] = true
	}
	return set, nil
}

func relSet(rs []graph.Rel) (map[graph.Rel]bool, error) {
	if len(rs) == 0 {
		return nil, nil
	}
	set := map[graph.Rel]bool{}
	for _, r := range rs {
		if !r.Valid() {
			return nil, fmt.Errorf("unknown relation %q (want one of %v)", r, graph.Rels)
		}
		set[r] = true
	}
	return set, nil
}

func hasInterview(g *graph.Graph, slug string) bool {
	for _, in := range g.Interviews {
		if in.Slug == slug {
			return true
		}
	}
	for _, e := range g.Edges {
		for _, s := range e.Sources {
			if s.Interview == slug {
				return true
			}
		}
	}
	return false
}

func sourcesOf(ss []graph.Source, interview string) []graph.Source {
	var out []graph.Source
	for _, s := range ss {
		if s.Interview == interview {
			out = append(out, s)
		}
	}
	return out
}
