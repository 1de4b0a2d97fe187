package analytics

import (
	"context"
	"fmt"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Defaults for Options' zero values.
const (
	// DefaultSeed seeds Louvain and the betweenness pivots.
	DefaultSeed = 1
	// DefaultExactLimit is the largest graph (in analytics-graph nodes)
	// whose betweenness is computed exactly.
	DefaultExactLimit = 10000
	// DefaultPivots is the number of sampled sources above the limit.
	// Scaled by distance, 500 rank nodes as well as 1,000 did unscaled
	// (see the package documentation).
	DefaultPivots = 500
	// DefaultHarmonicExactLimit is the largest graph whose harmonic
	// closeness is computed exactly: the same as DefaultExactLimit, so
	// both path measures are sampled from the same pivots or neither is.
	// Exact harmonic closeness costs n/64 passes over the edges, which
	// grows with the square of the graph; sampled, it costs pivots/64.
	DefaultHarmonicExactLimit = DefaultExactLimit
)

// Options tunes Compute. The zero value is ready to use.
type Options struct {
	// Seed seeds Louvain and the choice of betweenness pivots; 0 means
	// DefaultSeed.
	Seed int64
	// ExactLimit is the number of nodes above which betweenness is
	// sampled; 0 means DefaultExactLimit, negative means always exact.
	ExactLimit int
	// Pivots is the number of sampled sources; 0 means DefaultPivots.
	Pivots int
	// HarmonicExactLimit is the number of nodes above which harmonic
	// closeness is sampled from the same pivots; 0 means
	// DefaultHarmonicExactLimit, negative means always exact.
	HarmonicExactLimit int
	// Workers is the number of goroutines for the shortest-path measures;
	// 0 means runtime.GOMAXPROCS.
	Workers int
	// Previous, if set, holds analytics computed before. When their
	// Fingerprint is this graph's, Compute returns their measures
	// instead of computing the same numbers again.
	Previous *graph.Analytics
}

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.ExactLimit == 0 {
		o.ExactLimit = DefaultExactLimit
	}
	if o.Pivots <= 0 {
		o.Pivots = DefaultPivots
	}
	if o.HarmonicExactLimit == 0 {
		o.HarmonicExactLimit = DefaultHarmonicExactLimit
	}
	return o
}

// Compute computes every measure for g's analytics graph (see the package
// documentation). Every node of g gets an entry; interview nodes, which
// are outside the analytics graph, get zero measures and Community -1.
func Compute(ctx context.Context, g *graph.Graph, opts Options) (*graph.Analytics, error) {
	opts = opts.withDefaults()
	c := NewCompact(g)
	n := c.N()
	fingerprint := Fingerprint(c, opts)
	if a, ok := reuse(g, c, opts.Previous, fingerprint); ok {
		return a, nil
	}

	pagerank, err := PageRank(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	hubs, authorities, err := HITS(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	labels, q := Communities(c, opts.Seed)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}

	var pivots int
	var betweenness, harmonic []float64
	if opts.ExactLimit < 0 || n <= opts.ExactLimit || opts.Pivots >= n {
		// One search per source serves both measures.
		res, err := runPaths(ctx, c, pathJob{betweenness: true, harmonic: true}, opts.Workers)
		if err != nil {
			return nil, fmt.Errorf("analytics: shortest paths: %w", err)
		}
		normalizeBetweenness(res.betweenness, n, n)
		betweenness, harmonic = res.betweenness, res.harmonic
	} else {
		pivots = opts.Pivots
		if betweenness, err = SampledBetweenness(ctx, c, pivots, opts.Seed, opts.Workers); err != nil {
			return nil, fmt.Errorf("analytics: sampled betweenness: %w", err)
		}
		if opts.HarmonicExactLimit < 0 || n <= opts.HarmonicExactLimit {
			harmonic, err = HarmonicContext(ctx, c, opts.Workers)
		} else {
			harmonic, err = SampledHarmonic(ctx, c, pivots, opts.Seed, opts.Workers)
		}
		if err != nil {
			return nil, fmt.Errorf("analytics: harmonic closeness: %w", err)
		}
	}

	degree, recommended := Degree(c), Recommended(c)
	communities := 0
	out := &graph.Analytics{Centrality: make(map[string]graph.Centrality, len(g.Nodes)), Modularity: q, Pivots: pivots,
		Fingerprint: fingerprint}
	for _, nd := range g.Nodes {
		if nd.Kind == graph.Interview {
			out.Centrality[nd.ID] = graph.Centrality{Community: -1}
		}
	}
	for v := range n {
		communities = max(communities, labels[v]+1)
		out.Centrality[c.ID(v)] = graph.Centrality{
			PageRank:    pagerank[v],
			Betweenness: betweenness[v],
			Harmonic:    harmonic[v],
			Degree:      degree[v],
			Recommended: recommended[v],
			Hub:         hubs[v],
			Authority:   authorities[v],
			Community:   labels[v],
			Approximate: pivots > 0,
		}
	}
	out.Communities = communities
	return out, nil
}

// reuse returns prev's measures for g, whose analytics graph c has the
// given fingerprint, if prev was computed from the same analytics graph
// and options: every measure would come out the same.
func reuse(g *graph.Graph, c *Compact, prev *graph.Analytics, fingerprint string) (*graph.Analytics, bool) {
	if prev == nil || prev.Fingerprint != fingerprint {
		return nil, false
	}
	out := &graph.Analytics{Centrality: make(map[string]graph.Centrality, len(g.Nodes)), Modularity: prev.Modularity,
		Communities: prev.Communities, Pivots: prev.Pivots, Fingerprint: fingerprint}
	for _, nd := range g.Nodes {
		if nd.Kind == graph.Interview {
			out.Centrality[nd.ID] = graph.Centrality{Community: -1}
		}
	}
	for v := range c.N() {
		m, ok := prev.Centrality[c.ID(v)]
		if !ok {
			return nil, false
		}
		out.Centrality[c.ID(v)] = m
	}
	return out, true
}
