package query

import (
	"sort"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// SearchResult lists the nodes whose names match a text and the source
// lines that contain it.
type SearchResult struct {
	Query string      `json:"query"`
	Nodes []NodeMatch `json:"nodes"`
	Lines []LineMatch `json:"lines"`
}

// LineMatch is one source line that contains the text, with every fact
// read from it. Lines are ordered by interview and line.
type LineMatch struct {
	Interview string     `json:"interview"`
	Line      int        `json:"line"`
	Text      string     `json:"text"`
	SaidBy    *Candidate `json:"said_by,omitempty"`
	Facts     []Fact     `json:"facts"`
}

// Fact is one edge read from a line, ordered by relation and endpoints.
type Fact struct {
	Rel  graph.Rel `json:"rel"`
	From Candidate `json:"from"`
	To   Candidate `json:"to"`
	Why  string    `json:"why,omitempty"`
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
	res := &SearchResult{Query: text, Nodes: []NodeMatch{}, Lines: []LineMatch{}}
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
	type lineKey struct {
		interview string
		line      int
	}
	lines := map[lineKey]*LineMatch{}
	sp := newSpeakers(g, 0)
	for k := range g.Edges {
		e := &g.Edges[k]
		for _, src := range g.Sources(k) {
			if !contains(src.Text) {
				continue
			}
			key := lineKey{src.Interview, src.Line}
			lm, ok := lines[key]
			if !ok {
				lm = &LineMatch{Interview: src.Interview, Line: src.Line, Text: src.Text, SaidBy: sp.of(src.Interview)}
				lines[key] = lm
			}
			lm.Facts = append(lm.Facts, Fact{Rel: e.Rel, From: sp.candidate(e.From), To: sp.candidate(e.To), Why: src.Why})
		}
	}
	for _, lm := range lines {
		sort.Slice(lm.Facts, func(i, j int) bool { return factLess(lm.Facts[i], lm.Facts[j]) })
		res.Lines = append(res.Lines, *lm)
	}
	sort.Slice(res.Lines, func(i, j int) bool {
		a, b := res.Lines[i], res.Lines[j]
		if a.Interview != b.Interview {
			return a.Interview < b.Interview
		}
		return a.Line < b.Line
	})
	res.Lines = capped(res.Lines, limit)
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

func factLess(a, b Fact) bool {
	if a.Rel != b.Rel {
		return a.Rel < b.Rel
	}
	if a.From.ID != b.From.ID {
		return a.From.ID < b.From.ID
	}
	return a.To.ID < b.To.ID
}
