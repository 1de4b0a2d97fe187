package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/graph"
)

// MapsOptions configure 'peoplegraph maps'.
type MapsOptions struct {
	Check bool
	Theme string
	Name  string
}

func newMapsCmd(g *globals) *cobra.Command {
	o := &MapsOptions{}
	cmd := &cobra.Command{
		Use:   "maps",
		Short: "Write a map beside each interview and print the Markdown that embeds it",
		Long: `Maps writes one SVG map per interview next to its post (for a Gatsby or Hugo
bundle content/blog/<slug>/index.md that is content/blog/<slug>/peoplegraph.svg;
for a single-file post <slug>.peoplegraph.svg beside it) and prints the
Markdown line that embeds it. With --check nothing is written: the exit status
is 1 when any map is missing or differs from what would be written, for a
blog's CI.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMaps(cmd.Context(), g, o)
		},
	}
	cmd.Flags().BoolVar(&o.Check, "check", false, "write nothing; exit 1 when a map is stale")
	cmd.Flags().StringVar(&o.Theme, "theme", "light", "light or dark")
	cmd.Flags().StringVar(&o.Name, "name", "peoplegraph.svg", "file name of each map")
	return cmd
}

// mapPath is where the map of an interview goes.
func mapPath(in graph.InterviewInfo, name string) string {
	dir := filepath.Dir(in.Path)
	base := strings.TrimSuffix(filepath.Base(in.Path), filepath.Ext(in.Path))
	if base == "index" || base == "_index" {
		return filepath.Join(dir, name)
	}
	return filepath.Join(dir, in.Slug+"."+name)
}

func runMaps(ctx context.Context, g *globals, o *MapsOptions) error {
	gr, c, err := g.loadGraph(ctx, false)
	if err != nil {
		return err
	}
	var stale []string
	for _, in := range gr.Interviews {
		if err := ctx.Err(); err != nil {
			return err
		}
		var buf bytes.Buffer
		opts := export.MapOptions{Interview: in.Slug, Theme: o.Theme, BaseURL: c.BaseURL, Title: in.Title}
		if err := renderMap(ctx, gr, opts, "svg", &buf); err != nil {
			return fmt.Errorf("map of %s: %w", in.Slug, err)
		}
		path := mapPath(in, o.Name)
		if o.Check {
			have, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(have, buf.Bytes()) {
				stale = append(stale, path)
				fmt.Fprintf(g.streams.Out, "stale: %s\n", path)
			}
			continue
		}
		if err := writeFileAtomic(path, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(g.streams.Out, "%s\t![People and topics in this interview](./%s)\n", path, filepath.Base(path))
	}
	if len(stale) > 0 {
		return noMatch(fmt.Errorf("%d of %d maps are stale; run 'peoplegraph maps' to refresh them", len(stale), len(gr.Interviews)))
	}
	return nil
}
