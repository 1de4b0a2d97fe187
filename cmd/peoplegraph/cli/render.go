package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// RenderOptions configure 'peoplegraph render'.
type RenderOptions struct {
	Output    string
	Format    string
	Map       export.MapOptions
	Kinds     []string
	Rels      []string
	FocusName string
}

func newRenderCmd(g *globals) *cobra.Command {
	o := &RenderOptions{}
	cmd := &cobra.Command{
		Use:   "render",
		Short: "Draw a Graphviz map of the graph (SVG, PNG, PDF or DOT)",
		Long: `Render draws the graph, or a part of it, as a map for a blog post: shape and
colour by kind (or colour by community), size by a centrality measure,
tooltips with the evidence, links to people's pages and to the interviews.
Without -o the map is written to standard output. An SVG or DOT file that
already holds the same map is not drawn or written again.`,
		Example: `  peoplegraph render -o graph.svg
  peoplegraph render --focus "Kelsey Hightower" --depth 2 -o kelsey.svg
  peoplegraph render --top 40 --by betweenness --color-by community --theme dark -o top.png --format png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRender(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write to this file (default: standard output)")
	f.StringVar(&o.Format, "format", "", "svg, png, pdf or dot (default: from the -o extension, else svg)")
	f.StringVar(&o.FocusName, "focus", "", "draw only the neighbourhood of this entity")
	f.IntVar(&o.Map.Depth, "depth", 1, "with --focus: how many steps out to draw")
	f.StringSliceVar(&o.Kinds, "kind", nil, "keep only these kinds (person, organization, service, topic, interview)")
	f.StringSliceVar(&o.Rels, "rel", nil, "keep only these relations (recommends, covers, affiliated_with, mentions, provided_by, part_of, features)")
	f.StringVar(&o.Map.Interview, "interview", "", "keep only what this interview (slug) says")
	f.IntVar(&o.Map.Top, "top", 0, "keep only the N most central nodes")
	f.StringVar(&o.Map.By, "by", "pagerank", "measure for --top: pagerank, betweenness, harmonic, degree, recommended, hub, authority")
	f.StringVar(&o.Map.SizeBy, "size-by", "pagerank", "measure that sets node size")
	f.BoolVar(&o.Map.Standalone, "standalone", false, "size nodes by their links in the map, and leave graph-wide measures out of tooltips")
	f.StringVar(&o.Map.ColorBy, "color-by", "kind", "colour nodes by kind or community")
	f.StringVar(&o.Map.Theme, "theme", "light", "light or dark")
	f.StringVar(&o.Map.Layout, "layout", "", "dot, neato, fdp, sfdp, circo or twopi (default: chosen by size)")
	f.StringVar(&o.Map.Title, "title", "", "title drawn above the map")
	f.IntVar(&o.Map.MaxNodes, "max-nodes", 0, "without --top, draw at most this many nodes, the most central (0: 150; -1: all)")
	f.IntVar(&o.Map.MaxEdges, "max-edges", 0, "draw at most this many links, keeping each node's strongest (0: 400; -1: all)")
	_ = cmd.RegisterFlagCompletionFunc("focus", g.completeNames)
	return cmd
}

func runRender(ctx context.Context, g *globals, o *RenderOptions) error {
	format, err := mapFormat(o.Format, o.Output)
	if err != nil {
		return err
	}
	for _, k := range o.Kinds {
		if !graph.Kind(k).Valid() {
			return usageError("--kind %q: want one of person, organization, service, topic, interview", k)
		}
		o.Map.Kinds = append(o.Map.Kinds, graph.Kind(k))
	}
	for _, r := range o.Rels {
		if !graph.Rel(r).Valid() {
			return usageError("--rel %q: want one of recommends, covers, affiliated_with, mentions, provided_by, part_of, features", r)
		}
		o.Map.Rels = append(o.Map.Rels, graph.Rel(r))
	}
	gr, c, err := g.loadGraph(ctx, false)
	if err != nil {
		return err
	}
	if o.FocusName != "" {
		n, err := resolveFocus(gr, o.FocusName)
		if err != nil {
			return err
		}
		o.Map.Focus = n.ID
	}
	if o.Map.BaseURL == "" {
		o.Map.BaseURL = c.BaseURL
	}
	if o.Output != "" {
		// A file that already holds this map drawn is left alone.
		var files mapFiles
		defer files.Close()
		_, err := files.write(ctx, gr, o.Map, format, o.Output)
		return err
	}
	var buf bytes.Buffer
	if err := renderMap(ctx, gr, o.Map, format, &buf); err != nil {
		return err
	}
	_, err = g.streams.Out.Write(buf.Bytes())
	return err
}

// mapFormat picks the output format from --format or the file extension.
func mapFormat(flag, output string) (string, error) {
	f := strings.ToLower(flag)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), ".")
		if f == "" || f == "gv" {
			f = map[bool]string{true: "svg", false: "dot"}[f == ""]
		}
	}
	switch f {
	case "svg", "png", "pdf", "dot":
		return f, nil
	}
	return "", usageError("--format %q: want svg, png, pdf or dot", f)
}

// renderMap writes the map of gr in format to w.
func renderMap(ctx context.Context, gr *graph.Graph, o export.MapOptions, format string, w io.Writer) error {
	dot, err := mapDOT(gr, o)
	if err != nil {
		return err
	}
	if format == "dot" {
		_, err := w.Write(dot)
		return err
	}
	r, err := export.NewRenderer()
	if err != nil {
		return err
	}
	defer r.Close()
	// RenderContext checks ctx before it starts and never stops a render
	// under way: the WebAssembly Graphviz breaks after a cancelled one.
	return r.RenderContext(ctx, dot, o.Layout, format, w)
}

// mapDOT is the DOT source of the map of gr. It fails only for options it
// cannot apply (an unknown focus, kind, measure, theme or layout): it
// writes to memory, and the graph was loaded with its sources.
func mapDOT(gr *graph.Graph, o export.MapOptions) ([]byte, error) {
	var dot bytes.Buffer
	if err := export.DOT(&dot, gr, o); err != nil {
		return nil, usageError("%v", err)
	}
	return dot.Bytes(), nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func resolveFocus(gr *graph.Graph, name string) (*graph.Node, error) {
	n, err := query.Resolve(gr, name)
	if err != nil {
		return nil, queryError(err)
	}
	return n, nil
}
