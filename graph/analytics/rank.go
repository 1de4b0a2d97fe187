package analytics

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Damping is PageRank's damping factor.
const Damping = 0.85

// Convergence settings. PageRank stops when the L1 change of the rank
// vector falls below N·pageRankTol (networkx's criterion with a much
// tighter tol than its default 1e-6); HITS stops when gonum's 2-norm
// changes fall below hitsTol, or after hitsMaxIter rounds.
const (
	pageRankTol     = 1e-13
	pageRankMaxIter = 1000
	hitsTol         = 1e-12
	hitsMaxIter     = 1000
)

// PageRank is the PageRank of every node of the directed graph with
// damping 0.85, the rank of dangling nodes spread evenly over all nodes,
// and a uniform teleport vector — networkx's pagerank defaults. It is a
// power iteration from the uniform vector, pulling along in-edges so that
// every sum is added in a fixed order.
//
// gonum's network.PageRank and PageRankSparse compute the same vector
// (they spread dangling mass evenly too), but start from a random vector
// drawn from the global source and stop on a 2-norm test, so their last
// digits change from run to run; this iteration is deterministic.
func PageRank(ctx context.Context, c *Compact) ([]float64, error) {
	n := c.N()
	if n == 0 {
		return nil, nil
	}
	outDeg := make([]float64, n)
	var dangling []int32
	for v := range n {
		d := c.outStart[v+1] - c.outStart[v]
		outDeg[v] = float64(d)
		if d == 0 {
			dangling = append(dangling, int32(v))
		}
	}
	x := make([]float64, n)
	next := make([]float64, n)
	share := make([]float64, n) // x[u]/outdeg(u)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	inv := 1 / float64(n)
	for iter := 0; iter < pageRankMaxIter; iter++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var danglingSum float64
		for _, v := range dangling {
			danglingSum += x[v]
		}
		for u := range n {
			if outDeg[u] > 0 {
				share[u] = x[u] / outDeg[u]
			}
		}
		base := Damping*danglingSum*inv + (1-Damping)*inv
		var diff float64
		for v := range n {
			var s float64
			for _, u := range c.in[c.inStart[v]:c.inStart[v+1]] {
				s += share[u]
			}
			next[v] = Damping*s + base
			diff += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if diff < float64(n)*pageRankTol {
			return x, nil
		}
	}
	return nil, fmt.Errorf("pagerank: no convergence in %d iterations", pageRankMaxIter)
}

// HITS is the hub and authority score of every node of the directed
// graph, rescaled so that each vector sums to 1 (networkx's hits
// normalises by the sum). A graph without edges gets zeros, where the
// 2-norm normalisation would divide by zero.
//
// It is gonum's network.HITS, step for step — authorities from hubs,
// hubs from the new authorities, each scaled to unit 2-norm, until both
// changes (floats.Norm) fall below hitsTol — but over the CSR rows: gonum
// first copies the graph into per-node slices through its iterators and
// returns a map, which cost more than the iteration itself. The sums are
// added in the same order, so the numbers are gonum's to the last bit.
//
// Unlike gonum's, the iteration stops after hitsMaxIter rounds. Interview
// graphs converge in about 20, but the rate is the squared ratio of the
// two largest singular values, and a graph where they nearly tie (two
// parts of almost equal weight) can need millions of rounds. There the
// last iterate is returned: still nonnegative and summing to 1, but not
// the fixed point gonum would reach. The error is ctx's, if it is
// cancelled.
func HITS(ctx context.Context, c *Compact) (hubs, authorities []float64, err error) {
	hubs, authorities, _, err = hits(ctx, c, hitsMaxIter)
	return hubs, authorities, err
}

// hits is HITS stopping after maxIter rounds; rounds is the number run,
// maxIter if the iteration did not converge.
func hits(ctx context.Context, c *Compact, maxIter int) (hubs, authorities []float64, rounds int, err error) {
	n := c.N()
	hubs, authorities = make([]float64, n), make([]float64, n)
	if c.Arcs() == 0 {
		return hubs, authorities, 0, nil
	}
	hub, auth := hubs, authorities
	for v := range n {
		hub[v], auth[v] = 1, 1
	}
	deltaHub, deltaAuth := make([]float64, n), make([]float64, n)
	// step sets x[v] to the sum of y over v's row, scaled to unit 2-norm,
	// and delta[v] to the change.
	step := func(x, y, delta []float64, start, col []int32) {
		var norm float64
		for v := range x {
			var s float64
			for _, u := range col[start[v]:start[v+1]] {
				s += y[u]
			}
			delta[v] = x[v]
			x[v] = s
			norm += s * s
		}
		norm = math.Sqrt(norm)
		for v := range x {
			x[v] /= norm
			delta[v] -= x[v]
		}
	}
	for rounds < maxIter {
		if err := ctx.Err(); err != nil {
			return nil, nil, rounds, err
		}
		rounds++
		step(auth, hub, deltaAuth, c.inStart, c.in)
		step(hub, auth, deltaHub, c.outStart, c.out)
		if floats.Norm(deltaAuth, 2) < hitsTol && floats.Norm(deltaHub, 2) < hitsTol {
			break
		}
	}
	var hs, as float64
	for v := range n {
		hs += hub[v]
		as += auth[v]
	}
	for v := range n {
		hub[v] /= hs
		auth[v] /= as
	}
	return hubs, authorities, rounds, nil
}
