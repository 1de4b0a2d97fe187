package cli

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/graph"
)

// MapsOptions configure 'peoplegraph maps'.
type MapsOptions struct {
	Check bool
	Theme string
	Name  string
	// Jobs is how many processes draw at once; 0 means one per
	// processor.
	Jobs int
}

func newMapsCmd(g *globals) *cobra.Command {
	o := &MapsOptions{}
	cmd := &cobra.Command{
		Use:   "maps",
		Short: "Write a map beside each interview and print the Markdown that embeds it",
		Long: `Maps writes one SVG map per interview next to its post (for a Gatsby or Hugo
bundle content/blog/<slug>/index.md that is content/blog/<slug>/peoplegraph.svg;
for a single-file post <slug>.peoplegraph.svg beside it) and prints the
Markdown line that embeds it. A map shows what its interview says, its nodes
sized by their links in it, so it changes only when that does; each SVG
records what it was drawn from, and a map that has not changed is not drawn
or written again. Maps are drawn on every processor (--jobs): Graphviz draws
one map at a time in a process, so maps starts helper processes of its own
when many maps need drawing. A map that maps drew for an interview whose
file is gone, and that nobody changed since, is removed. With --check nothing
is drawn, written or removed: the exit status is 1 when any map is missing,
differs from what would be written or is left from a deleted interview, for
a blog's CI.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMaps(cmd.Context(), g, o)
		},
	}
	cmd.Flags().BoolVar(&o.Check, "check", false, "write and remove nothing; exit 1 when a map is stale or left from a deleted interview")
	cmd.Flags().StringVar(&o.Theme, "theme", "light", "light or dark")
	cmd.Flags().StringVar(&o.Name, "name", "peoplegraph.svg", "file name of each map")
	cmd.Flags().IntVarP(&o.Jobs, "jobs", "j", 0, "draw with at most this many processes at once (0: one per processor)")
	return cmd
}

// mapPath is where the map of an interview goes.
func mapPath(in graph.InterviewInfo, name string) string {
	dir := filepath.Dir(in.Path)
	base := strings.TrimSuffix(filepath.Base(in.Path), filepath.Ext(in.Path))
	if base == "index" || base == "_index" {
		return filepath.Join(dir, name)
	}
	return filepath.Join(dir, in.Slug+"."+name)
}

func runMaps(ctx context.Context, g *globals, o *MapsOptions) error {
	gr, c, err := g.loadGraph(ctx, false)
	if err != nil {
		return err
	}
	// Each interview's map is taken from its own part of the graph, not
	// the whole graph: at 10,000 interviews that is the difference
	// between seconds and an hour. Without analytics a part would rank
	// nodes by its own edges only, so the maps come from the whole graph.
	var parts *export.ByInterview
	if gr.Analytics != nil {
		if parts, err = export.NewByInterview(gr); err != nil {
			return err
		}
	}
	plan := func(i int) (mapPlan, error) {
		in := gr.Interviews[i]
		opts := export.MapOptions{Interview: in.Slug, Standalone: true, Theme: o.Theme, BaseURL: c.BaseURL, Title: in.Title}
		part := gr
		if parts != nil {
			part = parts.Part(in.Slug)
		}
		p, err := planMap(part, opts, "svg", mapPath(in, o.Name))
		if err != nil {
			return p, fmt.Errorf("map of %s: %w", in.Slug, err)
		}
		return p, nil
	}
	what := "drawing maps"
	if o.Check {
		what = "checking maps"
	}
	bar := g.progress(len(gr.Interviews), what)
	// A map counts on the bar once it is checked or drawn.
	tick := func() {
		if bar != nil {
			_ = bar.Add(1)
		}
	}
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	pool := newDrawPool(ctx, jobs, g.streams.Command, tick)
	var stale []string
	err = inOrder(ctx, len(gr.Interviews), plan, func(i int, p mapPlan) error {
		switch {
		case o.Check:
			if !p.upToDate {
				stale = append(stale, p.path)
				fmt.Fprintf(g.streams.Out, "stale: %s\n", p.path)
			}
			tick()
		default:
			if p.upToDate {
				tick()
			} else if err := pool.submit(p, "map of "+gr.Interviews[i].Slug); err != nil {
				return err
			}
			fmt.Fprintf(g.streams.Out, "%s\t![People and topics in this interview](./%s)\n", p.path, filepath.Base(p.path))
		}
		return nil
	})
	drawn, processes, drawErr := pool.close()
	if bar != nil {
		_ = bar.Finish()
	}
	if err := cmp.Or(err, drawErr); err != nil {
		return err
	}
	current := make(map[string]bool, len(gr.Interviews))
	for _, in := range gr.Interviews {
		current[mapPath(in, o.Name)] = true
	}
	orphans, err := orphanMaps(gr, o.Name, current)
	if err != nil {
		return err
	}
	if o.Check {
		for _, p := range orphans {
			fmt.Fprintf(g.streams.Out, "orphan: %s\n", p)
		}
		return checkedMaps(len(stale), len(orphans), len(gr.Interviews))
	}
	for _, p := range orphans {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("remove the map of a deleted interview: %w", err)
		}
		fmt.Fprintf(g.streams.Err, "removed %s: its interview is gone\n", p)
	}
	by, removed := "", ""
	if processes > 1 {
		by = fmt.Sprintf(" by %d processes", processes)
	}
	if len(orphans) > 0 {
		removed = fmt.Sprintf(", %d of deleted interviews removed", len(orphans))
	}
	fmt.Fprintf(g.streams.Err, "%d maps drawn%s, %d already up to date%s\n", drawn, by, len(gr.Interviews)-drawn, removed)
	return nil
}

// checkedMaps is the verdict of 'maps --check': an error that exits 1 when
// any map is stale or left by a deleted interview.
func checkedMaps(stale, orphans, interviews int) error {
	var problems []string
	if stale > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d maps are stale", stale, interviews))
	}
	if orphans > 0 {
		problems = append(problems, fmt.Sprintf("%d maps are left from deleted interviews", orphans))
	}
	if len(problems) == 0 {
		return nil
	}
	return noMatch(fmt.Errorf("%s; run 'peoplegraph maps' to bring them up to date", strings.Join(problems, " and ")))
}

// inOrder runs work(0..n-1) on every core and hands each result to use in
// order, on the calling goroutine, keeping at most a few dozen results
// ahead of it. It stops at the first error of either.
func inOrder[T any](ctx context.Context, n int, work func(int) (T, error), use func(int, T) error) error {
	type result struct {
		v   T
		err error
	}
	workers := runtime.GOMAXPROCS(0)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	results := make([]chan result, n)
	for i := range results {
		results[i] = make(chan result, 1)
	}
	// A worker takes a ticket before it claims an item, and use gives one
	// back for each item it is done with.
	tickets := make(chan struct{}, 8*workers)
	for range cap(tickets) {
		tickets <- struct{}{}
	}
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case <-tickets:
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				v, err := work(i)
				results[i] <- result{v, err}
			}
		})
	}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		var r result
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err != nil {
			return r.err
		}
		if err := use(i, r.v); err != nil {
			return err
		}
		tickets <- struct{}{}
	}
	return nil
}
