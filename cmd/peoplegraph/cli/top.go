package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// TopOptions configure 'peoplegraph top'.
type TopOptions struct {
	Kind string
	By   string
	N    int
	JSON bool
}

var measures = []string{"pagerank", "betweenness", "harmonic", "degree", "recommended", "hub", "authority"}

func newTopCmd(g *globals) *cobra.Command {
	o := &TopOptions{}
	cmd := &cobra.Command{
		Use:   "top",
		Short: "Rank entities by a centrality measure",
		Long: `Top ranks the graph's entities by a measure computed at build time:
  pagerank     importance from incoming relations (directed, damping 0.85)
  betweenness  how often an entity lies on shortest paths between others
  harmonic     harmonic closeness: the sum of 1/distance to every other entity
  degree       number of distinct neighbours
  recommended  number of people who recommend it
  hub          HITS hub score: points at many authorities
  authority    HITS authority score: pointed at by many hubs`,
		Example: "  peoplegraph top --kind person --by recommended -n 5",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTop(cmd.Context(), g, o)
		},
	}
	cmd.Flags().StringVar(&o.Kind, "kind", "", "only this kind (person, organization, service, topic)")
	cmd.Flags().StringVar(&o.By, "by", "pagerank", "the measure: pagerank, betweenness, harmonic, degree, recommended, hub, authority")
	cmd.Flags().IntVarP(&o.N, "n", "n", 10, "how many to list")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions(measures, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runTop(ctx context.Context, g *globals, o *TopOptions) error {
	if o.Kind != "" && !graph.Kind(o.Kind).Valid() {
		return usageError("--kind %q: want person, organization, service, topic or interview", o.Kind)
	}
	known := false
	for _, m := range measures {
		known = known || m == o.By
	}
	if !known {
		return usageError("--by %q: want one of pagerank, betweenness, harmonic, degree, recommended, hub, authority", o.By)
	}
	if o.N <= 0 {
		return usageError("-n %d: want a positive number", o.N)
	}
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Top(gr, graph.Kind(o.Kind), o.By, o.N)
	})
}
