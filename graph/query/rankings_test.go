package query

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestTop(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name     string
		kind     graph.Kind
		by       string
		n        int
		want     []string // node IDs in order
		computed bool
	}{
		// Charity Majors and Kelsey Hightower, recommended in both
		// interviews, tie on four edges; the tie goes by ID.
		{name: "people by degree", kind: graph.Person, by: "degree", n: 3,
			want: []string{"person/lynn-langit", "person/priya-raman", "person/charity-majors"}},
		{name: "most recommended", by: "recommended", n: 3,
			want: []string{"person/charity-majors", "person/kelsey-hightower", "organization/alibaba-cloud"}},
		{name: "topics by degree", kind: graph.Topic, by: "degree", n: 2,
			want: []string{"topic/machine-learning", "topic/devops"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Top(g, tt.kind, tt.by, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if res.Computed != tt.computed {
				t.Errorf("computed %v, want %v", res.Computed, tt.computed)
			}
			var got []string
			for i, e := range res.Entries {
				got = append(got, e.Node.ID)
				if e.Rank != i+1 {
					t.Errorf("entry %d has rank %d", i, e.Rank)
				}
				if i > 0 && e.Value > res.Entries[i-1].Value {
					t.Errorf("entry %d (%v) above entry %d (%v)", i, e.Value, i-1, res.Entries[i-1].Value)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("top %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTopErrors(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name string
		kind graph.Kind
		by   string
		want error // nil: any error
	}{
		{name: "needs analytics", by: "pagerank", want: ErrNoAnalytics},
		{name: "unknown measure", by: "fame"},
		{name: "unknown kind", kind: "planet", by: "degree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Top(g, tt.kind, tt.by, 5)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}

// analysedGraph is the fixture graph with hand-set centrality on four
// people in two communities.
func analysedGraph(t *testing.T) *graph.Graph {
	t.Helper()
	g := fixtureGraph(t)
	setCentrality(t, g, map[string]graph.Centrality{
		"person/lynn-langit":      {PageRank: 0.4, Hub: 0.9, Community: 1},
		"person/kelsey-hightower": {PageRank: 0.3, Authority: 0.5, Community: 1},
		"person/priya-raman":      {PageRank: 0.2, Hub: 0.4, Community: 2},
		"person/troy-hunt":        {PageRank: 0.1, Community: 1},
	})
	g.Analytics = &graph.Analytics{Modularity: 0.42, Communities: 2}
	return g
}

func TestTopWithAnalytics(t *testing.T) {
	g := analysedGraph(t)
	res, err := Top(g, graph.Person, "hub", 2)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Computed || len(res.Entries) != 2 || res.Entries[0].Node.ID != "person/lynn-langit" || res.Entries[1].Node.ID != "person/priya-raman" {
		t.Fatalf("top by hub %+v", res)
	}
	assertGoldenText(t, "top-person-hub.txt", func(b *bytes.Buffer) error { return res.WriteText(b) })
}

func TestCommunities(t *testing.T) {
	if _, err := Communities(fixtureGraph(t), 3); !errors.Is(err, ErrNoAnalytics) {
		t.Fatalf("without analytics: error %v, want ErrNoAnalytics", err)
	}
	g := analysedGraph(t)
	res, err := Communities(g, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Modularity != 0.42 || len(res.Communities) != 2 {
		t.Fatalf("communities %+v", res)
	}
	first := res.Communities[0]
	if first.ID != 1 || first.Size != 3 || len(first.Members) != 2 ||
		first.Members[0].Node.ID != "person/lynn-langit" || first.Members[1].Node.ID != "person/kelsey-hightower" {
		t.Errorf("largest community %+v", first)
	}
	if second := res.Communities[1]; second.ID != 2 || second.Size != 1 {
		t.Errorf("second community %+v", second)
	}
	assertGoldenJSON(t, "communities.json", res)
}

func TestInterviews(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Interviews(g)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Interviews) != len(fixtures) {
		t.Fatalf("%d interviews, want %d", len(res.Interviews), len(fixtures))
	}
	for i, name := range fixtures {
		f := readFacts(t, name)
		got := res.Interviews[i]
		touched := map[string]bool{}
		for _, e := range f.Edges {
			touched[e.From], touched[e.To] = true, true
		}
		if got.Slug != f.Interview.Slug || got.Title != f.Interview.Title || got.Guest == nil || got.Guest.ID != f.Interview.Guest {
			t.Errorf("interview %d = %+v, want %s by %s", i, got, f.Interview.Slug, f.Interview.Guest)
		}
		if got.Edges != len(f.Edges) || got.Nodes != len(touched) {
			t.Errorf("%s: %d edges, %d nodes; its facts have %d edges touching %d nodes",
				got.Slug, got.Edges, got.Nodes, len(f.Edges), len(touched))
		}
	}
	assertGoldenJSON(t, "interviews.json", res)
	assertGoldenText(t, "interviews.txt", func(b *bytes.Buffer) error { return res.WriteText(b) })
}

func TestInterviewGuestFromFeaturesEdge(t *testing.T) {
	f := readFacts(t, "priya-raman.json")
	f.Interview.Guest = "" // as an extractor that only writes the edge
	g := graph.Merge(f)
	res, err := WhoCovers(g, "Kubernetes", WhoCoversOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ev := res.Answers[0].Evidence[0]
	if ev.SaidBy == nil || ev.SaidBy.ID != "person/priya-raman" {
		t.Fatalf("said by %v, want Priya Raman through the features edge", ev.SaidBy)
	}
}
