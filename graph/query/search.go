package query

import (
	"sort"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// SearchResult lists the nodes whose names match a text and the source
// lines that contain it.
type SearchResult struct {
	Query    string      `json:"query"`
	Nodes    []NodeMatch `json:"nodes"`
	Evidence []Evidence  `json:"evidence"`
}

// NodeMatch is one node whose name or alias matched. Matches are ordered
// by Match (exact, prefix, substring, fuzzy), then Distance, then node ID.
type NodeMatch struct {
	Node Candidate `json:"node"`
	// Matched is the name or alias that matched, as the node spells it.
	Matched string `json:"matched"`
	Match   string `json:"match"`
	// Distance is the number of characters the name has beyond the query
	// for prefix and substring matches, the edit distance for fuzzy ones.
	Distance int `json:"distance"`
}

// Search finds text among node names and aliases (exact, prefix,
// substring and typo-tolerant matches, after graph.Fold) and among the
// source lines of every edge. Each list holds at most limit entries (no
// cap when limit <= 0); evidence is ordered by interview and line.
func Search(g *graph.Graph, text string, limit int) (*SearchResult, error) {
	q := graph.Fold(text)
	res := &SearchResult{Query: text, Nodes: []NodeMatch{}, Evidence: []Evidence{}}
	if q == "" {
		return res, nil
	}
	ms := matchNames(g, q)
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].how != ms[j].how || ms[i].distance != ms[j].distance {
			return betterMatch(ms[i], ms[j])
		}
		return g.Nodes[ms[i].pos].ID < g.Nodes[ms[j].pos].ID
	})
	for _, m := range capped(ms, limit) {
		n := &g.Nodes[m.pos]
		res.Nodes = append(res.Nodes, NodeMatch{
			Node: candidateOf(n), Matched: spelling(n, m.name), Match: m.how, Distance: m.distance,
		})
	}

	// Many edges share a source line, so fold each distinct text once.
	folded := map[string]bool{}
	contains := func(s string) bool {
		hit, ok := folded[s]
		if !ok {
			hit = strings.Contains(graph.Fold(s), q)
			folded[s] = hit
		}
		return hit
	}
	sp := newSpeakers(g)
	for k := range g.Edges {
		e := &g.Edges[k]
		for _, src := range e.Sources {
			if contains(src.Text) {
				res.Evidence = append(res.Evidence, sp.evidence(e, src))
			}
		}
	}
	sort.SliceStable(res.Evidence, func(i, j int) bool { return evidenceLess(res.Evidence[i], res.Evidence[j]) })
	res.Evidence = capped(res.Evidence, limit)
	return res, nil
}

func capped[T any](xs []T, limit int) []T {
	if limit > 0 && len(xs) > limit {
		return xs[:limit]
	}
	return xs
}

// spelling returns the node's name or alias that folds to folded.
func spelling(n *graph.Node, folded string) string {
	for _, s := range append([]string{n.Name}, n.Aliases...) {
		if graph.Fold(s) == folded {
			return s
		}
	}
	return n.Name
}
