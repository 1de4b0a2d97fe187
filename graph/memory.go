package graph

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
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

	// index maps node IDs to positions. New and Merge build it at once;
	// a graph decoded in order (NewOrdered) builds it once
	// lazyIDSearches lookups have been answered by binary search of the
	// sorted nodes: a query process looks up a few IDs, and the map of
	// 28,000 IDs took about 5 ms of a 40 ms load.
	indexOnce  sync.Once
	indexed    atomic.Bool
	idSearches atomic.Int32
	index      map[string]int
	// names maps each folded name and alias to its nodes' positions. New
	// and Merge build it with index; a graph decoded in order
	// (NewOrdered) builds it once lazyNameScans lookups have been
	// answered by scanning the nodes instead: a query process asks for a
	// name or two, and a scan of 28,000 nodes takes about 1.5 ms, against
	// about 15 ms of processor time to build the map.
	namesOnce    sync.Once
	namesIndexed atomic.Bool
	nameScans    atomic.Int32
	names        map[string][]int
	// from and to are the node positions of each edge's endpoints.
	from, to []int32
	// Adjacency in compressed rows: the edges leaving node i are
	// outEdges[outStart[i]:outStart[i+1]], likewise for in.
	outStart, outEdges []int32
	inStart, inEdges   []int32

	// interviewIndex (slug → index in guests) and guests (node position
	// of each interview's guest, or -1) are built once lazyGuestSearches
	// questions about guests have been answered by searching the sorted
	// interviews: most commands ask about a few, or none.
	interviewsOnce    sync.Once
	interviewsIndexed atomic.Bool
	guestSearches     atomic.Int32
	interviewIndex    map[string]int32
	guests            []int32

	// deferred reads edges' sources when a store left them unread.
	deferred SourceReader
}

// SourceReader reads the sources of edges on demand, for a graph whose
// store did not read them with the rest (see Graph.Sources).
type SourceReader interface {
	// EdgeSources returns the sources of the edge at position k, sorted
	// by SortSources. Each call returns a new slice.
	EdgeSources(k int) []Source
}

// New builds a Graph. It sorts its arguments in place, drops edges whose
// endpoints are missing, and indexes names and aliases.
func New(nodes []Node, edges []Edge, interviews []InterviewInfo) *Graph {
	SortNodes(nodes)
	SortEdges(edges)
	if !slices.IsSortedFunc(interviews, compareInterviews) {
		slices.SortFunc(interviews, compareInterviews)
	}
	g := &Graph{Nodes: nodes, Interviews: interviews}
	g.indexNodes()
	g.indexNames()
	// Resolve endpoints once, dropping edges whose endpoint is missing.
	from := make([]int32, len(edges))
	to := make([]int32, len(edges))
	last, lastPos := "", -1
	kept := 0
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
			continue
		}
		// Compact only when an edge was dropped: copying every edge
		// costs more than the rest of New on a store's (always
		// complete) graph.
		if kept != k {
			edges[kept] = edges[k]
		}
		from[kept], to[kept] = int32(fi), int32(ti)
		kept++
	}
	g.Edges, g.from, g.to = edges[:kept], from[:kept], to[:kept]
	g.link()
	return g
}

// CloneNodes returns a graph with its own copy of g's nodes that shares
// everything else with g: its edges, interviews, analytics and indexes.
// Setting a node's fields (its Centrality, say) in one graph leaves the
// other alone, and the copy costs none of New's indexing. Node IDs and
// names, edges and interviews must not change afterwards in either.
func (g *Graph) CloneNodes() *Graph {
	c := &Graph{
		Nodes:      slices.Clone(g.Nodes),
		Edges:      g.Edges,
		Interviews: g.Interviews,
		Analytics:  g.Analytics,
		from:       g.from,
		to:         g.to,
		outStart:   g.outStart,
		outEdges:   g.outEdges,
		inStart:    g.inStart,
		inEdges:    g.inEdges,
		deferred:   g.deferred,
	}
	if g.indexed.Load() {
		c.indexOnce.Do(func() { c.index = g.index })
		c.indexed.Store(true)
	}
	if g.namesIndexed.Load() {
		c.namesOnce.Do(func() { c.names = g.names })
		c.namesIndexed.Store(true)
	}
	return c
}

// NewOrdered is New for a decoder that stores edge endpoints as node
// positions: edges[k] runs from nodes[from[k]] to nodes[to[k]], and
// NewOrdered sets each edge's From and To to those nodes' IDs. Nodes must
// be sorted by ID, edges by (from, rel, to), interviews by slug, and each
// edge's sources by SortSources. It checks all of that except the order of
// sources, which costs as much as the rest of the graph to compare and
// which the caller can check more cheaply (by numbers in its own
// encoding). It keeps the slices it is given.
func NewOrdered(nodes []Node, edges []Edge, from, to []int32, interviews []InterviewInfo) (*Graph, error) {
	if len(from) != len(edges) || len(to) != len(edges) {
		return nil, fmt.Errorf("graph: %d edges but %d and %d endpoints", len(edges), len(from), len(to))
	}
	for i := 1; i < len(nodes); i++ {
		if nodes[i-1].ID >= nodes[i].ID {
			return nil, fmt.Errorf("graph: node %q is not after %q", nodes[i].ID, nodes[i-1].ID)
		}
	}
	for i := 1; i < len(interviews); i++ {
		if interviews[i-1].Slug > interviews[i].Slug {
			return nil, fmt.Errorf("graph: interview %q is not after %q", interviews[i].Slug, interviews[i-1].Slug)
		}
	}
	g := &Graph{Nodes: nodes, Edges: edges, Interviews: interviews, from: from, to: to}
	// The ID and name indexes wait for lookups (see Graph.index and
	// Graph.names).
	ids := make([]string, len(nodes))
	for i := range nodes {
		ids[i] = nodes[i].ID
	}
	// Edges are checked and given their endpoints' IDs in parts, one per
	// processor: 340,000 edges take about 5 ms on one.
	parts := edgeParts(len(edges))
	errs := make([]error, len(parts)-1)
	var ends sync.WaitGroup
	for p := range errs {
		ends.Go(func() { errs[p] = g.setEnds(ids, parts[p], parts[p+1]) })
	}
	ends.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	g.link()
	return g, nil
}

// parallelEdges is how many edges a graph must have before NewOrdered and
// link share their work among processors.
const parallelEdges = 1 << 14

// edgeParts splits n edges into parts for GOMAXPROCS processors: part p
// is [bounds[p], bounds[p+1]). A graph under parallelEdges is one part.
func edgeParts(n int) (bounds []int) {
	parts := 1
	if n >= parallelEdges {
		parts = runtime.GOMAXPROCS(0)
	}
	bounds = make([]int, parts+1)
	for p := range bounds {
		bounds[p] = n * p / parts
	}
	return bounds
}

// setEnds checks that edges first to end follow their predecessors and
// sets their From and To to the IDs of the nodes at their positions.
func (g *Graph) setEnds(ids []string, first, end int) error {
	from, to, edges := g.from, g.to, g.Edges
	for k := first; k < end; k++ {
		f, t := from[k], to[k]
		e := &edges[k]
		if f < 0 || int(f) >= len(ids) || t < 0 || int(t) >= len(ids) {
			return fmt.Errorf("graph: edge %d (%s) has endpoint positions %d and %d of %d nodes", k, e.Rel, f, t, len(ids))
		}
		// Node positions follow ID order, so comparing positions
		// compares endpoints; relations are compared only between edges
		// from the same node (cmp.Or would compare them all). The edge
		// before a part's first was checked for its range by another
		// part: only its positions and relation are read here.
		if k > 0 && !edgeAfter(from[k-1], edges[k-1].Rel, to[k-1], f, e.Rel, t) {
			return fmt.Errorf("graph: edge %d (%s -%s-> %s) is not after the one before", k, ids[f], e.Rel, ids[t])
		}
		e.From, e.To = ids[f], ids[t]
	}
	return nil
}

// edgeAfter reports whether the edge (f, rel, t) sorts after the edge
// (pf, prel, pt), endpoints given by node position.
func edgeAfter(pf int32, prel Rel, pt, f int32, rel Rel, t int32) bool {
	switch {
	case pf != f:
		return pf < f
	case prel != rel:
		return prel < rel
	}
	return pt < t
}

// indexNodes builds the ID index of g.Nodes, once.
func (g *Graph) indexNodes() {
	g.indexOnce.Do(func() {
		g.index = make(map[string]int, len(g.Nodes))
		for i := range g.Nodes {
			g.index[g.Nodes[i].ID] = i
		}
		g.indexed.Store(true)
	})
}

// lazyIDSearches is how many ID lookups a graph without an ID index
// answers by binary search before it builds the index: a search costs
// about a ten-thousandth of building the index of 28,000 nodes.
const lazyIDSearches = 1024

// position returns the position of the node with the given ID, or -1.
func (g *Graph) position(id string) int {
	if !g.indexed.Load() && g.idSearches.Add(1) <= lazyIDSearches {
		// Nodes are sorted by ID in every graph (see New and NewOrdered).
		if i, found := slices.BinarySearchFunc(g.Nodes, id, func(n Node, id string) int {
			return strings.Compare(n.ID, id)
		}); found {
			return i
		}
		return -1
	}
	g.indexNodes()
	if i, ok := g.index[id]; ok {
		return i
	}
	return -1
}

// indexNames builds the name index of g.Nodes, once.
func (g *Graph) indexNames() {
	g.namesOnce.Do(func() {
		names := len(g.Nodes)
		for i := range g.Nodes {
			names += len(g.Nodes[i].Aliases)
		}
		// Sized for every name and alias, the map never grows; most names
		// belong to one node, whose position list is cut from one array
		// rather than allocated on its own.
		g.names = make(map[string][]int, names)
		positions := make([]int, names)
		var folded []string
		for i, n := range g.Nodes {
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
				if at, ok := g.names[f]; ok {
					g.names[f] = append(at, i)
					continue
				}
				positions[0] = i
				g.names[f], positions = positions[:1:1], positions[1:]
			}
		}
		g.namesIndexed.Store(true)
	})
}

// lazyNameScans is how many name lookups a graph without a name index
// answers by scanning its nodes before it builds the index.
const lazyNameScans = 2

// scanNames returns the positions of the nodes one of whose names folds
// to folded, as the name index would.
func (g *Graph) scanNames(folded string) []int {
	if folded == "" {
		return nil
	}
	var found []int
	for i := range g.Nodes {
		n := &g.Nodes[i]
		for k := -1; k < len(n.Aliases); k++ {
			name := n.Name
			if k >= 0 {
				name = n.Aliases[k]
			}
			if foldsTo(name, folded) {
				found = append(found, i)
				break
			}
		}
	}
	return found
}

// foldsTo reports whether Fold(name) == folded. An ASCII name is compared
// as it is folded, and most differ from folded in their first letter: a
// scan of 28,000 names that folded each took 4 ms.
func foldsTo(name, folded string) bool {
	j, space := 0, false
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return Fold(name) == folded
		}
		c, word := foldByte(name[i])
		if !word {
			space = true
			continue
		}
		// As appendFoldASCII: one space between words, none before the
		// first.
		if space && j > 0 {
			if j >= len(folded) || folded[j] != ' ' {
				return foldsToAnyway(name, i, folded)
			}
			j++
		}
		space = false
		if j >= len(folded) || folded[j] != c {
			return foldsToAnyway(name, i, folded)
		}
		j++
	}
	return j == len(folded)
}

// foldsToAnyway is what foldsTo returns once name, ASCII up to byte i,
// has folded to something other than folded: false, unless what follows
// is not ASCII, which NFKC may combine with the letters before it ("e"
// and a combining acute accent fold to "é").
func foldsToAnyway(name string, i int, folded string) bool {
	return !isASCII(name[i:]) && Fold(name) == folded
}

// link fills the adjacency rows from g.from and g.to: a counting sort of
// edge positions by endpoint, so each row lists its edges in edge order.
func (g *Graph) link() {
	if len(g.from) < parallelEdges {
		g.outStart, g.outEdges = rows(len(g.Nodes), g.from)
		g.inStart, g.inEdges = rows(len(g.Nodes), g.to)
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { g.inStart, g.inEdges = rows(len(g.Nodes), g.to) })
	g.outStart, g.outEdges = rows(len(g.Nodes), g.from)
	wg.Wait()
}

// rows groups the positions of end by their value, a node position.
func rows(nodes int, end []int32) (start, edges []int32) {
	start = make([]int32, nodes+1)
	for _, n := range end {
		start[n+1]++
	}
	for i := 1; i <= nodes; i++ {
		start[i] += start[i-1]
	}
	edges = make([]int32, len(end))
	fill := slices.Clone(start[:nodes])
	for k, n := range end {
		edges[fill[n]] = int32(k)
		fill[n]++
	}
	return start, edges
}

func compareInterviews(a, b InterviewInfo) int { return strings.Compare(a.Slug, b.Slug) }

// Index returns the position of the node with the given ID, or -1.
func (g *Graph) Index(id string) int { return g.position(id) }

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (*Node, bool) {
	i := g.position(id)
	if i < 0 {
		return nil, false
	}
	return &g.Nodes[i], true
}

// Out returns the edges leaving the node at position i.
func (g *Graph) Out(i int) []*Edge { return g.edgesAt(g.OutEdges(i)) }

// In returns the edges entering the node at position i.
func (g *Graph) In(i int) []*Edge { return g.edgesAt(g.InEdges(i)) }

// OutEdges returns the positions in Edges of the edges leaving the node at
// position i, in order. Callers must not modify the slice.
func (g *Graph) OutEdges(i int) []int32 { return g.outEdges[g.outStart[i]:g.outStart[i+1]] }

// InEdges returns the positions in Edges of the edges entering the node at
// position i, in order. Callers must not modify the slice.
func (g *Graph) InEdges(i int) []int32 { return g.inEdges[g.inStart[i]:g.inStart[i+1]] }

// Ends returns the node positions of the endpoints of the edge at
// position k: what Index(Edges[k].From) and Index(Edges[k].To) return,
// without hashing the IDs.
func (g *Graph) Ends(k int) (from, to int) { return int(g.from[k]), int(g.to[k]) }

// Sources returns the sources of the edge at position k. Code that may be
// given a graph whose sources are deferred (see DeferSources) must read
// them here: in such a graph every Edges[k].Sources is nil.
func (g *Graph) Sources(k int) []Source {
	if g.deferred != nil {
		return g.deferred.EdgeSources(k)
	}
	return g.Edges[k].Sources
}

// DeferSources makes Sources read through r. A store calls it on a graph
// whose edges it left without sources, because most queries look at the
// evidence of only a few edges and reading all of it is most of the cost
// of loading a graph.
func (g *Graph) DeferSources(r SourceReader) { g.deferred = r }

// SourcesDeferred reports whether the graph's edges were left without
// sources (see DeferSources).
func (g *Graph) SourcesDeferred() bool { return g.deferred != nil }

func (g *Graph) edgesAt(pos []int32) []*Edge {
	es := make([]*Edge, len(pos))
	for k, p := range pos {
		es[k] = &g.Edges[p]
	}
	return es
}

// Guest returns the node position of the interviewee of the interview
// with the given slug: the node its InterviewInfo's Guest names, else the
// target of the interview node's features edge; -1 if there is none.
func (g *Graph) Guest(slug string) int {
	if !g.interviewsIndexed.Load() && g.guestSearches.Add(1) <= lazyGuestSearches {
		return g.searchGuest(slug)
	}
	g.IndexGuests()
	if k, ok := g.interviewIndex[slug]; ok {
		return int(g.guests[k])
	}
	return g.featured(slug)
}

// IndexGuests builds the index Guest answers from, unless it is built.
// Guest builds it by itself once it has answered lazyGuestSearches
// questions by search; a caller about to ask about thousands of
// interviews can build it ahead, on another goroutine while it does
// other work. It is safe to call concurrently with Guest.
func (g *Graph) IndexGuests() { g.interviewsOnce.Do(g.indexInterviews) }

// lazyGuestSearches is how many questions about guests a graph answers by
// searching its interviews before it indexes them all. Indexing 10,000
// interviews took a query process about 4 ms, most of it finding each
// guest's node; a search takes about a microsecond, and a query about
// Kubernetes at 10,000 interviews asks 252 times, one about its most
// named topic 6,500 times.
const lazyGuestSearches = 1024

// searchGuest is Guest by a binary search of the interviews, which New,
// Merge and NewOrdered sort by slug. Should two slugs repeat, the first
// wins, as in the index.
func (g *Graph) searchGuest(slug string) int {
	i, ok := slices.BinarySearchFunc(g.Interviews, slug, func(in InterviewInfo, slug string) int {
		return strings.Compare(in.Slug, slug)
	})
	if !ok || g.Interviews[i].Guest == "" {
		return g.featured(slug)
	}
	return g.Index(g.Interviews[i].Guest)
}

func (g *Graph) indexInterviews() {
	g.interviewIndex = make(map[string]int32, len(g.Interviews))
	g.guests = make([]int32, 0, len(g.Interviews))
	for _, in := range g.Interviews {
		// Slugs are unique in a store; should two repeat, the first
		// wins, as a search of the sorted list would find it.
		if _, ok := g.interviewIndex[in.Slug]; ok {
			continue
		}
		g.interviewIndex[in.Slug] = int32(len(g.guests))
		guest := g.Index(in.Guest)
		if in.Guest == "" {
			guest = g.featured(in.Slug)
		}
		g.guests = append(g.guests, int32(guest))
	}
	g.interviewsIndexed.Store(true)
}

// featured returns the position of the node the interview node of slug
// features, or -1.
func (g *Graph) featured(slug string) int {
	i := g.Index(NodeID(Interview, slug))
	if i < 0 {
		return -1
	}
	for _, p := range g.OutEdges(i) {
		if g.Edges[p].Rel == Features {
			return int(g.to[p])
		}
	}
	return -1
}

// Lookup returns the positions of the nodes whose name or an alias folds
// to the same string as name, in node order.
func (g *Graph) Lookup(name string) []int {
	if !g.namesIndexed.Load() && g.nameScans.Add(1) <= lazyNameScans {
		return g.scanNames(Fold(name))
	}
	g.indexNames()
	return g.names[Fold(name)]
}

// Names returns every folded name and alias the graph knows, for fuzzy
// matching; the map values are node positions.
func (g *Graph) Names() map[string][]int {
	g.indexNames()
	return g.names
}
