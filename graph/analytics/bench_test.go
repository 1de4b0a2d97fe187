package analytics_test

import (
	"context"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/analytics"
)

// Benchmark graphs: the 5,000-node graph is the committed gen5000 (about
// 36,000 undirected edges), the 50,000-node one has about 250,000.
var (
	benchOnce  sync.Map // size → *graph.Graph
	benchSizes = map[int][2]int{5000: {42000, 5000}, 50000: {283000, 50000}}
)

func benchGraph(b *testing.B, nodes int) *graph.Graph {
	b.Helper()
	if g, ok := benchOnce.Load(nodes); ok {
		return g.(*graph.Graph)
	}
	cfg := benchSizes[nodes]
	g := generated(b, nodes, cfg[0], uint64(cfg[1]))
	benchOnce.Store(nodes, g)
	return g
}

func BenchmarkCompute5000(b *testing.B)  { benchCompute(b, 5000) }
func BenchmarkCompute50000(b *testing.B) { benchCompute(b, 50000) }

func benchCompute(b *testing.B, nodes int) {
	g := benchGraph(b, nodes)
	c := analytics.NewCompact(g)
	b.ReportMetric(float64(c.Edges()), "edges")
	b.ResetTimer()
	withCPUTime(b, func() {
		if _, err := analytics.Compute(context.Background(), g, analytics.Options{}); err != nil {
			b.Fatal(err)
		}
	})
}

// The building blocks on the 5,000-node graph, for comparison with igraph
// (testdata/bench_igraph.py runs these). They report the CPU time used as
// well as wall time, since igraph runs on one core.
func BenchmarkBetweenness5000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 5000))
	withCPUTime(b, func() { analytics.Betweenness(c, 0) })
}

func BenchmarkHarmonic5000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 5000))
	withCPUTime(b, func() { analytics.Harmonic(c, 0) })
}

func withCPUTime(b *testing.B, f func()) {
	b.Helper()
	start := cpuTime(b)
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}

func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkCommunities5000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 5000))
	for b.Loop() {
		analytics.Communities(c, 1)
	}
}

func BenchmarkPageRank50000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 50000))
	for b.Loop() {
		if _, err := analytics.PageRank(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHITS50000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 50000))
	for b.Loop() {
		if _, _, err := analytics.HITS(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommunities50000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 50000))
	for b.Loop() {
		analytics.Communities(c, 1)
	}
}

func BenchmarkHarmonic50000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 50000))
	for b.Loop() {
		analytics.Harmonic(c, 0)
	}
}

func BenchmarkSampledBetweenness50000(b *testing.B) {
	c := analytics.NewCompact(benchGraph(b, 50000))
	for b.Loop() {
		if _, err := analytics.SampledBetweenness(context.Background(), c, analytics.DefaultPivots, 1, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewCompact50000(b *testing.B) {
	g := benchGraph(b, 50000)
	for b.Loop() {
		analytics.NewCompact(g)
	}
}
