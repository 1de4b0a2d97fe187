package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/graph"
)

// ExtractOptions configure 'peoplegraph extract'.
type ExtractOptions struct {
	Files     []string
	Gazetteer []string
	JSON      bool
}

func newExtractCmd(g *globals) *cobra.Command {
	o := &ExtractOptions{}
	cmd := &cobra.Command{
		Use:   "extract FILE...",
		Short: "Show what the extractor reads from interview files, and why",
		Long: `Extract prints what each file yields, without touching the database: every
entity, and every relation with its line, the text it was read from and why
it was taken. Use it to see and correct the extractor (for example by adding
names to a gazetteer file).`,
		Example: "  peoplegraph extract content/blog/lynn-langit/index.md",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			return runExtract(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringSliceVar(&o.Gazetteer, "gazetteer", nil, "extra gazetteer file(s) (YAML)")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the facts as JSON")
	return cmd
}

func runExtract(ctx context.Context, g *globals, o *ExtractOptions) error {
	c, err := g.loadConfig()
	if err != nil {
		return err
	}
	x, err := g.newExtractor(c, o.Gazetteer)
	if err != nil {
		return err
	}
	var failed int
	for _, path := range o.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(g.streams.Err, "peoplegraph: %v\n", err)
			failed++
			continue
		}
		facts, err := x.Extract(extract.File{Path: path, Slug: extract.SlugFor(path)}, data)
		if err != nil {
			fmt.Fprintf(g.streams.Err, "peoplegraph: %s: %v\n", path, err)
			failed++
			continue
		}
		if o.JSON {
			enc := json.NewEncoder(g.streams.Out)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(facts); err != nil {
				return err
			}
			continue
		}
		writeFacts(g.streams.Out, facts)
	}
	if failed > 0 {
		return noMatch(fmt.Errorf("%d of %d files could not be read", failed, len(o.Files)))
	}
	return nil
}

func writeFacts(w io.Writer, f *graph.Facts) {
	names := map[string]string{}
	for _, n := range f.Nodes {
		names[n.ID] = n.Name
	}
	guest := names[f.Interview.Guest]
	if guest == "" {
		guest = "(not found)"
	}
	fmt.Fprintf(w, "%s (%s)\n  title: %s\n  guest: %s\n", f.Interview.Slug, f.Interview.Path, f.Interview.Title, guest)
	fmt.Fprintf(w, "\nEntities (%d):\n", len(f.Nodes))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range f.Nodes {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", n.Kind, n.Name, joinAliases(n.Aliases))
	}
	tw.Flush()
	edges := append([]graph.Edge(nil), f.Edges...)
	sort.SliceStable(edges, func(i, j int) bool { return firstLine(edges[i]) < firstLine(edges[j]) })
	fmt.Fprintf(w, "\nRelations (%d):\n", len(edges))
	for _, e := range edges {
		for _, s := range e.Sources {
			fmt.Fprintf(w, "  line %d: %s -%s-> %s", s.Line, names[e.From], e.Rel, names[e.To])
			if s.Why != "" {
				fmt.Fprintf(w, "  [%s]", s.Why)
			}
			fmt.Fprintln(w)
			if s.Text != "" {
				fmt.Fprintf(w, "      %s\n", s.Text)
			}
		}
	}
}

func joinAliases(as []string) string {
	if len(as) == 0 {
		return ""
	}
	out := "aka "
	for i, a := range as {
		if i > 0 {
			out += ", "
		}
		out += a
	}
	return out
}

func firstLine(e graph.Edge) int {
	if len(e.Sources) == 0 {
		return 0
	}
	return e.Sources[0].Line
}
