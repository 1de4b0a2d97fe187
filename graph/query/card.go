package query

import (
	"github.com/peoplegraph/peoplegraph/graph"
)

// Card describes one node: what it is, how central it is, and every
// relation it takes part in with the sources of each.
type Card struct {
	Candidate
	Aliases    []string          `json:"aliases,omitempty"`
	URL        string            `json:"url,omitempty"`
	Centrality *graph.Centrality `json:"centrality,omitempty"`
	// Ranks places the node among all nodes by each measure; without
	// analytics only degree (edges in and out) is ranked.
	Ranks []MeasureRank `json:"ranks"`
	// CommunitySize counts the nodes in the node's community; 0 without
	// analytics.
	CommunitySize int             `json:"community_size,omitempty"`
	Relations     []RelationGroup `json:"relations"`
}

// MeasureRank is a node's value of one measure and its 1-based position
// among all nodes (nodes with equal values share a position).
type MeasureRank struct {
	By    string  `json:"by"`
	Value float64 `json:"value"`
	Rank  int     `json:"rank"`
	Of    int     `json:"of"`
}

// RelationGroup is every edge of one relation in one direction, ordered
// by the other node's ID. Groups follow graph.Rels, out before in.
type RelationGroup struct {
	Rel       graph.Rel `json:"rel"`
	Direction string    `json:"direction"`
	Label     string    `json:"label"`
	Items     []Related `json:"items"`
}

// Show describes the node that name resolves to.
func Show(g *graph.Graph, name string) (*Card, error) {
	n, err := Resolve(g, name)
	if err != nil {
		return nil, err
	}
	i := g.Index(n.ID)
	card := &Card{
		Candidate:  candidateOf(n),
		Aliases:    n.Aliases,
		URL:        n.URL,
		Centrality: n.Centrality,
		Ranks:      ranksOf(g, i),
		Relations:  []RelationGroup{},
	}
	if c := n.Centrality; c != nil {
		for k := range g.Nodes {
			if o := g.Nodes[k].Centrality; o != nil && o.Community == c.Community {
				card.CommunitySize++
			}
		}
	}
	for _, rel := range graph.Rels {
		for _, dir := range []string{DirOut, DirIn} {
			if items := neighbours(g, i, rel, dir); len(items) > 0 {
				card.Relations = append(card.Relations, RelationGroup{
					Rel: rel, Direction: dir, Label: relLabel(rel, dir == DirOut), Items: items,
				})
			}
		}
	}
	return card, nil
}

// ranksOf ranks the node at position i by every measure it has.
func ranksOf(g *graph.Graph, i int) []MeasureRank {
	if g.Nodes[i].Centrality == nil {
		return []MeasureRank{rankBy(g, i, "degree", func(k int) (float64, bool) {
			return float64(degree(g, k)), true
		})}
	}
	out := make([]MeasureRank, 0, len(Measures))
	for _, by := range Measures {
		out = append(out, rankBy(g, i, by, func(k int) (float64, bool) {
			c := g.Nodes[k].Centrality
			if c == nil {
				return 0, false
			}
			return measure(c, by), true
		}))
	}
	return out
}

// rankBy places node i among the nodes for which value reports a value.
func rankBy(g *graph.Graph, i int, by string, value func(k int) (float64, bool)) MeasureRank {
	mine, _ := value(i)
	r := MeasureRank{By: by, Value: mine, Rank: 1}
	for k := range g.Nodes {
		v, ok := value(k)
		if !ok {
			continue
		}
		r.Of++
		if v > mine {
			r.Rank++
		}
	}
	return r
}
