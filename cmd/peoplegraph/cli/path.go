package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// PathOptions configure 'peoplegraph path'.
type PathOptions struct {
	Args []string
	JSON bool
}

func newPathCmd(g *globals) *cobra.Command {
	o := &PathOptions{}
	cmd := &cobra.Command{
		Use:   "path A B",
		Short: "Show the shortest path between two entities",
		Long: `Path prints the shortest chain of relations linking A and B, each step with
its relation, direction and source.`,
		Example: `  peoplegraph path "Charity Majors" AWS`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runPath(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runPath(ctx context.Context, g *globals, o *PathOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Path(gr, o.Args[0], o.Args[1])
	})
}
