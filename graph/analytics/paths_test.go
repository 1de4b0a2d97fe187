package analytics_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/analytics"
)

// TestPathsAgreeWithTextbookBrandes checks the level-synchronous searches
// against Brandes' algorithm as the paper writes it (a queue, predecessor
// lists, dependencies pushed back along them) on shapes that exercise
// them: deep paths searched top-down, hubs that switch the search to
// bottom-up, ties between many shortest paths, and unreachable nodes.
func TestPathsAgreeWithTextbookBrandes(t *testing.T) {
	tests := []struct {
		name string
		g    *graph.Graph
	}{
		{"path of 12", numbered(12, line(0, 12))},
		{"even cycle of 10", numbered(10, append(line(0, 10), [2]int{9, 0}))},
		{"6 by 5 grid", numbered(30, grid(6, 5))},
		{"complete bipartite 4 and 5", numbered(9, bipartite(4, 5))},
		{"star of stars", numbered(31, starOfStars(5, 5))},
		{"wheel, path and isolated nodes", numbered(24, append(wheel(0, 10), line(12, 20)...))},
		{"generated", generated(t, 300, 2000, 21)},
		{"generated sparse", generated(t, 300, 250, 22)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := analytics.NewCompact(tc.g)
			n := c.N()
			all := make([]int32, n)
			for i := range all {
				all[i] = int32(i)
			}
			wantBC, wantH := textbookBrandes(c, all, false)
			scale := 0.0
			if n > 2 {
				scale = 1 / float64((n-1)*(n-2))
			}
			for v := range wantBC {
				wantBC[v] *= scale
			}
			for _, workers := range []int{1, 2} {
				closeTo(t, fmt.Sprintf("betweenness, %d workers", workers), analytics.Betweenness(c, workers), wantBC)
				closeTo(t, fmt.Sprintf("harmonic, %d workers", workers), analytics.Harmonic(c, workers), wantH)
			}

			// Scaled by distance, the dependencies of every source add up
			// to the exact sum.
			linearBC, _ := textbookBrandes(c, all, true)
			for v := range linearBC {
				linearBC[v] *= scale
			}
			closeTo(t, "linear scaling over every source", linearBC, wantBC)

			pivots := analytics.Pivots(n, n/3, 5)
			wantBC, wantH = textbookBrandes(c, pivots, true)
			for v := range wantBC {
				wantBC[v] *= scale * float64(n) / float64(len(pivots))
				wantH[v] *= float64(n) / float64(len(pivots))
			}
			bc, err := analytics.SampledBetweenness(context.Background(), c, len(pivots), 5, 2)
			if err != nil {
				t.Fatal(err)
			}
			closeTo(t, "sampled betweenness", bc, wantBC)
			h, err := analytics.SampledHarmonic(context.Background(), c, len(pivots), 5, 2)
			if err != nil {
				t.Fatal(err)
			}
			closeTo(t, "sampled harmonic", h, wantH)
		})
	}
}

// textbookBrandes returns, for every node v, the raw betweenness (the sum
// of v's dependencies over the sources) and Σ 1/d(s,v) over the sources s
// that reach it. With linear, dependencies are scaled by distance as
// Geisberger, Sanders and Schultes write it: a target t counts for v by
// d(s,v)/d(s,t), and twice, since the pair's other end counts for the rest.
func textbookBrandes(c *analytics.Compact, sources []int32, linear bool) (bc, harmonic []float64) {
	n := c.N()
	bc, harmonic = make([]float64, n), make([]float64, n)
	for _, s := range sources {
		dist := make([]int, n)
		for v := range dist {
			dist[v] = -1
		}
		sigma := make([]float64, n)
		pred := make([][]int, n)
		var stack []int
		dist[s], sigma[s] = 0, 1
		queue := []int{int(s)}
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			stack = append(stack, v)
			if v != int(s) {
				harmonic[v] += 1 / float64(dist[v])
			}
			for _, w32 := range c.Neighbors(v) {
				w := int(w32)
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
					pred[w] = append(pred[w], v)
				}
			}
		}
		delta := make([]float64, n)
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range pred[w] {
				if linear {
					delta[v] += sigma[v] / sigma[w] * float64(dist[v]) / float64(dist[w]) * (1 + delta[w])
				} else {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if w != int(s) {
				if linear {
					bc[w] += 2 * delta[w]
				} else {
					bc[w] += delta[w]
				}
			}
		}
	}
	return bc, harmonic
}

func closeTo(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for v := range want {
		if math.Abs(got[v]-want[v]) > 1e-12*math.Max(1, math.Abs(want[v])) {
			t.Errorf("%s: node %d: %v, textbook %v", what, v, got[v], want[v])
		}
	}
}

// numbered is the graph of nodes topic/n000 … in that (sorted) order, so
// that Compact positions are the numbers used in edges.
func numbered(nodes int, edges [][2]int) *graph.Graph {
	ns := make([]graph.Node, nodes)
	for i := range ns {
		ns[i] = graph.Node{ID: fmt.Sprintf("topic/n%03d", i), Kind: graph.Topic}
	}
	es := make([]graph.Edge, len(edges))
	for i, e := range edges {
		es[i] = graph.Edge{From: ns[e[0]].ID, To: ns[e[1]].ID, Rel: graph.PartOf}
	}
	return graph.New(ns, es, nil)
}

// line links from, from+1, …, to-1 in a line.
func line(from, to int) [][2]int {
	var es [][2]int
	for v := from; v+1 < to; v++ {
		es = append(es, [2]int{v, v + 1})
	}
	return es
}

func grid(w, h int) [][2]int {
	var es [][2]int
	for y := range h {
		for x := range w {
			if x+1 < w {
				es = append(es, [2]int{y*w + x, y*w + x + 1})
			}
			if y+1 < h {
				es = append(es, [2]int{y*w + x, (y+1)*w + x})
			}
		}
	}
	return es
}

func bipartite(a, b int) [][2]int {
	var es [][2]int
	for u := range a {
		for v := range b {
			es = append(es, [2]int{u, a + v})
		}
	}
	return es
}

// starOfStars is a hub (node 0) with arms stars of leaves each, the
// arms' centres linked in a ring.
func starOfStars(arms, leaves int) [][2]int {
	var es [][2]int
	next := 1
	for a := range arms {
		centre := next
		next++
		es = append(es, [2]int{0, centre}, [2]int{centre, 1 + (a+1)%arms*(leaves+1)})
		for range leaves {
			es = append(es, [2]int{centre, next})
			next++
		}
	}
	return es
}

// wheel is a hub (node from) and a cycle of spokes-1 nodes around it.
func wheel(from, spokes int) [][2]int {
	var es [][2]int
	for i := 1; i < spokes; i++ {
		es = append(es, [2]int{from, from + i}, [2]int{from + i, from + 1 + i%(spokes-1)})
	}
	return es
}
