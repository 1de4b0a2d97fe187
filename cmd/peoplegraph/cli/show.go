package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// ShowOptions configure 'peoplegraph show'.
type ShowOptions struct {
	Args []string
	JSON bool
}

func newShowCmd(g *globals) *cobra.Command {
	o := &ShowOptions{}
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show everything the graph knows about an entity",
		Long: `Show prints a card for a person, organisation, service or topic: its kind,
aliases, links, centrality ranks, community, and every relation grouped by
kind with its sources.`,
		Example: `  peoplegraph show "Kelsey Hightower"`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runShow(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runShow(ctx context.Context, g *globals, o *ShowOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Show(gr, strings.Join(o.Args, " "))
	})
}
