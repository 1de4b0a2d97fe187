package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// pair is one floor process and one cold build of the same corpus, run
// back to back so that both see the machine at about the same speed.
type pair struct{ floor, build sample }

func (p pair) ratio() float64    { return p.build.wall.Seconds() / p.floor.wall.Seconds() }
func (p pair) cpuRatio() float64 { return p.build.cpu.Seconds() / p.floor.cpu.Seconds() }

// pairStats sums up pairs: the median floor and build (by wall time),
// and the median, lowest and highest of the ratios taken pair by pair.
// On a shared machine whose speed drifts by 10-20% from minute to minute,
// the median of per-pair ratios moves far less than the ratio of two
// single runs.
type pairStats struct {
	n                      int
	floor, build           sample
	ratio, lowest, highest float64
	cpuRatio               float64
}

func summarize(pairs []pair) pairStats {
	if len(pairs) == 0 {
		return pairStats{}
	}
	st := pairStats{n: len(pairs)}
	floors, builds := make([]sample, len(pairs)), make([]sample, len(pairs))
	ratios, cpuRatios := make([]float64, len(pairs)), make([]float64, len(pairs))
	for i, p := range pairs {
		floors[i], builds[i] = p.floor, p.build
		ratios[i], cpuRatios[i] = p.ratio(), p.cpuRatio()
	}
	byWall := func(a, b sample) int { return cmp.Compare(a.wall, b.wall) }
	slices.SortFunc(floors, byWall)
	slices.SortFunc(builds, byWall)
	st.floor, st.build = floors[len(floors)/2], builds[len(builds)/2]
	st.ratio, st.cpuRatio = middle(ratios), middle(cpuRatios)
	st.lowest, st.highest = slices.Min(ratios), slices.Max(ratios)
	return st
}

// middle is the median of xs, which it sorts: the upper middle of an even count.
func middle(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// measurePairs runs the floor (pgbench itself, self) and then a cold
// build of content by bin into db, n times in turn. Each build starts from
// an empty db; the last one's is left for the steps that follow it.
func measurePairs(ctx context.Context, self, bin, content, db string, n int, step func(i int)) ([]pair, error) {
	pairs := make([]pair, 0, n)
	for i := range n {
		if step != nil {
			step(i)
		}
		var p pair
		var err error
		if p.floor, err = measure(ctx, self, "floor", content); err != nil {
			return nil, err
		}
		if err := os.RemoveAll(db); err != nil {
			return nil, err
		}
		if p.build, err = measure(ctx, bin, "--db", db, "build", content); err != nil {
			return nil, err
		}
		pairs = append(pairs, p)
	}
	return pairs, nil
}

// runPairs is 'pgbench pairs': the floor and a cold build of DIR in turn,
// each pair on a line, then the medians.
func runPairs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pairs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 15, "pairs to run")
	bin := fs.String("bin", "", "the peoplegraph binary to build with (required)")
	dir, err := oneDir(fs, args)
	if err != nil {
		return err
	}
	if *bin == "" {
		return errors.New("pairs: -bin is required: build one with 'go build -o /tmp/peoplegraph ./cmd/peoplegraph'")
	}
	if *n < 1 {
		return fmt.Errorf("pairs: -n %d: run at least one pair", *n)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find pgbench itself: %w", err)
	}
	work, err := os.MkdirTemp("", "pgbench-pairs-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	pairs, err := measurePairs(ctx, self, *bin, dir, filepath.Join(work, "db"), *n, nil)
	if err != nil {
		return err
	}
	writePairs(stdout, pairs)
	return nil
}

func writePairs(w io.Writer, pairs []pair) {
	fmt.Fprintln(w, "pair\tfloor s\tfloor cpu s\tbuild s\tbuild cpu s\tbuild/floor")
	for i, p := range pairs {
		fmt.Fprintf(w, "%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\n", i+1, p.floor.wall.Seconds(), p.floor.cpu.Seconds(),
			p.build.wall.Seconds(), p.build.cpu.Seconds(), p.ratio())
	}
	st := summarize(pairs)
	fmt.Fprintf(w, "median of %d pairs: floor %.3f s, build %.3f s, build/floor %.2f (%.2f to %.2f), processor time %.2f\n",
		st.n, st.floor.wall.Seconds(), st.build.wall.Seconds(), st.ratio, st.lowest, st.highest, st.cpuRatio)
}
