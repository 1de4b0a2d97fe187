package badgerstore

import (
	"bytes"
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// BenchmarkReplaceInterviews measures a bulk build of 1,000 generated
// interviews into a new store, with synced commits (the default) and
// without, to show what durability costs.
func BenchmarkReplaceInterviews(b *testing.B) {
	facts := genMany(1000, 0)
	for _, bc := range []struct {
		name string
		sync bool
	}{{"sync", true}, {"nosync", false}} {
		b.Run(bc.name, func(b *testing.B) {
			tune := func(o badger.Options) badger.Options { return o.WithSyncWrites(bc.sync) }
			cpu := startCPU()
			defer cpu.report(b)
			for b.Loop() {
				b.StopTimer()
				s, err := open(context.Background(), Options{Path: filepath.Join(b.TempDir(), "db")}, tune)
				if err != nil {
					b.Fatal(err)
				}
				before := s.db.MaxVersion()
				b.StartTimer()
				if err := s.ReplaceInterviews(context.Background(), facts); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				b.ReportMetric(float64(s.db.MaxVersion()-before), "commits")
				s.Close()
				b.StartTimer()
			}
		})
	}
}

// store10k is a store of 10,000 generated interviews with analytics (so
// with a graph snapshot), shared by the Load benchmarks; building it takes
// seconds.
var store10k struct {
	once sync.Once
	dir  string
	err  error
}

func build10k(b *testing.B) string {
	b.Helper()
	store10k.once.Do(func() {
		dir, err := makeTempDir()
		if err != nil {
			store10k.err = err
			return
		}
		store10k.dir = filepath.Join(dir, "db")
		s, err := Open(context.Background(), Options{Path: store10k.dir})
		if err != nil {
			store10k.err = err
			return
		}
		defer s.Close()
		ctx := context.Background()
		if store10k.err = s.ReplaceInterviews(ctx, genMany(10000, 0)); store10k.err != nil {
			return
		}
		g, err := s.Load(ctx)
		if err != nil {
			store10k.err = err
			return
		}
		store10k.err = s.SetAnalytics(ctx, fakeAnalytics(g, 1))
	})
	if store10k.err != nil {
		b.Fatal(store10k.err)
	}
	return store10k.dir
}

// BenchmarkLoad measures reading the whole graph of a 10,000-interview
// store (about 100,000 edge keys), as every query does, read-only: from
// the graph snapshot, as Load does while analytics are current; the same
// with sources deferred, as LoadDeferred does; and key merging the
// interviews' records, as Load does when they are stale.
func BenchmarkLoad(b *testing.B) {
	s, err := Open(context.Background(), Options{Path: build10k(b), ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// As the CLI's queries load: each load maps the file anew and keeps
	// the mapping, so each iteration holds on to the snapshot's size in
	// address space (46 MB): keep -benchtime to seconds or a few
	// hundred iterations.
	mapped, err := Open(context.Background(), Options{Path: build10k(b), ReadOnly: true, MapSnapshot: true})
	if err != nil {
		b.Fatal(err)
	}
	defer mapped.Close()
	ctx := context.Background()
	paths := []struct {
		name string
		load func() (*graph.Graph, error)
	}{
		{"snapshot", func() (*graph.Graph, error) { return s.Load(ctx) }},
		{"deferred", func() (*graph.Graph, error) { return s.LoadDeferred(ctx) }},
		{"deferred-mapped", func() (*graph.Graph, error) { return mapped.LoadDeferred(ctx) }},
		{"merge", func() (g *graph.Graph, err error) {
			err = s.db.View(func(txn *badger.Txn) error {
				g, err = mergeRecords(ctx, txn, true)
				return err
			})
			return g, err
		}},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			var g *graph.Graph
			cpu := startCPU()
			for b.Loop() {
				if g, err = p.load(); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
			if g.Analytics == nil {
				b.Fatal("no analytics loaded")
			}
			b.ReportMetric(float64(len(g.Nodes)), "nodes")
			b.ReportMetric(float64(len(g.Edges)), "edges")
		})
	}
}

// BenchmarkInterviews measures listing the interviews of the 10,000
// interview store, which every build does first.
func BenchmarkInterviews(b *testing.B) {
	s, err := Open(context.Background(), Options{Path: build10k(b), ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cpu := startCPU()
	for b.Loop() {
		ivs, err := s.Interviews(context.Background())
		if err != nil || len(ivs) != 10000 {
			b.Fatalf("Interviews = %d, %v", len(ivs), err)
		}
	}
	cpu.report(b)
}

// BenchmarkSnapshotCodec compares the snapshot encoding with encoding/gob
// of the same graph (10,000 interviews): encoded size, and the time to
// decode it into a graph.Graph.
func BenchmarkSnapshotCodec(b *testing.B) {
	g := load10k(b)
	type gobGraph struct {
		Nodes      []graph.Node
		Edges      []graph.Edge
		Interviews []graph.InterviewInfo
		Analytics  *graph.Analytics
	}
	codecs := []struct {
		name   string
		encode func() ([]byte, error)
		decode func([]byte) error
	}{
		{"protowire", func() ([]byte, error) { return encodeSnapshot(g) }, func(blob []byte) error {
			_, err := decodeSnapshot(blob)
			return err
		}},
		{"gob", func() ([]byte, error) {
			var buf bytes.Buffer
			err := gob.NewEncoder(&buf).Encode(gobGraph{g.Nodes, g.Edges, g.Interviews, g.Analytics})
			return buf.Bytes(), err
		}, func(blob []byte) error {
			var d gobGraph
			if err := gob.NewDecoder(bytes.NewReader(blob)).Decode(&d); err != nil {
				return err
			}
			graph.New(d.Nodes, d.Edges, d.Interviews).Analytics = d.Analytics
			return nil
		}},
	}
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			start := time.Now()
			blob, err := c.encode()
			if err != nil {
				b.Fatal(err)
			}
			encode := time.Since(start)
			cpu := startCPU()
			for b.Loop() {
				if err := c.decode(blob); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
			b.ReportMetric(float64(encode.Microseconds())/1000, "encode-ms")
			b.ReportMetric(float64(len(blob))/(1<<20), "MB")
		})
	}
}

// BenchmarkSetAnalytics measures storing analytics and the graph snapshot
// for the 10,000-interview store, which a build does after any change.
func BenchmarkSetAnalytics(b *testing.B) {
	s, err := Open(context.Background(), Options{Path: build10k(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	g, err := s.Load(ctx)
	if err != nil {
		b.Fatal(err)
	}
	a := fakeAnalytics(g, 1)
	cpu := startCPU()
	for b.Loop() {
		if err := s.SetAnalytics(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkOpenLoad measures a whole query start: read-only Open, Load,
// Close.
func BenchmarkOpenLoad(b *testing.B) {
	path := build10k(b)
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		s, err := Open(context.Background(), Options{Path: path, ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Load(context.Background()); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkNoopReplace measures replacing an interview by equal facts,
// which an incremental build does for every unchanged file.
func BenchmarkNoopReplace(b *testing.B) {
	s := openTemp(b)
	f := genFacts(7, 0)
	replaceAll(b, s, f)
	for b.Loop() {
		if err := s.ReplaceInterview(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuClock measures the process's CPU time (user and system), which
// unlike wall time does not depend on what else the machine runs.
type cpuClock struct{ start time.Duration }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{cpuTime()} }

// report adds the CPU milliseconds per operation to the benchmark.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuTime()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// TestMain removes the shared benchmark store after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if store10k.dir != "" {
		os.RemoveAll(filepath.Dir(store10k.dir))
	}
	os.Exit(code)
}

// BenchmarkColdBuild measures what a cold build of 10,000 generated
// interviews asks of the store: ReplaceInterviews in batches of 256 (as
// graph/ingest writes them) into a new store, then the key scan Load does
// for analytics and SetAnalytics. Each phase reports its CPU time, which
// includes Badger's background flushes and compactions.
func BenchmarkColdBuild(b *testing.B) {
	facts := genMany(10000, 0)
	ctx := context.Background()
	var write, load, set time.Duration
	for b.Loop() {
		b.StopTimer()
		s, err := Open(ctx, Options{Path: filepath.Join(b.TempDir(), "db")})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c := cpuTime()
		for i := 0; i < len(facts); i += 256 {
			if err := s.ReplaceInterviews(ctx, facts[i:min(i+256, len(facts))]); err != nil {
				b.Fatal(err)
			}
		}
		write += cpuTime() - c
		c = cpuTime()
		g, err := s.Load(ctx)
		if err != nil {
			b.Fatal(err)
		}
		load += cpuTime() - c
		c = cpuTime()
		if err := s.SetAnalytics(ctx, fakeAnalytics(g, 1)); err != nil {
			b.Fatal(err)
		}
		set += cpuTime() - c
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) / float64(b.N) }
	b.ReportMetric(ms(write), "write-cpu-ms/op")
	b.ReportMetric(ms(load), "load-cpu-ms/op")
	b.ReportMetric(ms(set), "set-cpu-ms/op")
}

// load10k loads the graph of the 10,000-interview store.
func load10k(b *testing.B) *graph.Graph {
	b.Helper()
	s, err := Open(context.Background(), Options{Path: build10k(b), ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g, err := s.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkNumberInGroups numbers the evidence texts of the
// 10,000-interview graph by interview, as the snapshot encoder does.
func BenchmarkNumberInGroups(b *testing.B) {
	g := load10k(b)
	slugs := map[string]uint32{}
	var texts []string
	var group []uint32
	for _, e := range g.Edges {
		for _, src := range e.Sources {
			n, ok := slugs[src.Interview]
			if !ok {
				n = uint32(len(slugs))
				slugs[src.Interview] = n
			}
			texts = append(texts, src.Text)
			group = append(group, n)
		}
	}
	for b.Loop() {
		numberInGroups(texts, group, len(slugs))
	}
	b.ReportMetric(float64(len(texts)), "texts")
}
