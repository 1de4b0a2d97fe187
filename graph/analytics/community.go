package analytics

import (
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph/community"
)

// Communities partitions the undirected graph with gonum's Louvain
// (community.Modularize at resolution 1) driven by a PCG source seeded
// with seed, and returns each node's community label and the partition's
// modularity Q.
//
// Labels are 0..k-1 in order of each community's smallest position, that
// is of its smallest node ID, so they do not depend on how gonum numbers
// its communities. Isolated nodes are communities of their own.
func Communities(c *Compact, seed int64) (labels []int, q float64) {
	n := c.N()
	labels = make([]int, n)
	if n == 0 {
		return labels, 0
	}
	if c.Edges() == 0 {
		for v := range labels {
			labels[v] = v
		}
		return labels, 0
	}
	reduced := community.Modularize(c.Undirected(), 1, rand.NewPCG(uint64(seed), 0x6c6f_7576))
	comms := reduced.Communities()
	// Order communities by their smallest member.
	firsts := make([][2]int64, len(comms)) // (smallest member, index)
	for i, members := range comms {
		first := int64(n)
		for _, m := range members {
			first = min(first, m.ID())
		}
		firsts[i] = [2]int64{first, int64(i)}
	}
	slices.SortFunc(firsts, func(a, b [2]int64) int { return int(a[0] - b[0]) })
	for label, f := range firsts {
		for _, m := range comms[f[1]] {
			labels[m.ID()] = label
		}
	}
	// The top level of the reduction has one node per community with the
	// internal edge weight as a self-loop, so Q of its trivial partition is
	// the partition's Q, without gonum's pairwise walk of each community.
	q = community.Q(reduced, nil, 1)
	return labels, q
}

// Modularity is Newman's modularity of the undirected graph partitioned by
// labels: Σ_c [ L_c/m − (d_c/2m)² ] with L_c the edges inside community c
// and d_c the degree sum of its members.
func Modularity(c *Compact, labels []int) float64 {
	m := float64(c.Edges())
	if m == 0 {
		return 0
	}
	k := 0
	for _, l := range labels {
		k = max(k, l+1)
	}
	inside := make([]float64, k)
	degree := make([]float64, k)
	for v := range c.N() {
		nb := c.Neighbors(v)
		degree[labels[v]] += float64(len(nb))
		for _, u := range nb {
			if labels[u] == labels[v] {
				inside[labels[v]] += 0.5
			}
		}
	}
	var q float64
	for i := range k {
		q += inside[i]/m - (degree[i]/(2*m))*(degree[i]/(2*m))
	}
	return q
}
