package testgraph

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := Config{Nodes: 300, Edges: 2000, Seed: 3}
	n1, e1, i1 := Generate(cfg)
	n2, e2, i2 := Generate(cfg)
	if !reflect.DeepEqual(n1, n2) || !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(i1, i2) {
		t.Fatal("same config, different graphs")
	}
	g := graph.New(n1, e1, i1)
	if len(g.Edges) != len(e1) {
		t.Errorf("graph.New dropped %d edges with unknown endpoints", len(e1)-len(g.Edges))
	}
	var plain, interviews int
	for _, n := range g.Nodes {
		if n.Kind == graph.Interview {
			interviews++
		} else {
			plain++
		}
	}
	if plain != cfg.Nodes || interviews != len(i1) {
		t.Errorf("%d nodes and %d interview nodes, want %d and %d", plain, interviews, cfg.Nodes, len(i1))
	}
	if others := len(g.Edges) - interviews; others != cfg.Edges {
		t.Errorf("%d non-features edges, want %d", others, cfg.Edges)
	}
}

func TestEdgeListRoundTrip(t *testing.T) {
	g := graph.New(SeedLike())
	var buf bytes.Buffer
	if err := NewEdgeList(g, "round trip").Write(&buf); err != nil {
		t.Fatal(err)
	}
	el, err := ReadEdgeList(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(el, NewEdgeList(g, "round trip")) {
		t.Error("edge list changed in a write and read")
	}
	back := el.Graph()
	if len(back.Nodes) != len(g.Nodes) || len(back.Edges) != len(g.Edges) {
		t.Errorf("rebuilt graph has %d nodes, %d edges; want %d, %d", len(back.Nodes), len(back.Edges), len(g.Nodes), len(g.Edges))
	}
}

func TestReadEdgeListRejects(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"not json", `{`, "decode"},
		{"unknown field", `{"nodes":[],"edges":[],"extra":1}`, "decode"},
		{"unknown kind", `{"nodes":[{"id":"x/a","kind":"x"}],"edges":[]}`, "unknown kind"},
		{"duplicate node", `{"nodes":[{"id":"person/a","kind":"person"},{"id":"person/a","kind":"person"}],"edges":[]}`, "duplicate"},
		{"unknown relation", `{"nodes":[{"id":"person/a","kind":"person"}],"edges":[{"from":"person/a","to":"person/a","rel":"likes"}]}`, "unknown relation"},
		{"dangling edge", `{"nodes":[{"id":"person/a","kind":"person"}],"edges":[{"from":"person/a","to":"person/b","rel":"mentions"}]}`, "unknown endpoint"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadEdgeList(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func FuzzReadEdgeList(f *testing.F) {
	var buf bytes.Buffer
	if err := NewEdgeList(graph.New(SeedLike()), "seed").Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"nodes":[{"id":"person/a","kind":"person"}],"edges":[{"from":"person/a","to":"person/a","rel":"mentions"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		el, err := ReadEdgeList(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever parses must survive a write and a second read.
		var out bytes.Buffer
		if err := el.Write(&out); err != nil {
			t.Fatal(err)
		}
		again, err := ReadEdgeList(&out)
		if err != nil {
			t.Fatalf("re-read of written edge list: %v", err)
		}
		if len(again.Nodes) != len(el.Nodes) || len(again.Edges) != len(el.Edges) {
			t.Fatalf("round trip changed sizes")
		}
		g := el.Graph()
		if len(g.Edges) != len(el.Edges) {
			t.Fatalf("graph dropped edges of a valid edge list")
		}
	})
}
