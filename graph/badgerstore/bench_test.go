package badgerstore

import (
	"context"
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

// store10k is a store of 10,000 generated interviews shared by the Load
// benchmarks; building it takes seconds.
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
		store10k.err = s.ReplaceInterviews(context.Background(), genMany(10000, 0))
	})
	if store10k.err != nil {
		b.Fatal(store10k.err)
	}
	return store10k.dir
}

// BenchmarkLoad measures Load of a 10,000-interview store (about 100,000
// edge keys), as every query does, read-only.
func BenchmarkLoad(b *testing.B) {
	s, err := Open(context.Background(), Options{Path: build10k(b), ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var g *graph.Graph
	cpu := startCPU()
	for b.Loop() {
		if g, err = s.Load(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(len(g.Nodes)), "nodes")
	b.ReportMetric(float64(len(g.Edges)), "edges")
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
