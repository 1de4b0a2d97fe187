package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
)

func newCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Verify the database: edges, indexes and sources agree",
		Long: `Check verifies that every edge's endpoints exist, that the name and
reverse-adjacency indexes agree with the data, and that every fact has a
source. It prints each problem on a line and exits 1 when there is one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), g)
		},
	}
}

func runCheck(ctx context.Context, g *globals) error {
	c, err := g.loadConfig()
	if err != nil {
		return err
	}
	// Not openStore: checking writes nothing of its own, so it must work
	// on a nearly full disk too. It opens read-write so that a database a
	// killed build left before its first commit is initialised, not
	// reported as damaged.
	s, err := badgerstore.Open(ctx, badgerstore.Options{Path: g.database(c), Logger: g.logger()})
	if err != nil {
		return err
	}
	defer s.Close()
	problems, err := s.Check(ctx)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(g.streams.Out, "%s: %s\n", p.Key, p.What)
	}
	if len(problems) > 0 {
		return noMatch(fmt.Errorf("%s: %d problem(s) found; rebuild with 'peoplegraph build' after removing the database", s.Path(), len(problems)))
	}
	fmt.Fprintf(g.streams.Out, "%s: ok\n", s.Path())
	return nil
}
