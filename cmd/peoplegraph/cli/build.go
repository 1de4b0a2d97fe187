package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/ingest"
	"github.com/peoplegraph/peoplegraph/graph/query"
	"github.com/peoplegraph/peoplegraph/internal/gcpace"
)

// BuildOptions configure 'peoplegraph build'.
type BuildOptions struct {
	Paths       []string
	MapFile     string
	Gazetteer   []string
	Workers     int
	Top         int
	NoAnalytics bool
}

func newBuildCmd(g *globals) *cobra.Command {
	o := &BuildOptions{}
	cmd := &cobra.Command{
		Use:   "build [PATH...]",
		Short: "Read interviews into the database and compute centrality",
		Long: `Build reads every interview (.md, .markdown, .mdx) under the given paths
(default: the configuration's content list, else ./content), extracts its
facts into the database, removes what deleted files contributed, recomputes
centrality when the graph changed, and prints a summary. Unchanged files are
skipped by content hash, so running it again is cheap, unless the extractor
changed since they were read (a new version of peoplegraph, or a change to
the gazetteer): then every file is read again, once.

A file that cannot be read or parsed is reported with its path and the
reason, keeps what it contributed before, and makes the exit status 1; every
other file is still ingested.`,
		Example: "  peoplegraph build\n  peoplegraph build content --map graph.svg",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runBuild(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.MapFile, "map", "", "also write the whole-graph SVG map to this file")
	cmd.Flags().StringSliceVar(&o.Gazetteer, "gazetteer", nil, "extra gazetteer file(s) of services and topics (YAML)")
	cmd.Flags().IntVar(&o.Workers, "workers", 0, "parallel extractors (default: number of CPUs)")
	cmd.Flags().IntVar(&o.Top, "top", 10, "how many people to list by PageRank in the summary")
	cmd.Flags().BoolVar(&o.NoAnalytics, "no-analytics", false, "skip centrality; queries rank by degree until the next build computes it")
	return cmd
}

func runBuild(ctx context.Context, g *globals, o *BuildOptions) error {
	start := time.Now()
	// A build's heap grows to hundreds of megabytes at 10,000 interviews
	// and it all stays live; collecting on the way costs a tenth of the
	// build's processor time.
	defer gcpace.Relax(gcpace.BuildFloor)()
	mapAs, err := mapFileFormat(o.MapFile)
	if err != nil {
		return err
	}
	c, err := g.loadConfig()
	if err != nil {
		return err
	}
	roots := o.Paths
	if len(roots) == 0 {
		for _, p := range c.Content {
			roots = append(roots, c.resolve(p))
		}
	}
	if len(roots) == 0 {
		roots = []string{"content"}
	}
	// The gazetteer's automaton is built while the content folders are
	// walked: both take tens of milliseconds at 10,000 interviews, and the
	// walk leaves the other cores idle.
	type extractorResult struct {
		x   *extract.Extractor
		err error
	}
	extractor := make(chan extractorResult, 1)
	go func() {
		x, err := g.newExtractor(c, o.Gazetteer)
		extractor <- extractorResult{x, err}
	}()
	files, err := extract.Discover(roots...)
	if err != nil {
		return usageError("%v", err)
	}
	xr := <-extractor
	if xr.err != nil {
		return xr.err
	}
	x := xr.x
	s, err := g.openStore(ctx, c)
	if err != nil {
		return err
	}
	closeStore := sync.OnceValue(s.Close)
	defer closeStore()

	bar := g.progress(len(files), "reading interviews")
	rep, err := ingest.Sync(ctx, s, x, files, ingest.Options{
		Roots:         roots,
		Workers:       o.Workers,
		SkipAnalytics: o.NoAnalytics,
		Progress: func(done, total int) {
			if bar != nil {
				_ = bar.Set(done)
			}
		},
		Analysing: func() {
			if bar != nil {
				_ = bar.Finish()
			}
			bar = g.spinner("computing centrality")
		},
	})
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(g.streams.Err)
	}
	if rep != nil {
		for _, f := range rep.Failed {
			fmt.Fprintf(g.streams.Err, "peoplegraph: %s\n", f)
		}
	}
	if err != nil {
		return err
	}
	// The summary reads no evidence; a map's tooltips do. When nothing
	// was written, the graph comes from the snapshot, and leaving its
	// evidence unread spares a tenth of a no-op rebuild at 10,000.
	load := s.LoadDeferred
	if o.MapFile != "" {
		load = s.Load
	}
	gr, err := load(ctx)
	if err != nil {
		return err
	}
	// Nothing reads the store from here: it is closed (Badger writes its
	// last table) while the summary and the map are written.
	closed := make(chan error, 1)
	go func() { closed <- closeStore() }()
	writeBuildSummary(g.streams.Out, rep, gr, o.Top, time.Since(start))
	if o.MapFile != "" {
		if err := g.writeBuildMap(ctx, gr, c, mapAs, o.MapFile); err != nil {
			return errors.Join(err, <-closed)
		}
	}
	return errors.Join(<-closed, rep.Err())
}

// mapFileFormat is the format of the --map file, "" without one: a
// wrong extension is refused before the build rather than after it.
func mapFileFormat(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	f, err := mapFormat("", path)
	if err != nil {
		return "", usageError("--map %s: want a .svg, .png, .pdf or .dot file", path)
	}
	return f, nil
}

// writeBuildMap draws the whole-graph map into path unless the file is
// already what drawing would write, with a spinner on a terminal: at
// 10,000 interviews drawing takes a second or two.
func (g *globals) writeBuildMap(ctx context.Context, gr *graph.Graph, c *Config, format, path string) error {
	var files mapFiles
	defer files.Close()
	bar := g.spinner("drawing the map")
	drawn, err := files.write(ctx, gr, export.MapOptions{BaseURL: c.BaseURL}, format, path)
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(g.streams.Err)
	}
	if err != nil {
		return err
	}
	if drawn {
		fmt.Fprintf(g.streams.Out, "Map written to %s\n", path)
	} else {
		fmt.Fprintf(g.streams.Out, "Map %s is up to date\n", path)
	}
	return nil
}

// progress returns a progress bar on standard error when it is a terminal,
// and nil otherwise so that logs and pipes stay parseable.
func (g *globals) progress(total int, what string) *progressbar.ProgressBar {
	if !g.streams.ErrTerminal || total < 2 {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(g.streams.Err),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// spinner returns a spinner with the time elapsed, for work whose length
// is not known, when standard error is a terminal, else nil. The bar
// animates itself until it is finished.
func (g *globals) spinner(what string) *progressbar.ProgressBar {
	if !g.streams.ErrTerminal {
		return nil
	}
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(g.streams.Err),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func writeBuildSummary(w io.Writer, rep *ingest.Report, g *graph.Graph, top int, took time.Duration) {
	if rep.Reread {
		fmt.Fprintln(w, "The extractor changed since the last build (a new peoplegraph or gazetteer): every interview was read again.")
	}
	fmt.Fprintf(w, "Interviews: %d found, %d added, %d updated, %d unchanged, %d removed, %d failed (%.1fs)\n",
		rep.Files, len(rep.Added), len(rep.Updated), rep.Unchanged, len(rep.Removed), len(rep.Failed), took.Seconds())
	analytics := "unchanged graph, not recomputed"
	switch {
	case rep.Analysed:
		analytics = fmt.Sprintf("%.1fs", rep.AnalyticsTime.Seconds())
	case rep.AnalyticsSkipped:
		analytics = "skipped (--no-analytics)"
	}
	fmt.Fprintf(w, "Time: ingest %.1fs, analytics %s\n", rep.IngestTime.Seconds(), analytics)
	for _, slug := range rep.Removed {
		fmt.Fprintf(w, "  removed: %s (its file is gone)\n", slug)
	}
	kinds := map[graph.Kind]int{}
	for _, n := range g.Nodes {
		kinds[n.Kind]++
	}
	fmt.Fprintf(w, "Nodes: %d", len(g.Nodes))
	sep := " ("
	for _, k := range graph.Kinds {
		fmt.Fprintf(w, "%s%s %d", sep, k, kinds[k])
		sep = ", "
	}
	fmt.Fprintln(w, ")")
	rels := map[graph.Rel]int{}
	for _, e := range g.Edges {
		rels[e.Rel]++
	}
	fmt.Fprintf(w, "Edges: %d", len(g.Edges))
	sep = " ("
	for _, r := range graph.Rels {
		fmt.Fprintf(w, "%s%s %d", sep, r, rels[r])
		sep = ", "
	}
	fmt.Fprintln(w, ")")
	if top <= 0 {
		return
	}
	people, err := query.Top(g, graph.Person, "pagerank", top)
	if err != nil || len(people.Entries) == 0 {
		// A graph without analytics has no PageRank to rank by, the
		// only error Top returns here.
		return
	}
	fmt.Fprintln(w, "Top people by PageRank:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, p := range people.Entries {
		fmt.Fprintf(tw, "  %d.\t%s\t%.4f\n", p.Rank, p.Node.Name, p.Value)
	}
	tw.Flush()
}
