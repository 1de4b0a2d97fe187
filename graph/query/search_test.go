package query

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestSearch(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		text  string
		limit int
		// first is the first node match as "id how matched"; empty when
		// no node may match.
		first string
		// lines lists "interview:line" that must be among the lines.
		lines []string
		// maxNodes, maxLines bound the lists (0: no bound checked).
		maxNodes, maxLines int
	}{
		{name: "prefix", text: "kube", first: "service/kubernetes prefix Kubernetes", lines: []string{"lynn-langit:22", "lynn-langit:44", "priya-raman:14"}},
		{name: "exact alias", text: "k8s", first: "service/kubernetes exact K8s"},
		{name: "substring in a surname", text: "hightower", first: "person/kelsey-hightower substring Kelsey Hightower", lines: []string{"lynn-langit:65", "priya-raman:20"}},
		{name: "typo", text: "kuberntes", first: "service/kubernetes fuzzy Kubernetes"},
		{name: "evidence only", text: "genomics", lines: []string{"lynn-langit:22"}},
		{name: "limit", text: "se", limit: 2, maxNodes: 2, maxLines: 2},
		{name: "nothing", text: "zzzzzzzz", maxNodes: -1, maxLines: -1},
		{name: "only punctuation", text: "?!", maxNodes: -1, maxLines: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Search(g, tt.text, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if tt.first != "" {
				if len(res.Nodes) == 0 {
					t.Fatalf("no node matches %q", tt.text)
				}
				m := res.Nodes[0]
				if got := m.Node.ID + " " + m.Match + " " + m.Matched; got != tt.first {
					t.Errorf("first match %q, want %q", got, tt.first)
				}
			}
			have := map[string]bool{}
			for _, l := range res.Lines {
				have[fmt.Sprintf("%s:%d", l.Interview, l.Line)] = true
				if !strings.Contains(graph.Fold(l.Text), graph.Fold(tt.text)) {
					t.Errorf("line %s:%d %q does not contain %q", l.Interview, l.Line, l.Text, tt.text)
				}
				if len(l.Facts) == 0 {
					t.Errorf("line %s:%d: no facts", l.Interview, l.Line)
				}
			}
			for _, l := range tt.lines {
				if !have[l] {
					t.Errorf("evidence lacks %s", l)
				}
			}
			checkLen(t, "nodes", len(res.Nodes), tt.maxNodes)
			checkLen(t, "lines", len(res.Lines), tt.maxLines)
			for i := 1; i < len(res.Lines); i++ {
				a, b := res.Lines[i-1], res.Lines[i]
				if a.Interview > b.Interview || (a.Interview == b.Interview && a.Line >= b.Line) {
					t.Errorf("line %d out of order", i)
				}
			}
		})
	}
}

// checkLen checks n against max: -1 means none, 0 means unchecked.
func checkLen(t *testing.T, what string, n, max int) {
	t.Helper()
	switch {
	case max < 0 && n != 0:
		t.Errorf("%d %s, want none", n, what)
	case max > 0 && n != max:
		t.Errorf("%d %s, want %d", n, what, max)
	}
}

func TestSearchGolden(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Search(g, "kube", 0)
	if err != nil {
		t.Fatal(err)
	}
	assertGoldenJSON(t, "search-kube.json", res)
	assertGoldenText(t, "search-kube.txt", func(b *bytes.Buffer) error { return res.WriteText(b) })
}

func FuzzSearch(f *testing.F) {
	g := fixtureGraph(f)
	for _, s := range []string{"kube", "a", "", "Kelsey Hightower", "\u0301", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := Search(g, text, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Nodes) > 5 || len(res.Lines) > 5 {
			t.Fatalf("limit 5 exceeded: %d nodes, %d lines", len(res.Nodes), len(res.Lines))
		}
	})
}
