package cli

import (
	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// CommunitiesOptions configure 'peoplegraph communities'.
type CommunitiesOptions struct {
	N    int
	JSON bool
}

func newCommunitiesCmd(g *globals) *cobra.Command {
	o := &CommunitiesOptions{}
	cmd := &cobra.Command{
		Use:   "communities",
		Short: "List the communities (Louvain) with their most central members",
		Long: `Communities lists the groups that Louvain modularity optimisation (fixed
seed, so the same graph always gives the same groups) found at build time,
largest first, each with its most central members by PageRank.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runQuery(cmd.Context(), g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
				return query.Communities(gr, o.N)
			})
		},
	}
	cmd.Flags().IntVarP(&o.N, "n", "n", 5, "members to list per community")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}
