package cli

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/graph"
)

// completeNames completes entity names from the database, so that
// 'peoplegraph show Kel<TAB>' offers "Kelsey Hightower". Cobra provides the
// 'completion bash|zsh|fish|powershell' command that installs the scripts.
func (g *globals) completeNames(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	gr, _, err := g.loadGraph(cmd.Context(), true)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
	}
	prefix := strings.ToLower(toComplete)
	var out []string
	for _, n := range gr.Nodes {
		if n.Kind == graph.Interview {
			continue
		}
		if strings.HasPrefix(strings.ToLower(n.Name), prefix) {
			out = append(out, n.Name+"\t"+string(n.Kind))
		}
	}
	sort.Strings(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}
