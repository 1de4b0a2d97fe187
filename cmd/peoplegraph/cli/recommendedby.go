package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// RecommendedByOptions configure 'peoplegraph recommended-by'.
type RecommendedByOptions struct {
	Args []string
	JSON bool
}

func newRecommendedByCmd(g *globals) *cobra.Command {
	o := &RecommendedByOptions{}
	cmd := &cobra.Command{
		Use:   "recommended-by NAME",
		Short: "List who recommends a person",
		Long: `Recommended-by lists the interviewees who recommend NAME, with the source line
of each recommendation.`,
		Example: `  peoplegraph recommended-by "Charity Majors"`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runRecommendedBy(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runRecommendedBy(ctx context.Context, g *globals, o *RecommendedByOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.RecommendedBy(gr, strings.Join(o.Args, " "))
	})
}
