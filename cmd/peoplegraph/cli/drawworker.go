package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// drawRequest asks a draw worker to draw one map file.
type drawRequest struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Layout string `json:"layout,omitempty"`
	DOT    []byte `json:"dot"`
}

// drawReply answers a drawRequest: an empty Error means the file is
// written.
type drawReply struct {
	Error string `json:"error,omitempty"`
}

// newDrawWorkerCmd is the process 'maps' starts beside itself to draw
// maps on another processor (see drawPool). It is not for people to run.
func newDrawWorkerCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "draw-worker",
		Short:  "Draw the map files asked for on standard input (started by 'maps')",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return serveDraws(g.streams.In, g.streams.Out)
		},
	}
}

// serveDraws draws the map files that the JSON requests on in ask for,
// one at a time, and answers each with a JSON reply on out, until in
// ends. A map it cannot draw or write is reported in its reply, not as
// an error: the worker goes on with the next.
func serveDraws(in io.Reader, out io.Writer) error {
	dec := json.NewDecoder(bufio.NewReader(in))
	enc := json.NewEncoder(out)
	var files mapFiles
	defer files.Close()
	for {
		var req drawRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("draw-worker: read a request: %w", err)
		}
		var reply drawReply
		// A worker is never interrupted mid-render (go-graphviz cannot
		// be): 'maps' stops it by closing its input.
		p := mapPlan{path: req.Path, format: req.Format, layout: req.Layout, dot: req.DOT}
		if err := files.draw(context.Background(), p); err != nil {
			reply.Error = err.Error()
		}
		if err := enc.Encode(reply); err != nil {
			return fmt.Errorf("draw-worker: reply: %w", err)
		}
	}
}
