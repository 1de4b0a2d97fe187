package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/peoplegraph/peoplegraph/corpus"
	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
	"github.com/peoplegraph/peoplegraph/graph/ingest"
	"github.com/peoplegraph/peoplegraph/graph/query"
	"github.com/peoplegraph/peoplegraph/internal/gcpace"
)

func runGen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of interviews")
	seed := fs.Int64("seed", 1, "random seed; the same seed writes the same bytes")
	dir, err := oneDir(fs, args)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := corpus.Generate(dir, *n, *seed); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d interviews under %s in %.1fs\n", *n, dir, time.Since(start).Seconds())
	return nil
}

// floorResult is what 'pgbench floor' prints.
type floorResult struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

// runFloor is the floor every build is compared with: find the interview
// files, read each and parse it with goldmark's default parser, on as many
// goroutines as the build uses, and nothing else.
func runFloor(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir, err := oneDir(fs, args)
	if err != nil {
		return err
	}
	files, err := extract.Discover(dir)
	if err != nil {
		return err
	}
	res, err := floor(files, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}

func floor(files []extract.File, workers int) (floorResult, error) {
	var (
		mu    sync.Mutex
		res   = floorResult{Files: len(files)}
		first error
		wg    sync.WaitGroup
	)
	// Files are claimed by counting and read as the build claims and
	// reads them.
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := goldmark.DefaultParser()
			var n int64
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					break
				}
				data, err := ingest.ReadFile(files[i].Path)
				if err != nil {
					mu.Lock()
					first = cmpOr(first, err)
					mu.Unlock()
					continue
				}
				p.Parse(text.NewReader(data))
				n += int64(len(data))
			}
			mu.Lock()
			res.Bytes += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	return res, first
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// phasesResult is what 'pgbench phases' prints, in seconds.
type phasesResult struct {
	Files     int     `json:"files"`
	Ingest    float64 `json:"ingest"`
	Analytics float64 `json:"analytics"`
	// CPU time (user and system, every thread) of each phase; zero where
	// the system does not report it.
	IngestCPU    float64 `json:"ingest_cpu"`
	AnalyticsCPU float64 `json:"analytics_cpu"`
}

// runPhases does what 'peoplegraph build' does into a new database, timing
// ingest (discover, read, parse, extract, store) apart from analytics.
func runPhases(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("phases", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database directory to create (must not exist)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole build to this file")
	memprofile := fs.String("memprofile", "", "write a profile of the whole build's allocations to this file")
	dir, err := oneDir(fs, args)
	if err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("phases: -db is required")
	}
	stop, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	// As 'peoplegraph build' does, the collector lets the heap grow to
	// gcpace.BuildFloor, and the gazetteer is built while the folders are
	// walked.
	defer gcpace.Relax(gcpace.BuildFloor)()
	start, cpu := time.Now(), processCPU()
	type gazetteerResult struct {
		g   *gazetteer.Gazetteer
		err error
	}
	built := make(chan gazetteerResult, 1)
	go func() {
		g, err := gazetteer.Default()
		built <- gazetteerResult{g, err}
	}()
	files, err := extract.Discover(dir)
	if err != nil {
		return err
	}
	gr := <-built
	if gr.err != nil {
		return gr.err
	}
	gaz := gr.g
	s, err := badgerstore.Open(ctx, badgerstore.Options{Path: *db})
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := ingest.Sync(ctx, s, extract.New(gaz), files, ingest.Options{Roots: []string{dir}, SkipAnalytics: true})
	if err != nil {
		return err
	}
	if err := rep.Err(); err != nil {
		return err
	}
	res := phasesResult{Files: rep.Files, Ingest: time.Since(start).Seconds(), IngestCPU: (processCPU() - cpu).Seconds()}
	start, cpu = time.Now(), processCPU()
	if err := ingest.Analyse(ctx, s, ingest.Options{}.Analytics); err != nil {
		return err
	}
	res.Analytics, res.AnalyticsCPU = time.Since(start).Seconds(), (processCPU() - cpu).Seconds()
	if err := writeAllocsProfile(*memprofile); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}

// queriesResult is what 'pgbench queries' prints, in seconds.
type queriesResult struct {
	Load      float64 `json:"load"`
	WhoCovers float64 `json:"who_covers_median"`
	Answers   int     `json:"who_covers_answers"`
	Show      float64 `json:"show_median"`
	// Over every topic, service and organization: each one's median of
	// a few runs, and the median and the largest of those.
	Topics         int     `json:"who_covers_topics"`
	TopicsMedian   float64 `json:"who_covers_topics_median"`
	TopicsSlowest  float64 `json:"who_covers_topics_slowest"`
	SlowestTopic   string  `json:"who_covers_slowest_topic"`
	SlowestAnswers int     `json:"who_covers_slowest_answers"`
}

// runQueries loads the graph once and times who-covers and show on it.
func runQueries(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("queries", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database directory")
	topic := fs.String("topic", "", "topic for who-covers")
	name := fs.String("name", "", "entity for show")
	runs := fs.Int("runs", 101, "runs of each query; the median is printed")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of loading and querying to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || *topic == "" || *name == "" || *runs < 1 {
		return fmt.Errorf("queries: -db, -topic, -name and a positive -runs are required")
	}
	stop, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	start := time.Now()
	s, err := badgerstore.Open(ctx, badgerstore.Options{Path: *db, ReadOnly: true})
	if err != nil {
		return err
	}
	g, err := s.Load(ctx)
	s.Close()
	if err != nil {
		return err
	}
	res := queriesResult{Load: time.Since(start).Seconds()}
	res.WhoCovers, err = median(*runs, func() error {
		r, err := query.WhoCovers(g, *topic, query.WhoCoversOptions{})
		if err == nil {
			res.Answers = len(r.Answers)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("who-covers %q: %w", *topic, err)
	}
	res.Show, err = median(*runs, func() error {
		_, err := query.Show(g, *name)
		return err
	})
	if err != nil {
		return fmt.Errorf("show %q: %w", *name, err)
	}
	if err := timeEveryTopic(g, &res); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}

// timeEveryTopic asks who-covers of every topic, service and organization
// of g, as a user would ask of any of them: the median of each one's
// median of three runs, and the slowest.
func timeEveryTopic(g *graph.Graph, res *queriesResult) error {
	var medians []float64
	for _, n := range g.Nodes {
		if n.Kind != graph.Topic && n.Kind != graph.Service && n.Kind != graph.Organization {
			continue
		}
		answers := 0
		m, err := median(3, func() error {
			r, err := query.WhoCovers(g, n.ID, query.WhoCoversOptions{})
			if err == nil {
				answers = len(r.Answers)
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("who-covers %q: %w", n.ID, err)
		}
		if m > res.TopicsSlowest {
			res.TopicsSlowest, res.SlowestTopic, res.SlowestAnswers = m, n.Name, answers
		}
		medians = append(medians, m)
	}
	if len(medians) == 0 {
		return nil
	}
	slices.Sort(medians)
	res.Topics, res.TopicsMedian = len(medians), medians[len(medians)/2]
	return nil
}

// median runs f n times and returns the median wall time in seconds.
func median(n int, f func() error) (float64, error) {
	ts := make([]float64, n)
	for i := range ts {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		ts[i] = time.Since(start).Seconds()
	}
	slices.Sort(ts)
	return ts[n/2], nil
}

// writeAllocsProfile writes what the process has allocated so far, by
// where, to path; an empty path writes nothing.
func writeAllocsProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("memory profile %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("memory profile %s: %w", path, err)
	}
	return nil
}

// startCPUProfile profiles the process into path until stop is called; an
// empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
