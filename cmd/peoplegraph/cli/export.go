package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/export"
)

// ExportOptions configure 'peoplegraph export'.
type ExportOptions struct {
	Format string
	Output string
}

var exportFormats = []string{"json", "dot", "graphml", "gexf", "mermaid", "cytoscape", "csv", "rdf"}

func newExportCmd(g *globals) *cobra.Command {
	o := &ExportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the graph in a standard format (JSON, GraphML, GEXF, CSV, RDF, …)",
		Long: `Export writes the whole graph with its centrality measures:
  json       the peoplegraph JSON (nodes with centrality, edges with sources)
  dot        Graphviz DOT
  graphml    GraphML for Gephi, yEd, networkx
  gexf       GEXF for Gephi
  mermaid    a Mermaid flowchart that GitHub renders
  cytoscape  Cytoscape.js elements JSON
  csv        nodes.csv and edges.csv for neo4j-admin import (-o is a directory)
  rdf        RDF N-Quads for Dgraph's live and bulk loaders
Without -o the export goes to standard output (csv needs -o).`,
		Example: "  peoplegraph export --format json -o graph.json\n  peoplegraph export --format csv -o neo4j/",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "json", strings.Join(exportFormats, ", "))
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "file to write (a directory for csv; default: standard output)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(exportFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runExport(ctx context.Context, g *globals, o *ExportOptions) error {
	f := strings.ToLower(o.Format)
	known := false
	for _, k := range exportFormats {
		known = known || k == f
	}
	if !known {
		return usageError("--format %q: want one of %s", o.Format, strings.Join(exportFormats, ", "))
	}
	if f == "csv" && o.Output == "" {
		return usageError("--format csv writes nodes.csv and edges.csv: give a directory with -o")
	}
	gr, _, err := g.loadGraph(ctx, false)
	if err != nil {
		return err
	}
	if f == "csv" {
		paths, err := export.WriteDir(o.Output, gr, export.Format(f))
		for _, p := range paths {
			fmt.Fprintln(g.streams.Out, p)
		}
		return err
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, gr, export.Format(f)); err != nil {
		return err
	}
	if o.Output == "" {
		_, err := g.streams.Out.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(o.Output, buf.Bytes())
}
