package query

import (
	"github.com/peoplegraph/peoplegraph/graph"
)

// ListResult answers the questions whose answer is the nodes one relation
// reaches from a subject: whom X recommends, who recommends X, what X
// covers, who is affiliated with X.
type ListResult struct {
	Subject Candidate `json:"subject"`
	// Relation is the edge relation followed, Direction "out" (subject →
	// item) or "in" (item → subject); Label phrases the pair.
	Relation  graph.Rel  `json:"relation"`
	Direction string     `json:"direction"`
	Label     string     `json:"label"`
	Items     []ListItem `json:"items"`
}

// ListItem is one node in a ListResult, in the order of node ID.
type ListItem struct {
	Related
	// For is, for recommendations, what the recommended one was
	// recommended for: its covers edges read in the same interviews.
	For []Related `json:"for,omitempty"`
}

// Directions of a relation as seen from a subject node.
const (
	DirOut = "out"
	DirIn  = "in"
)

// Recommends lists whom (or what) a person recommends, each with what they
// were recommended for.
func Recommends(g *graph.Graph, person string) (*ListResult, error) {
	res, err := list(g, person, graph.Recommends, DirOut, graph.Person)
	if err != nil {
		return nil, err
	}
	for i := range res.Items {
		it := &res.Items[i]
		it.For = coversIn(g, it.Node.ID, it.Sources)
	}
	return res, nil
}

// RecommendedBy lists who recommends a person (or service, organization),
// each with what they recommended it for.
func RecommendedBy(g *graph.Graph, name string) (*ListResult, error) {
	res, err := list(g, name, graph.Recommends, DirIn, graph.Person, graph.Service, graph.Organization)
	if err != nil {
		return nil, err
	}
	for i := range res.Items {
		it := &res.Items[i]
		it.For = coversIn(g, res.Subject.ID, it.Sources)
	}
	return res, nil
}

// Covers lists what a person (or service, organization) covers.
func Covers(g *graph.Graph, name string) (*ListResult, error) {
	return list(g, name, graph.Covers, DirOut, graph.Person, graph.Service, graph.Organization)
}

// Affiliates lists who is affiliated with an organization: who works at it.
func Affiliates(g *graph.Graph, org string) (*ListResult, error) {
	return list(g, org, graph.AffiliatedWith, DirIn, graph.Organization)
}

// list resolves name, preferring kinds, and lists the nodes rel reaches
// from it in direction dir.
func list(g *graph.Graph, name string, rel graph.Rel, dir string, kinds ...graph.Kind) (*ListResult, error) {
	n, err := Resolve(g, name, kinds...)
	if err != nil {
		return nil, err
	}
	res := &ListResult{
		Subject:   candidateOf(n),
		Relation:  rel,
		Direction: dir,
		Label:     relLabel(rel, dir == DirOut),
		Items:     []ListItem{},
	}
	for _, r := range neighbours(g, g.Index(n.ID), rel, dir) {
		res.Items = append(res.Items, ListItem{Related: r})
	}
	return res, nil
}

// neighbours returns the nodes that rel edges reach from position i in
// direction dir, in order of node ID, each with its edge's sources.
func neighbours(g *graph.Graph, i int, rel graph.Rel, dir string) []Related {
	edges, out := g.InEdges(i), false
	if dir == DirOut {
		edges, out = g.OutEdges(i), true
	}
	var rs []Related
	for _, k := range edges {
		if g.Edges[k].Rel != rel {
			continue
		}
		other, to := g.Ends(int(k))
		if out {
			other = to
		}
		rs = append(rs, Related{Node: candidateOf(&g.Nodes[other]), Sources: g.Sources(int(k))})
	}
	return rs
}

// coversIn returns what the node with the given ID covers according to the
// interviews that the sources name, with only those interviews' sources.
func coversIn(g *graph.Graph, id string, sources []graph.Source) []Related {
	interviews := map[string]bool{}
	for _, s := range sources {
		interviews[s.Interview] = true
	}
	var out []Related
	for _, r := range neighbours(g, g.Index(id), graph.Covers, DirOut) {
		var kept []graph.Source
		for _, s := range r.Sources {
			if interviews[s.Interview] {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			out = append(out, Related{Node: r.Node, Sources: kept})
		}
	}
	return out
}
