package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Format names an export format.
type Format string

// The export formats.
const (
	FormatJSON      Format = "json"
	FormatDOT       Format = "dot"
	FormatGraphML   Format = "graphml"
	FormatGEXF      Format = "gexf"
	FormatMermaid   Format = "mermaid"
	FormatCytoscape Format = "cytoscape"
	FormatCSV       Format = "csv"
	FormatRDF       Format = "rdf"
)

// Formats lists every export format.
var Formats = []Format{FormatJSON, FormatDOT, FormatGraphML, FormatGEXF, FormatMermaid, FormatCytoscape, FormatCSV, FormatRDF}

// FileNames are the files WriteDir writes for each format.
var FileNames = map[Format][]string{
	FormatJSON:      {"graph.json"},
	FormatDOT:       {"graph.dot"},
	FormatGraphML:   {"graph.graphml"},
	FormatGEXF:      {"graph.gexf"},
	FormatMermaid:   {"graph.mmd"},
	FormatCytoscape: {"graph.cyjs"},
	FormatCSV:       {"nodes.csv", "edges.csv"},
	FormatRDF:       {"graph.nq"},
}

// ErrSourcesDeferred is returned for a graph whose edges' sources were
// left unread (see graph.Graph.DeferSources): exports write every edge's
// evidence, so load the graph with its sources (badgerstore's Load).
var ErrSourcesDeferred = errors.New("export: the graph's sources are deferred; load it with them")

// needSources refuses a graph whose sources are deferred.
func needSources(g *graph.Graph) error {
	if g.SourcesDeferred() {
		return ErrSourcesDeferred
	}
	return nil
}

// Write writes g in format f. CSV needs two files (nodes and edges), so
// Write refuses it: use WriteDir, or CSVNodes and CSVEdges.
func Write(w io.Writer, g *graph.Graph, f Format) error {
	switch f {
	case FormatJSON:
		return JSON(w, g)
	case FormatDOT:
		return DOT(w, g, MapOptions{})
	case FormatGraphML:
		return GraphML(w, g)
	case FormatGEXF:
		return GEXF(w, g)
	case FormatMermaid:
		return Mermaid(w, g)
	case FormatCytoscape:
		return Cytoscape(w, g)
	case FormatRDF:
		return NQuads(w, g)
	case FormatCSV:
		return fmt.Errorf("csv is two files (nodes.csv, edges.csv): write it with WriteDir")
	}
	return fmt.Errorf("unknown format %q (want one of %v)", f, Formats)
}

// WriteDir writes g in format f into dir (created if missing) as the
// files FileNames[f] lists, and returns their paths. It refuses a graph
// whose sources are deferred before it creates anything.
func WriteDir(dir string, g *graph.Graph, f Format) ([]string, error) {
	names, ok := FileNames[f]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %v)", f, Formats)
	}
	if err := needSources(g); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	writers := map[string]func(io.Writer, *graph.Graph) error{"nodes.csv": CSVNodes, "edges.csv": CSVEdges}
	var paths []string
	for _, name := range names {
		write := writers[name]
		if write == nil {
			write = func(w io.Writer, g *graph.Graph) error { return Write(w, g, f) }
		}
		path := filepath.Join(dir, name)
		if err := writeFile(path, g, write); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func writeFile(path string, g *graph.Graph, write func(io.Writer, *graph.Graph) error) error {
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	bw := bufio.NewWriter(file)
	if err := write(bw, g); err != nil {
		file.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		file.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	return nil
}
