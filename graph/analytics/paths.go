package analytics

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Shortest-path measures on the undirected analytics graph: one breadth-
// first search per source, over the CSR arrays, with buffers reused from
// source to source.
//
// Sources are cut into a fixed number of contiguous chunks, each with its
// own accumulator, which workers take in turn; chunks are summed in chunk
// order at the end. Every float is therefore added in the same order
// whatever the number of workers or their scheduling, and results are
// identical bit for bit from run to run.

// chunks is the number of source chunks: enough to keep many workers busy,
// few enough that the per-chunk accumulators stay small.
const chunks = 32

// hubsFirst is the undirected graph of a Compact with its nodes numbered
// by decreasing degree. Most arcs lead to the few hubs, whose per-node
// values then share a few cache lines that stay in the nearest cache.
type hubsFirst struct {
	adjStart, adj []int32
	toNew         []int32 // new number by Compact position
}

// hubsFirst returns c's hubs-first numbering, building it on first use.
func (c *Compact) hubsFirst() *hubsFirst {
	c.hubsOnce.Do(func() { c.hubs = newHubsFirst(c) })
	return c.hubs
}

func newHubsFirst(c *Compact) *hubsFirst {
	n := c.N()
	toOld := make([]int32, n)
	for v := range toOld {
		toOld[v] = int32(v)
	}
	degree := func(v int32) int32 { return c.adjStart[v+1] - c.adjStart[v] }
	slices.SortStableFunc(toOld, func(a, b int32) int { return int(degree(b) - degree(a)) })
	g := &hubsFirst{adjStart: make([]int32, n+1), adj: make([]int32, len(c.adj)), toNew: make([]int32, n)}
	for nv, v := range toOld {
		g.toNew[v] = int32(nv)
		g.adjStart[nv+1] = g.adjStart[nv] + degree(v)
	}
	// Appending every node to its neighbours' rows in increasing order of
	// the new numbers leaves the rows sorted.
	next := slices.Clone(g.adjStart[:n])
	for nv, v := range toOld {
		for _, u := range c.Neighbors(int(v)) {
			nu := g.toNew[u]
			g.adj[next[nu]] = int32(nv)
			next[nu]++
		}
	}
	return g
}

// toCompact renumbers x, indexed by g's numbers, by Compact positions.
func (g *hubsFirst) toCompact(x []float64) []float64 {
	out := make([]float64, len(x))
	for v, nv := range g.toNew {
		out[v] = x[nv]
	}
	return out
}

// bfs holds one worker's buffers for a search from one source.
//
// The search is level-synchronous and direction-optimising (Beamer et
// al., SC 2012), and the back-propagation pulls instead of pushing, so
// that most arcs are visited by loops that only add:
//
//   - Forward, from a small level, every node pushes its path count to
//     all its neighbours, not just to those one level further: the other
//     pushes land on entries that are not read again, and skipping them
//     would take a test the processor mispredicts often.
//   - Forward, from a large level, every node not reached yet sums the
//     counts of all its neighbours; those reached are on the next level.
//     Path counts are kept by node in two arrays taking turns by the
//     parity of the level, so the one read for level d holds, on the
//     neighbours of unreached nodes, level d's counts and zeros.
//   - Backward, level by level from the deepest, a node's dependency is
//     its path count times the sum, over all its neighbours, of
//     (1+δ(w))/σ(w), an array set for the deeper levels only: of those,
//     only the level just below is adjacent. When that level has far
//     fewer arcs than the current one, its nodes push their coefficients
//     to all their neighbours instead.
type bfs struct {
	// order is the visit order; the nodes of level d are
	// order[levels[d]:levels[d+1]].
	order  []int32
	levels []int32
	arcs   []int // arcs[d] is the number of arcs from level d
	seen   []bool
	// unseen lists the nodes not reached yet, while searching bottom-up.
	unseen []int32
	// paths holds path counts by node, of even levels in paths[0] and of
	// odd ones in paths[1]; sigma holds them in visit order.
	paths [2][]float64
	sigma []float64
	// coeff is (1+δ(w))/σ(w) by node for the levels below the one being
	// propagated, zero elsewhere; delta holds δ in visit order.
	coeff []float64
	delta []float64
	// inflow sums coefficients pushed back to the nodes of a level.
	inflow []float64
}

func newBFS(n int) *bfs {
	return &bfs{
		order:  make([]int32, n),
		seen:   make([]bool, n),
		paths:  [2][]float64{make([]float64, n), make([]float64, n)},
		sigma:  make([]float64, n),
		coeff:  make([]float64, n),
		delta:  make([]float64, n),
		inflow: make([]float64, n),
	}
}

// pushCost is how many times more a pushed arc costs than a pulled one,
// as measured on the 10,000-interview graph (where anything from 2 to 5
// does as well).
const pushCost = 3

// search runs a breadth-first search from s, counting shortest paths,
// and returns the number of nodes reached (s included).
func (b *bfs) search(g *hubsFirst, s int32) int {
	order, seen, sigma := b.order, b.seen, b.sigma
	adjStart, adj := g.adjStart, g.adj
	degree := func(v int32) int { return int(adjStart[v+1] - adjStart[v]) }
	order[0], seen[s], sigma[0], b.paths[0][s] = s, true, 1, 1
	b.levels = append(b.levels[:0], 0)
	frontierArcs, unseenArcs := degree(s), len(adj)-degree(s)
	b.arcs = append(b.arcs[:0], frontierArcs)
	bottomUp := false
	lo, hi := 0, 1
	for d := 0; lo < hi; d++ {
		b.levels = append(b.levels, int32(hi))
		cur, next := b.paths[d&1], b.paths[(d+1)&1]
		tail := hi
		if unseenArcs < pushCost*frontierArcs {
			if !bottomUp {
				b.unseen = b.unseen[:0]
				for v, ok := range seen {
					if !ok {
						b.unseen = append(b.unseen, int32(v))
					}
				}
				bottomUp = true
			}
			left := b.unseen[:0]
			for _, w := range b.unseen {
				sw := gather(cur, adj[adjStart[w]:adjStart[w+1]])
				if sw == 0 {
					left = append(left, w)
					continue
				}
				order[tail], seen[w], sigma[tail], next[w] = w, true, sw, sw
				tail++
			}
			b.unseen = left
		} else {
			bottomUp = false
			for i := lo; i < hi; i++ {
				sv := sigma[i]
				v := order[i]
				for _, w := range adj[adjStart[v]:adjStart[v+1]] {
					if !seen[w] {
						seen[w] = true
						order[tail] = w
						tail++
					}
					next[w] += sv
				}
			}
			for i := hi; i < tail; i++ {
				sigma[i] = next[order[i]]
			}
		}
		frontierArcs = 0
		for _, w := range order[hi:tail] {
			frontierArcs += degree(w)
		}
		unseenArcs -= frontierArcs
		b.arcs = append(b.arcs, frontierArcs)
		lo, hi = hi, tail
	}
	return hi
}

// gather is the sum of x over the positions in idx. Four partial sums
// let the additions overlap instead of waiting for one another.
func gather(x []float64, idx []int32) float64 {
	var s0, s1, s2, s3 float64
	for len(idx) >= 4 {
		s0 += x[idx[0]]
		s1 += x[idx[1]]
		s2 += x[idx[2]]
		s3 += x[idx[3]]
		idx = idx[4:]
	}
	for _, i := range idx {
		s0 += x[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// harmonic is Σ 1/d over the nodes reached by the last search.
func (b *bfs) harmonic() float64 {
	var h float64
	for d := 1; d+1 < len(b.levels); d++ {
		h += float64(b.levels[d+1]-b.levels[d]) / float64(d)
	}
	return h
}

// accumulate adds the last search's pair dependencies to acc (Brandes'
// back-propagation, pulled level by level from the deepest).
//
// Scaled by distance (linear), the dependency of the source s on a node v
// at distance d counts each target t at distance d_t with weight
// 2·d/d_t: the pair's two ends then share its two counts in proportion to
// how far v is from each, instead of a pivot giving its nearest nodes a
// full count of pairs that mostly lie elsewhere (Geisberger, Sanders and
// Schultes' linear scaling). Summed over every source it is Brandes'
// exact sum; from a sample of pivots it ranks nodes better. The
// recursion is Brandes' with each target weighted 1/d_t, and the node's
// sum multiplied by 2d.
func (b *bfs) accumulate(g *hubsFirst, acc []float64, linear bool) {
	order, levels, sigma, coeff, delta := b.order, b.levels, b.sigma, b.coeff, b.delta
	adjStart, adj := g.adjStart, g.adj
	last := len(levels) - 2
	if last < 1 {
		return
	}
	// The deepest level has no dependencies.
	for i, u := levels[last], targetWeight(last, linear); i < levels[last+1]; i++ {
		coeff[order[i]] = u / sigma[i]
	}
	for d := last - 1; d >= 1; d-- {
		lo, hi := levels[d], levels[d+1]
		u, sc := targetWeight(d, linear), 1.0
		if linear {
			sc = 2 * float64(d)
		}
		if pushCost*b.arcs[d+1] < b.arcs[d] {
			// The level below has few arcs: push its coefficients back
			// to all its neighbours. Those not on level d are done.
			inflow := b.inflow
			for _, u := range order[hi:levels[d+2]] {
				cu := coeff[u]
				for _, w := range adj[adjStart[u]:adjStart[u+1]] {
					inflow[w] += cu
				}
			}
			for i := lo; i < hi; i++ {
				w := order[i]
				delta[i] = sigma[i] * inflow[w]
				acc[w] += sc * delta[i]
			}
		} else {
			for i := lo; i < hi; i++ {
				w := order[i]
				delta[i] = sigma[i] * gather(coeff, adj[adjStart[w]:adjStart[w+1]])
				acc[w] += sc * delta[i]
			}
		}
		for i := lo; i < hi; i++ {
			coeff[order[i]] = (u + delta[i]) / sigma[i]
		}
	}
}

// targetWeight is what a node at distance d counts for as a target: 1,
// or 1/d scaled by distance.
func targetWeight(d int, linear bool) float64 {
	if linear {
		return 1 / float64(d)
	}
	return 1
}

// reset clears what the last search touched.
func (b *bfs) reset(reached int) {
	// Clearing whole arrays is faster than scattered writes once the
	// search has reached a good part of the graph.
	if reached > len(b.order)/4 {
		clear(b.seen)
		clear(b.paths[0])
		clear(b.paths[1])
		clear(b.coeff)
		clear(b.inflow)
		return
	}
	for _, v := range b.order[:reached] {
		b.seen[v] = false
		b.paths[0][v] = 0
		b.paths[1][v] = 0
		b.coeff[v] = 0
		b.inflow[v] = 0
	}
}

// pathJob says what to compute from which sources.
type pathJob struct {
	sources     []int32 // nil: every node
	betweenness bool
	harmonic    bool
	// linear scales dependencies by distance (see accumulate).
	linear bool
}

// pathResult holds raw sums: betweenness is the sum of dependencies over
// the job's sources (each unordered pair counted twice when all sources
// are used); harmonic is set only for the job's sources.
type pathResult struct {
	betweenness []float64
	harmonic    []float64
}

// runPaths runs job over workers goroutines, checking ctx between sources.
func runPaths(ctx context.Context, c *Compact, job pathJob, workers int) (pathResult, error) {
	n := c.N()
	var res pathResult
	if job.harmonic {
		res.harmonic = make([]float64, n)
	}
	sources := job.sources
	if sources == nil {
		sources = make([]int32, n)
		for i := range sources {
			sources[i] = int32(i)
		}
	}
	g := c.hubsFirst()
	sums, err := sumChunks(ctx, min(chunks, len(sources)), n, workers,
		func() *bfs { return newBFS(n) },
		func(b *bfs, ci, k int, acc []float64, stopped func() bool) {
			for _, s := range sources[ci*len(sources)/k : (ci+1)*len(sources)/k] {
				if stopped() {
					return
				}
				reached := b.search(g, g.toNew[s])
				if job.harmonic {
					res.harmonic[s] = b.harmonic()
				}
				if job.betweenness {
					b.accumulate(g, acc, job.linear)
				}
				b.reset(reached)
			}
		})
	if err != nil {
		return pathResult{}, err
	}
	if job.betweenness {
		res.betweenness = g.toCompact(sums)
	}
	return res, nil
}

// sumChunks runs chunk for chunk indices 0..k-1 on workers goroutines
// (≤ 0: runtime.GOMAXPROCS), each chunk with a fresh accumulator of length
// n and its worker's state, and returns the accumulators summed in chunk
// order. chunk is called as chunk(state, index, k, acc, stopped) and
// should return early once stopped() reports that ctx is done.
func sumChunks[W any](ctx context.Context, k, n, workers int, newWorker func() W, chunk func(w W, index, k int, acc []float64, stopped func() bool)) ([]float64, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	acc := make([][]float64, k)
	var next atomic.Int64
	var stop atomic.Bool
	done := ctx.Done()
	stopped := func() bool {
		select {
		case <-done:
			stop.Store(true)
			return true
		default:
			return false
		}
	}
	var wg sync.WaitGroup
	for range min(workers, max(k, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for !stop.Load() {
				ci := int(next.Add(1) - 1)
				if ci >= k {
					return
				}
				acc[ci] = make([]float64, n)
				chunk(w, ci, k, acc[ci], stopped)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum := make([]float64, n)
	for _, a := range acc {
		for v, x := range a {
			sum[v] += x
		}
	}
	return sum, nil
}

// normalizeBetweenness turns raw dependency sums from sampled of n sources
// into networkx's normalised undirected betweenness: the sum is scaled up
// by n/sampled to estimate the sum over all sources, then divided by
// (n-1)(n-2) — each unordered pair was counted from both ends, so this is
// the pair count (n-1)(n-2)/2 applied to half the sum.
func normalizeBetweenness(raw []float64, n, sampled int) {
	if n <= 2 {
		clear(raw)
		return
	}
	scale := 1 / (float64(n-1) * float64(n-2))
	if sampled < n {
		scale *= float64(n) / float64(sampled)
	}
	for v := range raw {
		raw[v] *= scale
	}
}

// Betweenness is the exact betweenness centrality of every node of the
// undirected graph (Brandes' algorithm), normalised as networkx's
// betweenness_centrality(G, normalized=True) on an undirected graph.
// workers ≤ 0 means runtime.GOMAXPROCS.
func Betweenness(c *Compact, workers int) []float64 {
	bc, _ := BetweennessContext(context.Background(), c, workers)
	return bc
}

// BetweennessContext is Betweenness, stopping with ctx's error when ctx
// is done.
func BetweennessContext(ctx context.Context, c *Compact, workers int) ([]float64, error) {
	res, err := runPaths(ctx, c, pathJob{betweenness: true}, workers)
	if err != nil {
		return nil, err
	}
	normalizeBetweenness(res.betweenness, c.N(), c.N())
	return res.betweenness, nil
}

// SampledBetweenness estimates betweenness from pivots source nodes drawn
// without replacement with the given seed, each pivot's dependencies
// scaled by distance (see accumulate), the sum by n/pivots. With pivots ≥
// N it is exact.
func SampledBetweenness(ctx context.Context, c *Compact, pivots int, seed int64, workers int) ([]float64, error) {
	n := c.N()
	if pivots >= n {
		return BetweennessContext(ctx, c, workers)
	}
	sources := Pivots(n, pivots, seed)
	res, err := runPaths(ctx, c, pathJob{sources: sources, betweenness: true, linear: true}, workers)
	if err != nil {
		return nil, err
	}
	normalizeBetweenness(res.betweenness, n, len(sources))
	return res.betweenness, nil
}

// Pivots draws k distinct positions below n with the given seed, sorted
// (so that the sampled sum is added in a fixed order).
func Pivots(n, k int, seed int64) []int32 {
	k = max(0, min(k, n))
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6269_7473))
	perm := rng.Perm(n)[:k]
	out := make([]int32, k)
	for i, p := range perm {
		out[i] = int32(p)
	}
	slices.Sort(out)
	return out
}

// Harmonic is the harmonic closeness centrality of every node, Σ 1/d(v,u)
// over the nodes u reachable from v, unnormalised, as networkx's
// harmonic_centrality. workers ≤ 0 means runtime.GOMAXPROCS.
func Harmonic(c *Compact, workers int) []float64 {
	h, _ := HarmonicContext(context.Background(), c, workers)
	return h
}

// HarmonicContext is Harmonic, stopping with ctx's error when ctx is done.
//
// It runs 64 breadth-first searches at once, one bit of a word per source
// (the multi-source BFS of Then et al., VLDB 2014): each level ORs the
// neighbours' frontier words, so a pass over the edges serves 64 sources,
// and nodes every source has reached are skipped. Since the graph is
// undirected, d(s,v) = d(v,s) and each level adds popcount/d to the
// harmonic sum of the nodes it reaches.
func HarmonicContext(ctx context.Context, c *Compact, workers int) ([]float64, error) {
	sources := make([]int32, c.N())
	for i := range sources {
		sources[i] = int32(i)
	}
	return harmonicSums(ctx, c, sources, workers)
}

// SampledHarmonic estimates harmonic closeness from pivots source nodes,
// the ones SampledBetweenness draws with the same seed, scaling the sums
// by n/pivots. The graph is undirected, so Σ 1/d(p,v) over the pivots p is
// in expectation pivots/n of v's own harmonic sum; the cost is pivots/64
// passes instead of n/64, linear in the graph rather than quadratic. With
// pivots ≥ N it is exact.
func SampledHarmonic(ctx context.Context, c *Compact, pivots int, seed int64, workers int) ([]float64, error) {
	n := c.N()
	if pivots >= n {
		return HarmonicContext(ctx, c, workers)
	}
	sources := Pivots(n, pivots, seed)
	acc, err := harmonicSums(ctx, c, sources, workers)
	if err != nil {
		return nil, err
	}
	scale := float64(n) / float64(len(sources))
	for v := range acc {
		acc[v] *= scale
	}
	return acc, nil
}

// harmonicSums is, for every node v, Σ 1/d(s,v) over the sources, searched
// from in batches of 64 consecutive sources.
func harmonicSums(ctx context.Context, c *Compact, sources []int32, workers int) ([]float64, error) {
	n := c.N()
	g := c.hubsFirst()
	batches := (len(sources) + 63) / 64
	sums, err := sumChunks(ctx, min(chunks, batches), n, workers,
		func() *multiBFS { return newMultiBFS(n) },
		func(ms *multiBFS, ci, k int, acc []float64, stopped func() bool) {
			for batch := ci * batches / k; batch < (ci+1)*batches/k; batch++ {
				if stopped() {
					return
				}
				ms.sources = ms.sources[:0]
				for _, s := range sources[batch*64 : min(len(sources), batch*64+64)] {
					ms.sources = append(ms.sources, g.toNew[s])
				}
				ms.run(g, ms.sources, acc)
			}
		})
	if err != nil {
		return nil, err
	}
	return g.toCompact(sums), nil
}

// multiBFS holds one worker's words for searches from up to 64 sources.
type multiBFS struct {
	seen, frontier, next []uint64
	sources              []int32 // scratch for a batch's sources
}

func newMultiBFS(n int) *multiBFS {
	return &multiBFS{seen: make([]uint64, n), frontier: make([]uint64, n), next: make([]uint64, n)}
}

// run searches from sources (distinct, at most 64) and adds, for every
// node v, Σ 1/d(s,v) over those sources to acc[v].
//
// Like bfs.search it chooses a direction per level: while the frontier
// is small its nodes OR their words into their neighbours' (top-down);
// once it is large, every node not yet reached from all sources ORs its
// neighbours' frontier words (bottom-up). Both give the same words.
func (m *multiBFS) run(g *hubsFirst, sources []int32, acc []float64) {
	seen, frontier, next := m.seen, m.frontier, m.next
	clear(seen)
	clear(frontier)
	full := ^uint64(0) >> (64 - uint(len(sources)))
	adjStart, adj := g.adjStart, g.adj
	degree := func(v int) int { return int(adjStart[v+1] - adjStart[v]) }
	frontierArcs, openArcs := 0, len(adj)
	for i, s := range sources {
		bit := uint64(1) << uint(i)
		seen[s] |= bit
		frontier[s] |= bit
		frontierArcs += degree(int(s))
	}
	if full == 1 {
		openArcs -= frontierArcs
	}
	for d := 1; ; d++ {
		inv := 1 / float64(d)
		// Words are cheap to OR in place, unlike path counts: on the
		// 10,000-interview graph, pushing cost about what pulling did,
		// so the cheaper side is the one with fewer arcs.
		if frontierArcs < openArcs {
			clear(next)
			for v, f := range frontier {
				if f == 0 {
					continue
				}
				for _, u := range adj[adjStart[v]:adjStart[v+1]] {
					next[u] |= f
				}
			}
		} else {
			for v, sv := range seen {
				if sv == full {
					next[v] = 0
					continue
				}
				// Rows list hubs first, which most sources reach early:
				// stop once every source still missing has reached v.
				need := full &^ sv
				var reach uint64
				for _, u := range adj[adjStart[v]:adjStart[v+1]] {
					reach |= frontier[u]
					if reach&need == need {
						break
					}
				}
				next[v] = reach
			}
		}
		frontierArcs = 0
		for v, reach := range next {
			reach &^= seen[v]
			next[v] = reach
			if reach == 0 {
				continue
			}
			seen[v] |= reach
			acc[v] += float64(bits.OnesCount64(reach)) * inv
			frontierArcs += degree(v)
			if seen[v] == full {
				openArcs -= degree(v)
			}
		}
		if frontierArcs == 0 {
			return
		}
		frontier, next = next, frontier
	}
}
