package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// RecommendsOptions configure 'peoplegraph recommends'.
type RecommendsOptions struct {
	Args []string
	JSON bool
}

func newRecommendsCmd(g *globals) *cobra.Command {
	o := &RecommendsOptions{}
	cmd := &cobra.Command{
		Use:   "recommends PERSON",
		Short: "List whom a person recommends, and for what",
		Long: `Recommends lists the people, services and organisations PERSON recommends in
their interviews, each with what they are recommended for and the source line.`,
		Example: `  peoplegraph recommends "Lynn Langit"`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runRecommends(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runRecommends(ctx context.Context, g *globals, o *RecommendsOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Recommends(gr, strings.Join(o.Args, " "))
	})
}
