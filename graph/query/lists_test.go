package query

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestLists(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		call  func(*graph.Graph, string) (*ListResult, error)
		query string
		want  []string
		// forOf maps an item to what it must be listed for, with the
		// source lines of that covers edge.
		forOf map[string][]string
		lines map[string][]int
	}{
		{
			name: "whom priya recommends", call: Recommends, query: "Priya Raman",
			want:  []string{"Serverless, Inc.", "Charity Majors", "Kelsey Hightower", "Lynn Langit"},
			forOf: map[string][]string{"Kelsey Hightower": {"Kubernetes"}, "Lynn Langit": {"data pipelines"}, "Charity Majors": {"Observability"}},
			lines: map[string][]int{"Kelsey Hightower": {20}, "Lynn Langit": {21}, "Charity Majors": {23}, "Serverless, Inc.": {22}},
		},
		{
			// Lynn recommends 24; Kelsey only for what Lynn said (line 65),
			// not for what Priya said.
			name: "whom lynn recommends", call: Recommends, query: "lynn langit",
			forOf: map[string][]string{"Kelsey Hightower": {"Kubernetes"}, "Troy Hunt": {"Azure", "Security"}, "Colaboratory": {"Machine Learning"}},
			lines: map[string][]int{"Kelsey Hightower": {65}, "Troy Hunt": {67}, "Corey Quinn": {83}},
		},
		{
			name: "who recommends kelsey", call: RecommendedBy, query: "Kelsey Hightower",
			want:  []string{"Lynn Langit", "Priya Raman"},
			forOf: map[string][]string{"Lynn Langit": {"Kubernetes"}, "Priya Raman": {"Kubernetes"}},
			lines: map[string][]int{"Lynn Langit": {65}, "Priya Raman": {20}},
		},
		{
			name: "who recommends an organization", call: RecommendedBy, query: "Alibaba Cloud",
			want:  []string{"Lynn Langit"},
			forOf: map[string][]string{"Lynn Langit": {"product / services"}},
		},
		{
			name: "what troy hunt covers", call: Covers, query: "troy hunt",
			want:  []string{"Azure", "Security"},
			lines: map[string][]int{"Azure": {67}, "Security": {67}},
		},
		{
			name: "who works at google", call: Affiliates, query: "Google",
			want: []string{"DynamicWebpaige", "Felipe Hoffa", "Kelsey Hightower", "Laurence Moroney", "Nicole Forsgren", "Rachel Tatman", "Sara Robinson"},
		},
		{
			name: "who works at aws across interviews", call: Affiliates, query: "amazon web services",
			want:  []string{"Adrian Cockcroft", "Jeff Barr", "Priya Raman"},
			lines: map[string][]int{"Priya Raman": {10}},
		},
		{
			name: "nobody recommends lynn's recommender", call: RecommendedBy, query: "Priya Raman",
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.call(g, tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got := itemNames(res.Items)
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("items %q, want %q", got, tt.want)
			}
			byName := map[string]ListItem{}
			for _, it := range res.Items {
				byName[it.Node.Name] = it
				if len(it.Sources) == 0 {
					t.Errorf("%s: no sources", it.Node.Name)
				}
			}
			for name, want := range tt.forOf {
				var fors []string
				for _, f := range byName[name].For {
					fors = append(fors, f.Node.Name)
					for _, s := range f.Sources {
						if !slices.ContainsFunc(byName[name].Sources, func(r graph.Source) bool { return r.Interview == s.Interview }) {
							t.Errorf("%s for %s: source %s:%d is from another interview", name, f.Node.Name, s.Interview, s.Line)
						}
					}
				}
				if !slices.Equal(fors, want) {
					t.Errorf("%s for %q, want %q", name, fors, want)
				}
			}
			for name, want := range tt.lines {
				var lines []int
				for _, s := range byName[name].Sources {
					lines = append(lines, s.Line)
				}
				if !slices.Equal(lines, want) {
					t.Errorf("%s on lines %v, want %v", name, lines, want)
				}
			}
		})
	}
}

func TestListsRecommendationCount(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Recommends(g, "Lynn Langit")
	if err != nil {
		t.Fatal(err)
	}
	// Lines 60–83 of the seed list 24 recommendations.
	if len(res.Items) != 24 {
		t.Errorf("Lynn Langit recommends %d, want 24", len(res.Items))
	}
}

func TestListsResolveErrors(t *testing.T) {
	g := fixtureGraph(t)
	if _, err := Recommends(g, "Kelsy Hightower"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Recommends(typo) error %v, want ErrNotFound", err)
	}
	var amb *AmbiguousError
	if _, err := Affiliates(g, "serverless"); errors.As(err, &amb) {
		t.Errorf("Affiliates(serverless) = %v; want the organization, which is preferred", err)
	}
}

func TestListsGolden(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		call  func(*graph.Graph, string) (*ListResult, error)
		query string
	}{
		{"recommends-priya-raman", Recommends, "Priya Raman"},
		{"recommended-by-kelsey-hightower", RecommendedBy, "Kelsey Hightower"},
		{"affiliates-google", Affiliates, "Google"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.call(g, tt.query)
			if err != nil {
				t.Fatal(err)
			}
			assertGoldenJSON(t, tt.name+".json", res)
			assertGoldenText(t, tt.name+".txt", func(b *bytes.Buffer) error { return res.WriteText(b) })
		})
	}
}
