package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// SearchOptions configure 'peoplegraph search'.
type SearchOptions struct {
	Args []string
	JSON bool
}

func newSearchCmd(g *globals) *cobra.Command {
	o := &SearchOptions{}
	cmd := &cobra.Command{
		Use:   "search TEXT",
		Short: "Search names, aliases and evidence text",
		Long: `Search finds entities whose name or alias contains TEXT or is close to it, and
facts whose source text mentions it.`,
		Example: `  peoplegraph search serverless`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runSearch(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runSearch(ctx context.Context, g *globals, o *SearchOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Search(gr, strings.Join(o.Args, " "), 50)
	})
}
