package export

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/peoplegraph/peoplegraph/graph"
)

// jsonGraph is the evaluation shape (see shared/eval/README.md) with the
// interviews and analytics summary added.
type jsonGraph struct {
	Nodes      []jsonNode            `json:"nodes"`
	Edges      []jsonEdge            `json:"edges"`
	Interviews []graph.InterviewInfo `json:"interviews"`
	Analytics  *jsonAnalytics        `json:"analytics,omitempty"`
}

type jsonNode struct {
	ID         string           `json:"id"`
	Kind       graph.Kind       `json:"kind"`
	Name       string           `json:"name"`
	Aliases    []string         `json:"aliases"`
	URL        string           `json:"url,omitempty"`
	Centrality graph.Centrality `json:"centrality"`
}

type jsonEdge struct {
	From    string         `json:"from"`
	To      string         `json:"to"`
	Rel     graph.Rel      `json:"rel"`
	Sources []graph.Source `json:"sources"`
}

type jsonAnalytics struct {
	Modularity  float64 `json:"modularity"`
	Communities int     `json:"communities"`
	Pivots      int     `json:"pivots,omitempty"`
}

// JSON writes g in the evaluation shape: every node carries a centrality
// object (zeros when analytics were not computed), aliases is always an
// array, and the output is indented with a trailing newline. Nodes and
// edges keep g's sorted order, so equal graphs give equal bytes.
func JSON(w io.Writer, g *graph.Graph) error {
	if err := needSources(g); err != nil {
		return err
	}
	out := jsonGraph{
		Nodes:      make([]jsonNode, len(g.Nodes)),
		Edges:      make([]jsonEdge, len(g.Edges)),
		Interviews: append([]graph.InterviewInfo{}, g.Interviews...),
	}
	for i, n := range g.Nodes {
		out.Nodes[i] = jsonNode{
			ID: n.ID, Kind: n.Kind, Name: n.Name,
			Aliases:    append([]string{}, n.Aliases...),
			URL:        n.URL,
			Centrality: finiteCentrality(n.Centrality),
		}
	}
	for i, e := range g.Edges {
		out.Edges[i] = jsonEdge{From: e.From, To: e.To, Rel: e.Rel, Sources: append([]graph.Source{}, e.Sources...)}
	}
	if a := g.Analytics; a != nil {
		out.Analytics = &jsonAnalytics{Modularity: finite(a.Modularity), Communities: a.Communities, Pivots: a.Pivots}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	return nil
}

// finiteCentrality copies c, or zeros when nil, with NaN and ±Inf set to
// zero: encoding/json refuses them and no consumer could read them.
func finiteCentrality(c *graph.Centrality) graph.Centrality {
	if c == nil {
		return graph.Centrality{}
	}
	v := *c
	v.PageRank = finite(v.PageRank)
	v.Betweenness = finite(v.Betweenness)
	v.Harmonic = finite(v.Harmonic)
	v.Hub = finite(v.Hub)
	v.Authority = finite(v.Authority)
	return v
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}
