package query

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestShow(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name   string
		query  string
		id     string
		groups []string // "rel/direction" in order
	}{
		{
			name: "person recommended in two interviews", query: "Kelsey Hightower", id: "person/kelsey-hightower",
			groups: []string{"recommends/in", "covers/out", "affiliated_with/out"},
		},
		{
			name: "interviewee", query: "lynn langit", id: "person/lynn-langit",
			groups: []string{"features/in", "recommends/out", "recommends/in", "covers/out", "mentions/out"},
		},
		{
			name: "service by alias", query: "AWS Lambda", id: "service/lambda",
			groups: []string{"covers/in", "mentions/in", "provided_by/out"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			card, err := Show(g, tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if card.ID != tt.id {
				t.Fatalf("card for %s, want %s", card.ID, tt.id)
			}
			var groups []string
			for _, gr := range card.Relations {
				groups = append(groups, string(gr.Rel)+"/"+gr.Direction)
				for _, it := range gr.Items {
					if len(it.Sources) == 0 {
						t.Errorf("%s %s: no sources", gr.Label, it.Node.Name)
					}
				}
			}
			if !slices.Equal(groups, tt.groups) {
				t.Errorf("groups %v, want %v", groups, tt.groups)
			}
			if len(card.Ranks) != 1 || card.Ranks[0].By != "degree" || card.Ranks[0].Of != len(g.Nodes) {
				t.Fatalf("ranks %+v, want degree among %d nodes", card.Ranks, len(g.Nodes))
			}
			if want := degreeRank(g, tt.id); card.Ranks[0].Rank != want {
				t.Errorf("degree rank %d (degree %v), want %d", card.Ranks[0].Rank, card.Ranks[0].Value, want)
			}
		})
	}
}

// degreeRank counts edge endpoints to rank the node with the given ID:
// one more than the number of nodes with more edges.
func degreeRank(g *graph.Graph, id string) int {
	count := map[string]int{}
	for _, e := range g.Edges {
		count[e.From]++
		count[e.To]++
	}
	rank := 1
	for _, n := range g.Nodes {
		if count[n.ID] > count[id] {
			rank++
		}
	}
	return rank
}

func TestShowInterviewee(t *testing.T) {
	g := fixtureGraph(t)
	card, err := Show(g, "Lynn Langit")
	if err != nil {
		t.Fatal(err)
	}
	if card.Ranks[0].Rank != 1 {
		t.Errorf("Lynn Langit ranks %d by degree, want 1: she names everyone", card.Ranks[0].Rank)
	}
}

func TestShowWithAnalytics(t *testing.T) {
	g := fixtureGraph(t)
	setCentrality(t, g, map[string]graph.Centrality{
		"person/kelsey-hightower": {PageRank: 0.2, Betweenness: 1, Degree: 4, Recommended: 2, Community: 7},
		"person/lynn-langit":      {PageRank: 0.3, Betweenness: 5, Degree: 60, Recommended: 1, Community: 7},
		"person/priya-raman":      {PageRank: 0.1, Betweenness: 1, Degree: 9, Recommended: 0, Community: 3},
	})
	card, err := Show(g, "Kelsey Hightower")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]MeasureRank{
		"pagerank":    {By: "pagerank", Value: 0.2, Rank: 2, Of: 3},
		"betweenness": {By: "betweenness", Value: 1, Rank: 2, Of: 3},
		"degree":      {By: "degree", Value: 4, Rank: 3, Of: 3},
		"recommended": {By: "recommended", Value: 2, Rank: 1, Of: 3},
	}
	if len(card.Ranks) != len(Measures) {
		t.Fatalf("ranks %+v, want one per measure", card.Ranks)
	}
	for _, r := range card.Ranks {
		if w, ok := want[r.By]; ok && r != w {
			t.Errorf("rank %+v, want %+v", r, w)
		}
	}
	if card.CommunitySize != 2 {
		t.Errorf("community size %d, want 2", card.CommunitySize)
	}
	assertGoldenJSON(t, "show-kelsey-hightower.json", card)
	assertGoldenText(t, "show-kelsey-hightower.txt", func(b *bytes.Buffer) error { return card.WriteText(b) })
}

func TestShowAmbiguous(t *testing.T) {
	g := fixtureGraph(t)
	var amb *AmbiguousError
	if _, err := Show(g, "Serverless"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("Show(Serverless) error %v, want ambiguity between two nodes", err)
	}
	card, err := Show(g, amb.Candidates[1].ID)
	if err != nil || card.ID != "topic/serverless" {
		t.Fatalf("Show(%s) = %v, %v", amb.Candidates[1].ID, card, err)
	}
}
