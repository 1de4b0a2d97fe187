package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// WhoCoversOptions configure 'peoplegraph who-covers'.
type WhoCoversOptions struct {
	Topic string
	Broad bool
	Limit int
	JSON  bool
}

func newWhoCoversCmd(g *globals) *cobra.Command {
	o := &WhoCoversOptions{}
	cmd := &cobra.Command{
		Use:   "who-covers TOPIC",
		Short: "List the people who cover a topic, best first, with evidence",
		Long: `Who-covers lists the people who cover a topic, service or organisation:
first those recommended for it or said to cover it, then those affiliated
with its provider or who speak about it. Each answer carries its evidence:
who said it, in which interview, and the source line. Names are matched
case-insensitively and through aliases (k8s is Kubernetes).

Exit status is 0 with answers, 1 when nothing matched, 2 on usage errors.`,
		Example: "  peoplegraph who-covers kubernetes\n  peoplegraph who-covers \"machine learning\" --json\n  peoplegraph who-covers AWS --broad",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Topic = strings.Join(args, " ")
			return runWhoCovers(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.Broad, "broad", false, "also count what the topic contains (AWS includes S3, Lambda, …)")
	cmd.Flags().IntVarP(&o.Limit, "limit", "n", 0, "show at most this many people (0: all)")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runWhoCovers(ctx context.Context, g *globals, o *WhoCoversOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		opts := query.WhoCoversOptions{Broad: o.Broad, Limit: o.Limit}
		if !o.JSON {
			// The text form prints a few lines of evidence per person;
			// JSON carries all of it.
			opts.Evidence = query.TextEvidence
		}
		return query.WhoCovers(gr, o.Topic, opts)
	})
}
