// Package analytics computes centrality and communities for a
// *graph.Graph, agreeing with networkx.
//
// # The analytics graph
//
// Measures are taken on the analytics graph (see Compact): every node
// except kind interview, every edge except relation features, parallel
// edges of any relations collapsed into one, self-loops dropped. It is
// directed for PageRank, HITS and Recommended, and undirected (an edge
// either way is one edge) for betweenness, harmonic closeness, degree and
// communities. Interview nodes are outside it: Compute gives them zero
// measures and Community -1, so every node of the graph has an entry.
//
// # Measures
//
//   - PageRank: damping 0.85, dangling nodes' rank spread evenly, uniform
//     teleport (networkx's pagerank), by power iteration to an L1 change
//     below N·1e-13.
//   - Betweenness: Brandes' algorithm on the undirected graph, normalised
//     by (n-1)(n-2)/2 pairs, as networkx's betweenness_centrality with
//     normalized=True. Above Options.ExactLimit nodes (DefaultExactLimit,
//     10,000) it is estimated from Options.Pivots sources (DefaultPivots,
//     500) drawn with the seed, each source's dependencies scaled by
//     distance (Geisberger, Sanders and Schultes' linear scaling: a pair
//     counts for a node on its shortest paths in proportion to the
//     node's distance from the source, the pair's other end counting for
//     the rest), the sum scaled by n/pivots; then Analytics.Pivots and
//     Centrality.Approximate are set.
//   - Harmonic closeness: Σ 1/d over reachable nodes, unnormalised, as
//     networkx's harmonic_centrality. Exactly it costs n/64 passes over
//     the edges, quadratic in the graph, so above
//     Options.HarmonicExactLimit nodes (DefaultHarmonicExactLimit, the
//     same 10,000) it is estimated from the betweenness pivots:
//     Σ 1/d(p,v) over the pivots p, scaled by n/pivots.
//   - Degree: undirected neighbours. Recommended: distinct people with a
//     recommends edge to the node.
//   - Hub and Authority: gonum's HITS iteration (run over the CSR rows,
//     same numbers), each vector rescaled to sum 1 as networkx's hits does.
//     Unlike gonum's it stops after 1,000 rounds; interview graphs
//     converge in about 20, a graph whose two largest singular values
//     nearly tie can take millions.
//   - Community and Modularity: Louvain at resolution 1 with the seed;
//     labels 0..k-1 in order of each community's smallest node ID.
//
// Results are deterministic bit for bit: positions follow the graph's
// sorted node IDs, and parallel sums are added in a fixed order whatever
// the number of workers. So Fingerprint, a SHA-256 of the analytics graph
// and the options, names the measures: Compute returns Options.Previous
// unchanged in substance when its Analytics.Fingerprint matches, which is
// what a rebuild after rewording an interview gets.
//
// # Accuracy and speed
//
// Against networkx 3.6.1 (testdata/*.networkx.json, written by
// testdata/make_reference.py) on a hand graph like the seed interview and
// generated graphs of 200 and 5,000 nodes, every measure agrees within
// 2.2e-11 (PageRank), 9.3e-11 (harmonic, 5,000 terms of size up to ~1,500),
// 1.2e-13 (HITS) and 5.0e-16 (betweenness); the tests hold them to 1e-9.
//
// Sampled betweenness on the 5,000-node graph ranks nodes like the exact
// values with Spearman ρ = 0.968 (100 pivots), 0.980 (250), 0.987 (500)
// and 0.992 (1,000); unscaled, it took 1,000 pivots to reach 0.987.
// Sampled harmonic closeness ranks them with ρ = 0.990 (100), 0.997
// (250), 0.998 (500) and 0.999 (1,000). On the 10,000-interview corpus
// graph (18,059 nodes, 311,126 edges), over seeds 1 to 3, 500 scaled
// pivots rank betweenness with ρ = 0.985 to 0.987 and keep 19 or 20 of
// the exact top 20 people, 39 to 41 of the top 50 and 92 to 95 of the
// top 100 nodes; 1,000 unscaled pivots did about as well (ρ = 0.981,
// 18 to 20, 40 to 43, 92 to 95) in twice the time, 500 unscaled worse
// (ρ = 0.978 to 0.980, 35 to 40 of the top 50, 86 of the top 100).
// Harmonic closeness from the 500 pivots has ρ = 0.993 to 0.994 and keeps
// 18 to 20 of the top 20 people; exact, it took about a twentieth of the
// build's processor time.
//
// On the 5,000-node, 36,000-edge graph, in one run of
// testdata/bench_igraph.py on a shared 2-core machine, Betweenness used
// 0.48 s of CPU to igraph 0.10.2's 2.20 s (0.22×) and Harmonic, a
// 64-source bit-parallel search, 0.023 s to igraph's 0.95 s; networkx
// took 79 s and 23 s. Both searches go level by level, each level in the
// direction that visits fewer arcs, over the nodes numbered hubs first
// (see bfs and multiBFS in paths.go). Compute on 50,000 nodes and 250,000
// edges (BenchmarkCompute50000) used 3.2 s of CPU, 2.5 s of wall time
// (medians of 6 on that machine, loaded by other work).
package analytics
