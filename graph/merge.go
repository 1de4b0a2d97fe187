package graph

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Merge combines the facts of several interviews into one Graph, the same
// way a Store does: nodes with the same ID are merged by MergeNodes, which
// sees each node's contributions in the order of facts; edges with the
// same key pool their sources, sorted and without repeats (DedupSources).
// Edges whose endpoints are not among the nodes are dropped, as New drops
// them. The facts are not modified. An edge only one interview gives
// keeps that interview's sources when they are sorted without repeats, as
// a store's are: the graph shares that slice with the facts (capped, so
// that appending to either copies it), and neither is to be changed
// afterwards. Every other edge's sources are pooled in memory Merge
// allocates.
//
// The graph is the one New would build of the merged nodes and edges:
// nodes by ID, edges by (from, rel, to), interviews by slug.
//
// Ten thousand interviews give a million node and edge contributions but
// only tens of thousands of distinct IDs, so Merge numbers the IDs in
// sorted order and groups contributions by counting sorts over those
// numbers: each contribution's ID is hashed once, and the graph comes out
// in order, needing none of New's sorting and hashing. Large inputs are
// cut into chunks of interviews and ranges of node numbers that run on
// every processor (runtime.GOMAXPROCS); the result does not depend on the
// cut.
func Merge(facts ...*Facts) *Graph {
	workers := 1
	if contributions(facts) >= minParallelMerge {
		workers = runtime.GOMAXPROCS(0)
	}
	return merge(facts, workers)
}

// minParallelMerge is the number of node and edge contributions from
// which Merge uses more than one goroutine: below it, starting them costs
// more than they save.
const minParallelMerge = 1 << 14

// maxMergeChunks bounds the chunks of interviews numbered apart: each
// chunk keeps three counters per distinct ID.
const maxMergeChunks = 8

func contributions(facts []*Facts) int {
	n := 0
	for _, f := range facts {
		n += len(f.Nodes) + len(f.Edges)
	}
	return n
}

// merge is Merge on at most workers goroutines; with one it starts none.
func merge(facts []*Facts, workers int) *Graph {
	m := &merger{facts: facts, workers: max(workers, 1)}
	m.cut(min(m.workers, maxMergeChunks))
	m.each(len(m.chunks), func(c int) { m.chunks[c].number(facts) })
	m.numberIDs()
	m.each(len(m.chunks), func(c int) { m.chunks[c].count(m) })
	m.offsets()
	m.each(len(m.chunks), func(c int) { m.chunks[c].scatter(m) })
	return m.build()
}

// merger is the state of one Merge. Node numbers ("ranks") are positions
// in ids, the sorted distinct IDs; relation ranks likewise in sorted
// relation names.
type merger struct {
	facts   []*Facts
	workers int
	chunks  []mergeChunk

	ids      []string
	slugRank []int32 // of each facts, in (slug, position) order
	bySlug   []int32 // facts positions by slug rank

	// The contributions grouped by rank: node r's are
	// parts[nodeStart[r]:nodeStart[r+1]] in facts order, and the edges
	// leaving it are edges[edgeStart[r]:edgeStart[r+1]].
	nodeStart, edgeStart []int32
	parts                []partRef
	edges                []contribution
}

// partRef locates one node contribution: facts[f].Nodes[n].
type partRef struct{ f, n int32 }

// contribution is one edge contribution grouped under its source node:
// facts[bySlug[order]].Edges[e], sorted by relTo, which holds the
// relation rank over the target's rank. Ordering equal keys by the
// interviews' slugs lines up their sources in SortSources order, so that
// DedupSources usually finds them sorted.
type contribution struct {
	relTo    uint64
	order, e int32
}

// mergeChunk is the facts[lo:hi] of one chunk, numbered on their own.
type mergeChunk struct {
	lo, hi int
	local  map[string]int32
	ids    []string // by local number
	sorted []int32  // local numbers in ID order
	remap  []int32  // rank of each local number
	rels   relNumbers
	// parts holds the local, then the global, number of each node
	// contribution in order; edges the edge contributions.
	parts []int32
	edges []edgeRef
	// Per rank: contributions counted by count, then turned into the
	// chunk's next positions in m.parts and m.edges by offsets.
	nodeNext, edgeNext []int32
}

// edgeRef is an edge contribution facts[f].Edges[e] with its endpoints'
// and relation's numbers: local ones (-1 when an endpoint is not among
// the chunk's nodes), then ranks (from is -1 for a dropped edge).
type edgeRef struct{ from, to, rel, f, e int32 }

// cut splits the facts into up to n chunks of about equal contributions.
func (m *merger) cut(n int) {
	total := contributions(m.facts)
	lo, done := 0, 0
	for c := range n {
		want := total * (c + 1) / n
		hi := lo
		for hi < len(m.facts) && (c == n-1 || done < want) {
			done += len(m.facts[hi].Nodes) + len(m.facts[hi].Edges)
			hi++
		}
		if hi > lo || c == 0 {
			m.chunks = append(m.chunks, mergeChunk{lo: lo, hi: hi})
		}
		lo = hi
	}
}

// each calls fn(0) to fn(n-1) on up to m.workers goroutines.
func (m *merger) each(n int, fn func(i int)) {
	if m.workers == 1 || n == 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(m.workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// number gives the chunk's node IDs and relations local numbers and looks
// up every edge's endpoints among them: nodes first, since an edge may
// name a node that a later interview of the chunk contributes.
func (ch *mergeChunk) number(facts []*Facts) {
	ch.local = make(map[string]int32)
	ch.rels.number = make(map[Rel]int32)
	var parts, edges int
	for _, f := range facts[ch.lo:ch.hi] {
		parts += len(f.Nodes)
		edges += len(f.Edges)
	}
	ch.parts = make([]int32, 0, parts)
	for _, f := range facts[ch.lo:ch.hi] {
		for _, n := range f.Nodes {
			k, ok := ch.local[n.ID]
			if !ok {
				k = int32(len(ch.ids))
				ch.local[n.ID] = k
				ch.ids = append(ch.ids, n.ID)
			}
			ch.parts = append(ch.parts, k)
		}
	}
	ch.edges = make([]edgeRef, 0, edges)
	// Most of an interview's edges leave its guest: comparing with the
	// last source node costs less than hashing.
	lastFrom, from := "", int32(-1)
	for fi := ch.lo; fi < ch.hi; fi++ {
		for ei, e := range facts[fi].Edges {
			if e.From != lastFrom || ei == 0 {
				k, ok := ch.local[e.From]
				if !ok {
					k = -1
				}
				lastFrom, from = e.From, k
			}
			to, ok := ch.local[e.To]
			if !ok {
				to = -1
			}
			ch.edges = append(ch.edges, edgeRef{from, to, ch.rels.of(e.Rel), int32(fi), int32(ei)})
		}
	}
	ch.sorted = sortedBy(ch.ids)
	ch.rels.sorted = sortedBy(ch.rels.names)
}

// relNumbers numbers the relations of a chunk.
type relNumbers struct {
	number map[Rel]int32
	names  []string
	sorted []int32
	rank   []int32
	last   Rel // the relation of the previous edge, usually the next one's
	lastN  int32
}

func (rs *relNumbers) of(r Rel) int32 {
	if len(rs.names) > 0 && r == rs.last {
		return rs.lastN
	}
	k, ok := rs.number[r]
	if !ok {
		k = int32(len(rs.names))
		rs.number[r] = k
		rs.names = append(rs.names, string(r))
	}
	rs.last, rs.lastN = r, k
	return k
}

// sortedBy returns the positions of ss in the order of their strings.
func sortedBy(ss []string) []int32 {
	pos := make([]int32, len(ss))
	for i := range pos {
		pos[i] = int32(i)
	}
	slices.SortFunc(pos, func(a, b int32) int { return strings.Compare(ss[a], ss[b]) })
	return pos
}

// numberIDs merges the chunks' sorted IDs and relations into ranks.
func (m *merger) numberIDs() {
	m.ids = mergeSorted(m.chunks, func(ch *mergeChunk) ([]string, []int32, *[]int32) {
		return ch.ids, ch.sorted, &ch.remap
	})
	mergeSorted(m.chunks, func(ch *mergeChunk) ([]string, []int32, *[]int32) {
		return ch.rels.names, ch.rels.sorted, &ch.rels.rank
	})
	m.bySlug = make([]int32, len(m.facts))
	for i := range m.bySlug {
		m.bySlug[i] = int32(i)
	}
	bySlug := func(a, b int32) int {
		if c := strings.Compare(m.facts[a].Interview.Slug, m.facts[b].Interview.Slug); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	}
	if !slices.IsSortedFunc(m.bySlug, bySlug) {
		slices.SortFunc(m.bySlug, bySlug)
	}
	m.slugRank = make([]int32, len(m.facts))
	for r, f := range m.bySlug {
		m.slugRank[f] = int32(r)
	}
}

// interviews lists the facts' interviews in New's order, by slug.
func (m *merger) interviews() []InterviewInfo {
	infos := make([]InterviewInfo, len(m.facts))
	distinct := true
	for r, f := range m.bySlug {
		infos[r] = m.facts[f].Interview
		distinct = distinct && (r == 0 || infos[r].Slug != infos[r-1].Slug)
	}
	if distinct {
		return infos
	}
	// New's sort is not stable: order equal slugs as it does.
	for i, f := range m.facts {
		infos[i] = f.Interview
	}
	if !slices.IsSortedFunc(infos, compareInterviews) {
		slices.SortFunc(infos, compareInterviews)
	}
	return infos
}

// mergeSorted merges the chunks' sorted string lists (as numbers chooses:
// the strings, their positions in order, and where to put each string's
// rank) and returns the distinct strings in order.
func mergeSorted(chunks []mergeChunk, numbers func(*mergeChunk) (ss []string, sorted []int32, rank *[]int32)) []string {
	type list struct {
		ss     []string
		sorted []int32
		rank   []int32
	}
	lists := make([]list, len(chunks))
	size := 0
	for c := range chunks {
		ss, sorted, rank := numbers(&chunks[c])
		*rank = make([]int32, len(ss))
		lists[c] = list{ss, sorted, *rank}
		size = max(size, len(ss))
	}
	out := make([]string, 0, size)
	for {
		// The smallest head; with few chunks a scan beats a heap.
		best := -1
		for c, l := range lists {
			if len(l.sorted) > 0 && (best < 0 || l.ss[l.sorted[0]] < lists[best].ss[lists[best].sorted[0]]) {
				best = c
			}
		}
		if best < 0 {
			return out
		}
		l := &lists[best]
		s := l.ss[l.sorted[0]]
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
		l.rank[l.sorted[0]] = int32(len(out) - 1)
		l.sorted = l.sorted[1:]
	}
}

// rank returns the rank of id, or -1 if no node has it. It is the slow
// path for an edge whose endpoint another chunk contributes.
func (m *merger) rank(id string) int32 {
	if k, ok := slices.BinarySearch(m.ids, id); ok {
		return int32(k)
	}
	return -1
}

// count turns the chunk's numbers into ranks and counts its
// contributions per rank.
func (ch *mergeChunk) count(m *merger) {
	n := len(m.ids)
	ch.nodeNext = make([]int32, n)
	ch.edgeNext = make([]int32, n)
	for i, k := range ch.parts {
		r := ch.remap[k]
		ch.parts[i] = r
		ch.nodeNext[r]++
	}
	for i := range ch.edges {
		e := &ch.edges[i]
		from, to := ch.resolve(m, e.from, e.f, e.e, true), ch.resolve(m, e.to, e.f, e.e, false)
		if from < 0 || to < 0 {
			e.from = -1
			continue
		}
		e.from, e.to, e.rel = from, to, ch.rels.rank[e.rel]
		ch.edgeNext[from]++
	}
}

// resolve returns the rank of an edge endpoint with local number k.
func (ch *mergeChunk) resolve(m *merger, k, f, e int32, from bool) int32 {
	if k >= 0 {
		return ch.remap[k]
	}
	if from {
		return m.rank(m.facts[f].Edges[e].From)
	}
	return m.rank(m.facts[f].Edges[e].To)
}

// offsets lays out the grouped contributions: per rank, the chunks'
// contributions in chunk order, so each node's parts keep facts order.
func (m *merger) offsets() {
	n := len(m.ids)
	m.nodeStart = make([]int32, n+1)
	m.edgeStart = make([]int32, n+1)
	var node, edge int32
	for r := range n {
		m.nodeStart[r], m.edgeStart[r] = node, edge
		for c := range m.chunks {
			ch := &m.chunks[c]
			ch.nodeNext[r], node = node, node+ch.nodeNext[r]
			ch.edgeNext[r], edge = edge, edge+ch.edgeNext[r]
		}
	}
	m.nodeStart[n], m.edgeStart[n] = node, edge
	m.parts = make([]partRef, node)
	m.edges = make([]contribution, edge)
}

// scatter puts the chunk's contributions in their groups.
func (ch *mergeChunk) scatter(m *merger) {
	i := 0
	for fi := ch.lo; fi < ch.hi; fi++ {
		for ni := range m.facts[fi].Nodes {
			r := ch.parts[i]
			m.parts[ch.nodeNext[r]] = partRef{int32(fi), int32(ni)}
			ch.nodeNext[r]++
			i++
		}
	}
	for _, e := range ch.edges {
		if e.from < 0 {
			continue
		}
		m.edges[ch.edgeNext[e.from]] = contribution{uint64(e.rel)<<32 | uint64(e.to), m.slugRank[e.f], e.e}
		ch.edgeNext[e.from]++
	}
	// The rest of the merge reads m.parts and m.edges: let a collection
	// meanwhile have the chunk's numbering.
	*ch = mergeChunk{}
}

// build merges the grouped contributions in ranges of ranks of about equal
// work, on every worker: first the nodes, sorting each node's edges and
// counting the distinct ones, then, once every range knows where its
// edges go, the edges. The graph is New's, built without New's sorting
// and hashing: the nodes and edges come out in order with their
// endpoints' positions, and the name index is built while the edges are.
// Whatever New sets, build must set too; the tests compare the two
// graphs field by field, unexported ones included.
func (m *merger) build() *Graph {
	ranges := m.ranges()
	nodes := make([]Node, len(m.ids))
	kept := make([]int, len(ranges)) // distinct edges per range, then the range's first
	m.each(len(ranges)-1, func(t int) {
		kept[t] = m.mergeNodes(nodes, ranges[t], ranges[t+1])
	})
	total := 0
	for t := range kept {
		kept[t], total = total, total+kept[t]
	}
	g := &Graph{Nodes: nodes, Edges: make([]Edge, total), from: make([]int32, total), to: make([]int32, total)}
	var indexed sync.WaitGroup
	if m.workers > 1 {
		indexed.Go(g.indexNodes)
		indexed.Go(g.indexNames)
	} else {
		g.indexNodes()
		g.indexNames()
	}
	m.each(len(ranges)-1, func(t int) {
		m.mergeEdges(g.Edges[kept[t]:], g.from[kept[t]:], g.to[kept[t]:], ranges[t], ranges[t+1])
	})
	g.Interviews = m.interviews()
	g.link()
	indexed.Wait()
	return g
}

// ranges cuts the ranks into about four ranges per worker of equal
// contributions, so that a node with many does not hold up the rest;
// range t is ranks [r[t], r[t+1]).
func (m *merger) ranges() []int {
	n := len(m.ids)
	total := int(m.nodeStart[n]) + int(m.edgeStart[n])
	parts := 1
	if m.workers > 1 {
		parts = 4 * m.workers
	}
	r := []int{0}
	for k := 1; k < parts; k++ {
		want := total * k / parts
		next := r[len(r)-1]
		for next < n && int(m.nodeStart[next])+int(m.edgeStart[next]) < want {
			next++
		}
		if next > r[len(r)-1] {
			r = append(r, next)
		}
	}
	if r[len(r)-1] < n || n == 0 {
		r = append(r, n)
	}
	return r
}

// mergeNodes merges the nodes of ranks [lo, hi), sorts the edges leaving
// them and returns how many distinct edges they are.
func (m *merger) mergeNodes(nodes []Node, lo, hi int) int {
	distinct := 0
	for r := lo; r < hi; r++ {
		parts := m.parts[m.nodeStart[r]:m.nodeStart[r+1]]
		nodes[r] = mergeNode(len(parts), func(i int) *Node { return &m.facts[parts[i].f].Nodes[parts[i].n] })
		out := m.edges[m.edgeStart[r]:m.edgeStart[r+1]]
		if len(out) > 1 {
			slices.SortFunc(out, compareContributions)
		}
		for i := range out {
			if i == 0 || out[i].relTo != out[i-1].relTo {
				distinct++
			}
		}
	}
	return distinct
}

func compareContributions(a, b contribution) int {
	if a.relTo != b.relTo {
		return cmp.Compare(a.relTo, b.relTo)
	}
	return cmp.Compare(a.order, b.order)
}

// mergeEdges fills edges, from and to with the distinct edges leaving
// ranks [lo, hi). An edge of one contribution keeps its sources if they
// are sorted without repeats (most edges are one interview's: those from
// its guest); the others' are pooled in one array for the range, sorted
// and deduplicated. Copying every source would double the sources' memory
// for nothing.
func (m *merger) mergeEdges(edges []Edge, from, to []int32, lo, hi int) {
	// First the groups of equal edges, whether each keeps its sources,
	// and how many sources the pool needs.
	var keeps []bool
	need := 0
	m.eachEdgeGroup(lo, hi, func(_ int, group []contribution) {
		if len(group) == 1 {
			// An empty list is pooled: the merged edge's is empty, not nil.
			if ss := m.sources(group[0]); len(ss) > 0 && SourcesDeduped(ss) {
				keeps = append(keeps, true)
				return
			}
		}
		keeps = append(keeps, false)
		for _, c := range group {
			need += len(m.sources(c))
		}
	})
	pooled := make([]Source, 0, need)
	k := 0
	m.eachEdgeGroup(lo, hi, func(r int, group []contribution) {
		var sources []Source
		if keeps[k] {
			ss := m.sources(group[0])
			sources = ss[:len(ss):len(ss)]
		} else {
			first := len(pooled)
			for _, c := range group {
				pooled = append(pooled, m.sources(c)...)
			}
			sources = DedupSources(pooled[first:len(pooled):len(pooled)])
		}
		e := &m.facts[m.bySlug[group[0].order]].Edges[group[0].e]
		t := int32(group[0].relTo & (1<<32 - 1))
		edges[k] = Edge{From: m.ids[r], To: m.ids[t], Rel: e.Rel, Sources: sources}
		from[k], to[k] = int32(r), t
		k++
	})
}

// eachEdgeGroup calls fn with each run of contributions of one edge
// leaving ranks [lo, hi), in order, and the rank they leave.
func (m *merger) eachEdgeGroup(lo, hi int, fn func(r int, group []contribution)) {
	for r := lo; r < hi; r++ {
		out := m.edges[m.edgeStart[r]:m.edgeStart[r+1]]
		for i := 0; i < len(out); {
			j := i + 1
			for j < len(out) && out[j].relTo == out[i].relTo {
				j++
			}
			fn(r, out[i:j])
			i = j
		}
	}
}

// sources returns the sources of the edge contribution c.
func (m *merger) sources(c contribution) []Source {
	return m.facts[m.bySlug[c.order]].Edges[c.e].Sources
}

// MergeNodes merges the contributions several interviews made to one node.
// The result does not depend on the order of parts, except for ID and Kind
// (the first part's) and Centrality (the last one set): the name is the one
// given most often (ties to the lexically smallest, except that the empty
// name loses every tie), aliases are the sorted union of every other name,
// and the URL is the smallest non-empty one.
func MergeNodes(parts []Node) Node {
	return mergeNode(len(parts), func(i int) *Node { return &parts[i] })
}

// mergeNode is MergeNodes over the n parts that part returns in order, so
// that Merge need not copy them into one slice.
func mergeNode(n int, part func(i int) *Node) Node {
	first := part(0)
	if n == 1 {
		out := *first
		out.Aliases = CleanAliases(out.Name, out.Aliases)
		return out
	}
	out := Node{ID: first.ID, Kind: first.Kind}
	var names nameVotes
	for i := range n {
		p := part(i)
		names.add(p.Name, 1)
		for _, a := range p.Aliases {
			names.add(a, 0)
		}
		if p.URL != "" && (out.URL == "" || p.URL < out.URL) {
			out.URL = p.URL
		}
		if p.Centrality != nil {
			out.Centrality = p.Centrality
		}
	}
	out.Name = names.mostGiven()
	out.Aliases = CleanAliases(out.Name, names.names)
	return out
}

// nameVotes counts how often each distinct name of a node was given. A
// popular node is named thousands of times in a handful of spellings, so
// counting them costs less than sorting them.
type nameVotes struct {
	names []string
	votes []int
	last  int            // the position of the name counted last
	index map[string]int // positions, once there are too many names to scan
}

// maxScannedNames is how many distinct names nameVotes scans before it
// indexes them.
const maxScannedNames = 16

// add counts votes for name (0 for an alias, which is listed but does not
// compete).
func (nv *nameVotes) add(name string, votes int) {
	// The parts of a node mostly repeat one list of names: the name
	// after the last one found, or that one again, usually matches.
	k, next := -1, nv.last+1
	if next == len(nv.names) {
		next = 0
	}
	switch {
	case next < len(nv.names) && nv.names[next] == name:
		k = next
	case nv.last < len(nv.names) && nv.names[nv.last] == name:
		k = nv.last
	case nv.index != nil:
		if i, ok := nv.index[name]; ok {
			k = i
		}
	default:
		k = slices.Index(nv.names, name)
	}
	if k < 0 {
		k = len(nv.names)
		nv.names = append(nv.names, name)
		nv.votes = append(nv.votes, 0)
		if nv.index != nil {
			nv.index[name] = k
		} else if len(nv.names) > maxScannedNames {
			nv.index = make(map[string]int, 2*len(nv.names))
			for i, s := range nv.names {
				nv.index[s] = i
			}
		}
	}
	nv.votes[k] += votes
	nv.last = k
}

// mostGiven returns the name with the most votes: of several, the
// smallest non-empty one.
func (nv *nameVotes) mostGiven() string {
	best, most := "", 0
	for i, name := range nv.names {
		v := nv.votes[i]
		if v > most || (v > 0 && v == most && (best == "" || name != "" && name < best)) {
			best, most = name, v
		}
	}
	return best
}

// CleanAliases returns the distinct non-empty aliases other than name,
// sorted: the canonical alias list of a node called name. It does not
// modify aliases.
func CleanAliases(name string, aliases []string) []string {
	var out []string
	for _, a := range aliases {
		if a != "" && a != name {
			out = append(out, a)
		}
	}
	if len(out) > 1 {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// SourcesDeduped reports whether DedupSources would leave ss as it is:
// sorted by SortSources, without repeats.
func SourcesDeduped(ss []Source) bool {
	for i := 1; i < len(ss); i++ {
		if compareSources(ss[i-1], ss[i]) >= 0 {
			return false
		}
	}
	return true
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
