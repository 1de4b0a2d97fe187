// Package cli implements the peoplegraph command line: one file per
// command, each with an options struct and a run function that tests call
// without a terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1 // something failed, or a query matched nothing
	ExitUsage   = 2 // the command line was wrong
)

// exitError carries a specific exit status with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, a ...any) error {
	return &exitError{ExitUsage, fmt.Errorf(format, a...)}
}

// noMatch is returned by queries that ran fine but found nothing.
func noMatch(err error) error { return &exitError{ExitFailure, err} }

// globals are the flags every command shares.
type globals struct {
	streams Streams
	dbPath  string
	config  string
}

// Run executes the command line args and returns the exit status.
func Run(ctx context.Context, args []string, s Streams) int {
	if s.Getenv == nil {
		s.Getenv = func(string) string { return "" }
	}
	g := &globals{streams: s}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	msg := strings.TrimSpace(err.Error())
	var ee *exitError
	if !errors.As(err, &ee) && isCobraUsageError(err) {
		// Cobra's argument errors do not say which command or what to do.
		msg = fmt.Sprintf("%s: %s (see '%s --help')", cmd.CommandPath(), msg, cmd.CommandPath())
		ee = &exitError{ExitUsage, err}
	}
	fmt.Fprintln(s.Err, "peoplegraph: "+msg)
	switch {
	case ee != nil:
		return ee.code
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(s.Err, "peoplegraph: interrupted; the database holds every interview written before the interrupt")
		return 130
	}
	return ExitFailure
}

// isCobraUsageError recognises the errors cobra returns for a bad command
// line, which carry no type of their own.
func isCobraUsageError(err error) bool {
	m := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "requires at most", "required flag"} {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "peoplegraph",
		Short: "Build a knowledge graph of people and topics from interview posts",
		Long: `peoplegraph reads the interviews of a blog (Gatsby, Hugo or Jekyll markdown),
extracts the interviewee, the people they recommend, organisations, expertise
and cloud services, each with its source line, and keeps them in a local
database. It ranks people with centrality measures, answers questions such as
"who covers Kubernetes", and draws Graphviz maps for blog posts.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.dbPath, "db", "", "database directory (default $PEOPLEGRAPH_DB or ./.peoplegraph)")
	root.PersistentFlags().StringVar(&g.config, "config", "", "configuration file (default ./peoplegraph.yaml when present)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v (see '%s --help')", err, c.CommandPath())
	})
	root.AddCommand(
		newBuildCmd(g),
		newExtractCmd(g),
		newWhoCoversCmd(g),
		newShowCmd(g),
		newRecommendsCmd(g),
		newRecommendedByCmd(g),
		newPathCmd(g),
		newSearchCmd(g),
		newInterviewsCmd(g),
		newAskCmd(g),
		newTopCmd(g),
		newCommunitiesCmd(g),
		newRenderCmd(g),
		newMapsCmd(g),
		newDrawWorkerCmd(g),
		newExportCmd(g),
		newCheckCmd(g),
	)
	return root
}
