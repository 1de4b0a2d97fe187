package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// AskOptions configure 'peoplegraph ask'.
type AskOptions struct {
	Args []string
	JSON bool
}

func newAskCmd(g *globals) *cobra.Command {
	o := &AskOptions{}
	cmd := &cobra.Command{
		Use:   "ask QUESTION",
		Short: "Ask a question in plain English",
		Long: `Ask maps a plain-English question onto the other commands. It understands:
  who covers|knows about|is an expert in|talks about X
  who recommends X            whom does X recommend
  what does X cover           who works at X
  how is A connected to B
An unrecognised question gets the list of forms it understands (exit 2).`,
		Example: `  peoplegraph ask "who knows about kubernetes"
  peoplegraph ask "how is Charity Majors connected to AWS"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runAsk(cmd.Context(), g, o)
		},
		ValidArgsFunction: g.completeNames,
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON for scripts")
	return cmd
}

func runAsk(ctx context.Context, g *globals, o *AskOptions) error {
	return runQuery(ctx, g, o.JSON, func(gr *graph.Graph) (textWriter, error) {
		return query.Ask(gr, strings.Join(o.Args, " "))
	})
}
