// Command evaltool extracts facts from interview files and prints them as
// the JSON graph that /work/shared/eval/score.py reads, so that extraction
// can be scored without building a database:
//
//	go run ./extract/internal/evaltool content > /tmp/out.json
//	python3 ../shared/eval/score.py /tmp/out.json ../shared/eval/gold/lynn-langit.json
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "evaltool:", err)
		os.Exit(1)
	}
}

func run(roots []string) error {
	if len(roots) == 0 {
		return fmt.Errorf("usage: evaltool FILE_OR_DIR...")
	}
	gaz, err := gazetteer.Default()
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	files, err := extract.Discover(roots...)
	if err != nil {
		return err
	}
	x := extract.New(gaz)
	var all []*graph.Facts
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return err
		}
		facts, err := x.Extract(f, data)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		all = append(all, facts)
	}
	g := graph.Merge(all...)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Nodes []graph.Node `json:"nodes"`
		Edges []graph.Edge `json:"edges"`
	}{g.Nodes, g.Edges})
}
