package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/peoplegraph/peoplegraph/corpus"
	"github.com/peoplegraph/peoplegraph/extract"
)

// tableOptions configure 'pgbench table'.
type tableOptions struct {
	sizes      []int
	seed       int64
	src        string // module root, for 'go build ./cmd/peoplegraph'
	bin        string // a built peoplegraph, instead of building one
	work       string // where corpora and databases go; removed after
	content    string // the shipped content, rendered as a whole map
	cpuprofile string // directory for one CPU profile per size
	cliRuns    int
	pairs      int // floor and cold build pairs per size
}

func runTable(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("table", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := tableOptions{}
	sizes := fs.String("sizes", "1000,10000,100000", "comma-separated corpus sizes")
	fs.Int64Var(&o.seed, "seed", 1, "corpus seed")
	fs.StringVar(&o.src, "src", ".", "peoplegraph module root to build the binary from")
	fs.StringVar(&o.bin, "bin", "", "use this peoplegraph binary instead of building one")
	fs.StringVar(&o.work, "work", "", "work directory (default: a new temporary directory, removed at the end)")
	fs.StringVar(&o.content, "content", "content", "shipped content to build and render as a whole map ('' to skip)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of each in-process build to this directory")
	fs.IntVar(&o.cliRuns, "cli-runs", 10, "who-covers CLI runs; the median is reported")
	fs.IntVar(&o.pairs, "pairs", 5, "floor and cold build pairs per size; the medians are reported")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.pairs < 1 || o.cliRuns < 1 {
		return fmt.Errorf("-pairs %d, -cli-runs %d: each needs at least one run", o.pairs, o.cliRuns)
	}
	var err error
	if o.sizes, err = parseSizes(*sizes); err != nil {
		return err
	}
	if o.work == "" {
		if o.work, err = os.MkdirTemp("", "pgbench-"); err != nil {
			return err
		}
		defer os.RemoveAll(o.work)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find pgbench itself: %w", err)
	}
	if o.bin == "" {
		o.bin = filepath.Join(o.work, "peoplegraph")
		build := exec.CommandContext(ctx, "go", "build", "-o", o.bin, "./cmd/peoplegraph")
		build.Dir, build.Stdout, build.Stderr = o.src, stderr, stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/peoplegraph in %s: %w", o.src, err)
		}
	}
	t := &table{}
	for _, n := range o.sizes {
		fmt.Fprintf(stderr, "pgbench: measuring %d interviews\n", n)
		col, err := measureSize(ctx, o, self, n, stderr)
		if err != nil {
			return fmt.Errorf("%d interviews: %w", n, err)
		}
		t.cols = append(t.cols, col)
	}
	var shipped *sample
	if o.content != "" {
		if shipped, err = renderShipped(ctx, o, stderr); err != nil {
			return err
		}
	}
	t.write(stdout)
	if shipped != nil {
		fmt.Fprintf(stdout, "\nWhole map of the shipped content (%s): %s wall, %s peak RSS.\n",
			o.content, secs(shipped.wall.Seconds()), mb(shipped.maxRSS))
	}
	return nil
}

// parseSizes reads "1000,10000" or "1k,10k,100k".
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		mul := 1
		if rest, ok := strings.CutSuffix(f, "k"); ok {
			f, mul = rest, 1000
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 || n > corpus.MaxInterviews/mul {
			return nil, fmt.Errorf("-sizes: %q is not a corpus size from 1 to %d", f, corpus.MaxInterviews)
		}
		sizes = append(sizes, n*mul)
	}
	return sizes, nil
}

// sample is one measured process.
type sample struct {
	wall   time.Duration
	cpu    time.Duration // user and system
	maxRSS int64         // bytes
	out    []byte
}

// measure runs a process to completion and reports its wall time and the
// peak resident set of the process.
func measure(ctx context.Context, name string, args ...string) (sample, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start), out: out.Bytes()}
	if ps := cmd.ProcessState; ps != nil {
		s.maxRSS = maxRSS(ps)
		s.cpu = ps.UserTime() + ps.SystemTime()
	}
	if err != nil {
		return s, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, errb.Bytes())
	}
	return s, nil
}

// column is every figure measured for one corpus size.
type column struct {
	n, files          int
	bytes             int64
	gen               time.Duration
	pairs             pairStats // floor and cold build, run in turn
	floor             sample    // the median of the pairs' floors
	cold, noop, one   sample    // cold: the median of the pairs' builds
	reworded          sample    // a one-file rebuild that keeps the graph's shape
	phases            phasesResult
	queries           queriesResult
	whoCoversCLI      time.Duration // median
	whoCoversCLIRSS   int64
	render            sample
	topic, showEntity string
}

func measureSize(ctx context.Context, o tableOptions, self string, n int, stderr io.Writer) (*column, error) {
	dir := filepath.Join(o.work, strconv.Itoa(n))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	content, db := filepath.Join(dir, "content"), filepath.Join(dir, "db")
	c := &column{n: n}
	start := time.Now()
	if err := corpus.Generate(content, n, o.seed); err != nil {
		return nil, err
	}
	c.gen = time.Since(start)
	gen, err := corpus.New(n, o.seed)
	if err != nil {
		return nil, err
	}
	c.topic, c.showEntity = gen.Topic(0), gen.Person(0)

	step := func(what string) { fmt.Fprintf(stderr, "pgbench:   %d: %s\n", n, what) }
	pairs, err := measurePairs(ctx, self, o.bin, content, db, o.pairs, func(i int) {
		step(fmt.Sprintf("floor and cold build, pair %d of %d", i+1, o.pairs))
	})
	if err != nil {
		return nil, err
	}
	c.pairs = summarize(pairs)
	c.floor, c.cold = c.pairs.floor, c.pairs.build
	var fr floorResult
	if err := json.Unmarshal(c.floor.out, &fr); err != nil {
		return nil, fmt.Errorf("floor output: %w", err)
	}
	c.files, c.bytes = fr.Files, fr.Bytes

	pg := func(args ...string) (sample, error) {
		return measure(ctx, o.bin, append([]string{"--db", db}, args...)...)
	}
	step("no-op rebuild")
	if c.noop, err = pg("build", content); err != nil {
		return nil, err
	}
	step("one-file rebuild")
	if err := editOne(content, addRecommendation); err != nil {
		return nil, err
	}
	if c.one, err = pg("build", content); err != nil {
		return nil, err
	}
	step("one-file rebuild, same shape")
	if err := editOne(content, rewordTitle); err != nil {
		return nil, err
	}
	if c.reworded, err = pg("build", content); err != nil {
		return nil, err
	}

	step("who-covers CLI")
	var walls []time.Duration
	for range o.cliRuns {
		s, err := pg("who-covers", c.topic)
		if err != nil {
			return nil, err
		}
		walls = append(walls, s.wall)
		c.whoCoversCLIRSS = max(c.whoCoversCLIRSS, s.maxRSS)
	}
	slices.Sort(walls)
	c.whoCoversCLI = walls[len(walls)/2]

	step("render --top 150")
	if c.render, err = pg("render", "--top", "150", "-o", filepath.Join(dir, "top150.svg")); err != nil {
		return nil, err
	}

	step("queries in process")
	q, err := measure(ctx, self, "queries", "-db", db, "-topic", c.topic, "-name", c.showEntity)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(q.out, &c.queries); err != nil {
		return nil, fmt.Errorf("queries output: %w", err)
	}

	step("ingest and analytics in process")
	args := []string{"phases", "-db", filepath.Join(dir, "db-phases")}
	if o.cpuprofile != "" {
		if err := os.MkdirAll(o.cpuprofile, 0o755); err != nil {
			return nil, err
		}
		args = append(args, "-cpuprofile", filepath.Join(o.cpuprofile, fmt.Sprintf("build-%d.pprof", n)))
	}
	ph, err := measure(ctx, self, append(args, content)...)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(ph.out, &c.phases); err != nil {
		return nil, fmt.Errorf("phases output: %w", err)
	}
	return c, nil
}

// addRecommendation is an edit that changes the graph's shape: the guest
// recommends someone nobody named before.
func addRecommendation(post []byte) ([]byte, error) {
	return append(post, "\n#### Who should our readers follow?\n\nHere are the people I learn the most from:\n\n- Quillon Vantrell, Acme: Kubernetes\n"...), nil
}

// rewordTitle is an edit that keeps the graph's shape: the title gains a
// word, as when a typo is fixed, so the analytics come out the same.
func rewordTitle(post []byte) ([]byte, error) {
	for _, marker := range []string{"\ntitle: \"", "\ntitle = \""} {
		if i := bytes.Index(post, []byte(marker)); i >= 0 {
			at := i + len(marker)
			return slices.Concat(post[:at], []byte("Revised: "), post[at:]), nil
		}
	}
	return nil, errors.New("no quoted title in the front matter")
}

// editOne applies edit to one interview in the middle of the corpus.
func editOne(content string, edit func([]byte) ([]byte, error)) error {
	files, err := extract.Discover(content)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no interviews under %s", content)
	}
	path := files[len(files)/2].Path
	post, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if post, err = edit(post); err != nil {
		return fmt.Errorf("edit %s: %w", path, err)
	}
	return os.WriteFile(path, post, 0o644)
}

// renderShipped builds the shipped content into its own database and
// times the whole-graph map.
func renderShipped(ctx context.Context, o tableOptions, stderr io.Writer) (*sample, error) {
	fmt.Fprintf(stderr, "pgbench: map of %s\n", o.content)
	dir := filepath.Join(o.work, "shipped")
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "db")
	if _, err := measure(ctx, o.bin, "--db", db, "build", o.content); err != nil {
		return nil, err
	}
	s, err := measure(ctx, o.bin, "--db", db, "render", "-o", filepath.Join(dir, "map.svg"))
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// table prints the columns as one Markdown table.
type table struct{ cols []*column }

func (t *table) write(w io.Writer) {
	fmt.Fprintf(w, "GOMAXPROCS %d, %s/%s, %s.\n\n", runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Fprint(w, "| figure |")
	for _, c := range t.cols {
		fmt.Fprintf(w, " %s interviews |", thousands(c.n))
	}
	fmt.Fprint(w, " growth |\n|---|")
	for range t.cols {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprint(w, "---|\n")

	row := func(name string, f cellFuncs) {
		cell, value := f.cell, f.value
		fmt.Fprintf(w, "| %s |", name)
		for _, c := range t.cols {
			fmt.Fprintf(w, " %s |", cell(c))
		}
		var growth []string
		if value != nil {
			for i := 1; i < len(t.cols); i++ {
				a, b := value(t.cols[i-1]), value(t.cols[i])
				if a > 0 {
					growth = append(growth, fmt.Sprintf("×%.1f", b/a))
				}
			}
		}
		fmt.Fprintf(w, " %s |\n", strings.Join(growth, " → "))
	}
	vsFloor := func(get func(c *column) float64) cellFuncs {
		return cellFuncs{func(c *column) string {
			return fmt.Sprintf("%s (%.1f× floor)", secs(get(c)), get(c)/c.floor.wall.Seconds())
		}, get}
	}
	plain := func(get func(c *column) float64) cellFuncs {
		return cellFuncs{func(c *column) string { return secs(get(c)) }, get}
	}
	memory := func(get func(c *column) int64) cellFuncs {
		return cellFuncs{func(c *column) string { return mb(get(c)) }, func(c *column) float64 { return float64(get(c)) }}
	}

	row("corpus: files, MB of markdown", cellFuncs{func(c *column) string {
		return fmt.Sprintf("%d, %.1f MB", c.files, float64(c.bytes)/1e6)
	}, func(c *column) float64 { return float64(c.bytes) }})
	row("generate corpus (in process)", plain(func(c *column) float64 { return c.gen.Seconds() }))
	row("**floor**: read + goldmark parse, whole process", cellFuncs{func(c *column) string {
		return fmt.Sprintf("%s, %s", secs(c.floor.wall.Seconds()), mb(c.floor.maxRSS))
	}, func(c *column) float64 { return c.floor.wall.Seconds() }})
	row("ingest: read, parse, extract, store (in process)", vsFloor(func(c *column) float64 { return c.phases.Ingest }))
	row("analytics (in process)", plain(func(c *column) float64 { return c.phases.Analytics }))
	row("**cold build**, whole CLI process", vsFloor(func(c *column) float64 { return c.cold.wall.Seconds() }))
	row("cold build ÷ floor, pair by pair: median (range)", cellFuncs{func(c *column) string {
		if c.pairs.n == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f× (%.2f–%.2f×) of %d", c.pairs.ratio, c.pairs.lowest, c.pairs.highest, c.pairs.n)
	}, func(c *column) float64 { return c.pairs.ratio }})
	row("cold build processor time ÷ floor's, median", cellFuncs{func(c *column) string {
		if c.pairs.n == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f× (%s against %s)", c.pairs.cpuRatio, secs(c.cold.cpu.Seconds()), secs(c.floor.cpu.Seconds()))
	}, func(c *column) float64 { return c.pairs.cpuRatio }})
	row("cold build peak RSS", memory(func(c *column) int64 { return c.cold.maxRSS }))
	row("no-op rebuild, CLI", plain(func(c *column) float64 { return c.noop.wall.Seconds() }))
	row("one-file rebuild incl. analytics, CLI", plain(func(c *column) float64 { return c.one.wall.Seconds() }))
	row("one-file rebuild, same shape (analytics reused), CLI", plain(func(c *column) float64 { return c.reworded.wall.Seconds() }))
	row("open + load graph (in process)", plain(func(c *column) float64 { return c.queries.Load }))
	row("who-covers, median over every topic (in process)", plain(func(c *column) float64 { return c.queries.TopicsMedian }))
	row("who-covers, slowest topic (in process)", plain(func(c *column) float64 { return c.queries.TopicsSlowest }))
	row("who-covers most named topic, median (in process)", plain(func(c *column) float64 { return c.queries.WhoCovers }))
	row("show, median (in process)", plain(func(c *column) float64 { return c.queries.Show }))
	row("who-covers CLI process, median", plain(func(c *column) float64 { return c.whoCoversCLI.Seconds() }))
	row("who-covers CLI peak RSS", memory(func(c *column) int64 { return c.whoCoversCLIRSS }))
	row("render --top 150 (SVG), CLI", plain(func(c *column) float64 { return c.render.wall.Seconds() }))
	fmt.Fprint(w, "\nwho-covers asks for the most named topic: ")
	for i, c := range t.cols {
		if i > 0 {
			fmt.Fprint(w, "; ")
		}
		fmt.Fprintf(w, "%q (%d answers) at %s", c.topic, c.queries.Answers, thousands(c.n))
	}
	fmt.Fprintln(w, ".")
	fmt.Fprint(w, "Every topic means every topic, service and organization, each timed by its median of three runs; the slowest: ")
	for i, c := range t.cols {
		if i > 0 {
			fmt.Fprint(w, "; ")
		}
		fmt.Fprintf(w, "%q (%d answers) of %s at %s", c.queries.SlowestTopic, c.queries.SlowestAnswers, thousands(c.queries.Topics), thousands(c.n))
	}
	fmt.Fprintln(w, ".")
}

// cellFuncs format one row: cell prints a column's figure and value is
// the number whose growth from size to size the last column shows.
type cellFuncs struct {
	cell  func(c *column) string
	value func(c *column) float64
}

func secs(s float64) string {
	switch {
	case s < 0.001:
		return fmt.Sprintf("%.0f µs", s*1e6)
	case s < 1:
		return fmt.Sprintf("%.0f ms", s*1e3)
	}
	return fmt.Sprintf("%.2f s", s)
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func thousands(n int) string {
	if n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}
