package query

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Measures lists the measures Top ranks by, in the order Show reports them.
var Measures = []string{"pagerank", "betweenness", "harmonic", "degree", "recommended", "hub", "authority"}

// measure reads one named measure from c; by must be one of Measures.
func measure(c *graph.Centrality, by string) float64 {
	switch by {
	case "pagerank":
		return c.PageRank
	case "betweenness":
		return c.Betweenness
	case "harmonic":
		return c.Harmonic
	case "degree":
		return float64(c.Degree)
	case "recommended":
		return float64(c.Recommended)
	case "hub":
		return c.Hub
	case "authority":
		return c.Authority
	}
	return 0
}

// TopResult lists the most central nodes by one measure.
type TopResult struct {
	Kind graph.Kind `json:"kind,omitempty"`
	By   string     `json:"by"`
	// Computed is false when the values were counted from the edges
	// because the graph has no analytics (degree and recommended only).
	Computed bool       `json:"computed"`
	Entries  []TopEntry `json:"entries"`
}

// TopEntry is one ranked node; Rank is its 1-based position.
type TopEntry struct {
	Rank  int       `json:"rank"`
	Node  Candidate `json:"node"`
	Value float64   `json:"value"`
}

// Top ranks the nodes of a kind (every kind when kind is empty) by a
// measure, one of Measures, and returns the first n (all when n <= 0),
// ties by ID. Without analytics only degree and recommended can be
// ranked; they are then counted from the edges.
func Top(g *graph.Graph, kind graph.Kind, by string, n int) (*TopResult, error) {
	if !knownMeasure(by) {
		return nil, fmt.Errorf("unknown measure %q: want one of %s", by, strings.Join(Measures, ", "))
	}
	if kind != "" && !kind.Valid() {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	res := &TopResult{Kind: kind, By: by, Computed: hasAnalytics(g), Entries: []TopEntry{}}
	value, err := valueFunc(g, by, res.Computed)
	if err != nil {
		return nil, err
	}
	var positions []int
	for i := range g.Nodes {
		if kind == "" || g.Nodes[i].Kind == kind {
			positions = append(positions, i)
		}
	}
	res.Entries = ranked(g, positions, value, n)
	return res, nil
}

func knownMeasure(by string) bool {
	for _, m := range Measures {
		if m == by {
			return true
		}
	}
	return false
}

// valueFunc returns how to read measure by for a node position.
func valueFunc(g *graph.Graph, by string, computed bool) (func(int) float64, error) {
	if computed {
		return func(i int) float64 {
			if c := g.Nodes[i].Centrality; c != nil {
				return measure(c, by)
			}
			return 0
		}, nil
	}
	switch by {
	case "degree":
		return func(i int) float64 { return float64(degree(g, i)) }, nil
	case "recommended":
		return func(i int) float64 { return float64(len(neighbours(g, i, graph.Recommends, DirIn))) }, nil
	}
	return nil, fmt.Errorf("rank by %s: %w", by, ErrNoAnalytics)
}

// ranked orders positions by value descending, ties by ID, and returns the
// first n entries (all when n <= 0). Only the entries returned are built:
// a build's summary asks for ten people of 17,000 at 10,000 interviews.
func ranked(g *graph.Graph, positions []int, value func(int) float64, n int) []TopEntry {
	type score struct {
		pos   int
		value float64
	}
	scores := make([]score, len(positions))
	for k, i := range positions {
		scores[k] = score{pos: i, value: value(i)}
	}
	scores = firstN(scores, n, func(a, b score) int {
		if c := cmp.Compare(b.value, a.value); c != 0 {
			return c
		}
		return strings.Compare(g.Nodes[a.pos].ID, g.Nodes[b.pos].ID)
	})
	entries := make([]TopEntry, len(scores))
	for k, s := range scores {
		entries[k] = TopEntry{Rank: k + 1, Node: candidateOf(&g.Nodes[s.pos]), Value: s.value}
	}
	return entries
}

// CommunitiesResult lists the communities analytics found.
type CommunitiesResult struct {
	Modularity  float64     `json:"modularity"`
	Communities []Community `json:"communities"`
}

// Community is one community with its most central members by PageRank.
// Communities are ordered by size descending, then ID.
type Community struct {
	ID      int        `json:"id"`
	Size    int        `json:"size"`
	Members []TopEntry `json:"members"`
}

// Communities lists every community with its n most central members (all
// when n <= 0). It needs analytics.
func Communities(g *graph.Graph, n int) (*CommunitiesResult, error) {
	if !hasAnalytics(g) {
		return nil, fmt.Errorf("communities: %w", ErrNoAnalytics)
	}
	res := &CommunitiesResult{Communities: []Community{}}
	if g.Analytics != nil {
		res.Modularity = g.Analytics.Modularity
	}
	members := map[int][]int{}
	for i := range g.Nodes {
		if c := g.Nodes[i].Centrality; c != nil {
			members[c.Community] = append(members[c.Community], i)
		}
	}
	pagerank := func(i int) float64 { return g.Nodes[i].Centrality.PageRank }
	for id, ps := range members {
		res.Communities = append(res.Communities, Community{ID: id, Size: len(ps), Members: ranked(g, ps, pagerank, n)})
	}
	sort.Slice(res.Communities, func(a, b int) bool {
		ca, cb := res.Communities[a], res.Communities[b]
		if ca.Size != cb.Size {
			return ca.Size > cb.Size
		}
		return ca.ID < cb.ID
	})
	return res, nil
}

// InterviewsResult lists the interviews in the graph, by slug.
type InterviewsResult struct {
	Interviews []InterviewSummary `json:"interviews"`
}

// InterviewSummary describes one interview and how much of the graph it
// contributed: the edges with a source in it and the nodes they touch.
type InterviewSummary struct {
	Slug  string     `json:"slug"`
	Title string     `json:"title,omitempty"`
	Date  string     `json:"date,omitempty"`
	URL   string     `json:"url,omitempty"`
	Path  string     `json:"path"`
	Guest *Candidate `json:"guest,omitempty"`
	Nodes int        `json:"nodes"`
	Edges int        `json:"edges"`
}

// Interviews summarises every interview in the graph.
func Interviews(g *graph.Graph) (*InterviewsResult, error) {
	edges := map[string]int{}
	nodes := map[string]map[string]bool{}
	for k, e := range g.Edges {
		seen := map[string]bool{}
		for _, s := range g.Sources(k) {
			if seen[s.Interview] {
				continue
			}
			seen[s.Interview] = true
			edges[s.Interview]++
			if nodes[s.Interview] == nil {
				nodes[s.Interview] = map[string]bool{}
			}
			nodes[s.Interview][e.From] = true
			nodes[s.Interview][e.To] = true
		}
	}
	sp := newSpeakers(g, 0)
	res := &InterviewsResult{Interviews: make([]InterviewSummary, 0, len(g.Interviews))}
	for _, iv := range g.Interviews {
		res.Interviews = append(res.Interviews, InterviewSummary{
			Slug: iv.Slug, Title: iv.Title, Date: iv.Date, URL: iv.URL, Path: iv.Path,
			Guest: sp.of(iv.Slug), Nodes: len(nodes[iv.Slug]), Edges: edges[iv.Slug],
		})
	}
	return res, nil
}
