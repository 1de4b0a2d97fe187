package query

import (
	"slices"

	"github.com/peoplegraph/peoplegraph/graph"
)

// PathResult is a shortest connection between two nodes, walking edges in
// either direction.
type PathResult struct {
	From  Candidate `json:"from"`
	To    Candidate `json:"to"`
	Found bool      `json:"found"`
	// Length counts the steps; 0 when From and To are the same node.
	Length int    `json:"length"`
	Steps  []Step `json:"steps"`
}

// Step walks one edge from From to To. Forward says whether the edge
// points the way the path walks (From → To); Label phrases the step read
// from From, e.g. "is recommended by" for a recommends edge walked
// backward.
type Step struct {
	From    Candidate      `json:"from"`
	To      Candidate      `json:"to"`
	Rel     graph.Rel      `json:"rel"`
	Forward bool           `json:"forward"`
	Label   string         `json:"label"`
	Sources []graph.Source `json:"sources"`
}

// Path finds a shortest undirected path from the node a names to the node
// b names by breadth-first search. Among equally short paths it takes the
// one whose edges come first in the graph's order (outgoing before
// incoming at each node), so the answer is stable.
func Path(g *graph.Graph, a, b string) (*PathResult, error) {
	from, err := Resolve(g, a)
	if err != nil {
		return nil, err
	}
	to, err := Resolve(g, b)
	if err != nil {
		return nil, err
	}
	res := &PathResult{From: candidateOf(from), To: candidateOf(to), Steps: []Step{}}
	src, dst := g.Index(from.ID), g.Index(to.ID)

	// via[i] is the edge by which the search first reached node i.
	type hop struct {
		prev    int
		edge    int // position in g.Edges
		forward bool
	}
	via := map[int]hop{src: {prev: -1}}
	queue := []int{src}
	for len(queue) > 0 && !has(via, dst) {
		x := queue[0]
		queue = queue[1:]
		visit := func(k int32, next int, forward bool) {
			if _, seen := via[next]; !seen {
				via[next] = hop{prev: x, edge: int(k), forward: forward}
				queue = append(queue, next)
			}
		}
		for _, k := range g.OutEdges(x) {
			_, to := g.Ends(int(k))
			visit(k, to, true)
		}
		for _, k := range g.InEdges(x) {
			from, _ := g.Ends(int(k))
			visit(k, from, false)
		}
	}
	if !has(via, dst) {
		return res, nil
	}
	res.Found = true
	for i := dst; i != src; i = via[i].prev {
		h := via[i]
		rel := g.Edges[h.edge].Rel
		res.Steps = append(res.Steps, Step{
			From:    candidateOf(&g.Nodes[h.prev]),
			To:      candidateOf(&g.Nodes[i]),
			Rel:     rel,
			Forward: h.forward,
			Label:   relLabel(rel, h.forward),
			Sources: g.Sources(h.edge),
		})
	}
	slices.Reverse(res.Steps)
	res.Length = len(res.Steps)
	return res, nil
}

func has[V any](m map[int]V, k int) bool {
	_, ok := m[k]
	return ok
}
