package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// InterviewsOptions configure 'peoplegraph interviews'.
type InterviewsOptions struct {
	Args []string
	JSON bool
}

func newInterviewsCmd(g *globals) *cobra.Command {
	o := &InterviewsOptions{}
	cmd := &cobra.Command{
		Use:   "interviews",
		Short: "List the interviews with their guests, dates and counts",
		Long: `Interviews lists every interview in the database with its guest, date, and
the number of entities and relations it contributed.`,
		Example: `  peoplegraph interviews --json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runInterviews(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runInterviews(ctx context.Context, g *globals, o *InterviewsOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Interviews(gr)
	})
}
