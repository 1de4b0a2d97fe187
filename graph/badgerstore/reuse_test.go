package badgerstore

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// cloneFacts copies f deeply enough that changing the copy's nodes,
// aliases, edges or sources leaves f alone.
func cloneFacts(f *graph.Facts) *graph.Facts {
	c := &graph.Facts{Interview: f.Interview, Nodes: slices.Clone(f.Nodes), Edges: slices.Clone(f.Edges)}
	for i := range c.Nodes {
		c.Nodes[i].Aliases = slices.Clone(c.Nodes[i].Aliases)
	}
	for i := range c.Edges {
		c.Edges[i].Sources = slices.Clone(c.Edges[i].Sources)
	}
	return c
}

func TestCanonicalKeepsCanonicalFacts(t *testing.T) {
	base := canonical(genFacts(7, 0))
	if !isCanonical(base) {
		t.Fatal("canonical's copy is not canonical")
	}
	if len(base.Edges) < 3 || len(base.Nodes) < 3 {
		t.Fatalf("fixture too small: %d nodes, %d edges", len(base.Nodes), len(base.Edges))
	}
	tests := []struct {
		name   string
		change func(f *graph.Facts)
	}{
		{"unchanged", func(f *graph.Facts) {}},
		{"nodes out of order", func(f *graph.Facts) { f.Nodes[0], f.Nodes[1] = f.Nodes[1], f.Nodes[0] }},
		{"alias repeated", func(f *graph.Facts) { f.Nodes[0].Aliases = []string{"X", "X"} }},
		{"alias is the name", func(f *graph.Facts) { f.Nodes[0].Aliases = []string{f.Nodes[0].Name} }},
		{"aliases out of order", func(f *graph.Facts) { f.Nodes[0].Aliases = []string{"Y", "X"} }},
		{"empty alias list", func(f *graph.Facts) { f.Nodes[0].Aliases = []string{} }},
		{"centrality set", func(f *graph.Facts) { f.Nodes[0].Centrality = &graph.Centrality{PageRank: 1} }},
		{"edges out of order", func(f *graph.Facts) { f.Edges[0], f.Edges[1] = f.Edges[1], f.Edges[0] }},
		{"edge repeated", func(f *graph.Facts) {
			f.Edges = slices.Insert(f.Edges, 1, f.Edges[0])
		}},
		{"sources out of order", func(f *graph.Facts) {
			e := &f.Edges[0]
			e.Sources = append(e.Sources, e.Sources[0])
			e.Sources[0].Line += 1000
		}},
		{"source repeated", func(f *graph.Facts) {
			e := &f.Edges[0]
			e.Sources = append(e.Sources, e.Sources[len(e.Sources)-1])
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cloneFacts(base)
			tt.change(f)
			before := cloneFacts(f)
			got := canonical(f)
			if tt.name == "unchanged" {
				if got != f {
					t.Error("canonical copied facts that were canonical already")
				}
				return
			}
			if got == f {
				t.Fatal("canonical returned facts that are not canonical as they are")
			}
			if !reflect.DeepEqual(f, before) {
				t.Error("canonical changed the facts it was given")
			}
			if !isCanonical(got) {
				t.Errorf("canonical(f) is not canonical: %+v", got)
			}
			if want := encodeFacts(canonical(cloneFacts(got))); !bytes.Equal(encodeFacts(got), want) {
				t.Error("canonical(f) encodes differently from its own canonical form")
			}
		})
	}
}

func TestFactsEncoderReuse(t *testing.T) {
	facts := genMany(40, 1)
	// Two records whose node IDs have the same address and length but
	// different bytes: the encoder's cache of recent strings must not
	// carry the first into the second.
	buf := []byte("person/aaaa")
	first := genFacts(100, 0)
	first.Nodes[1].ID = unsafe.String(&buf[0], len(buf))
	firstRecord := encodeFacts(first) // encoded before buf changes
	var e factsEncoder
	if got := e.encode(first); !bytes.Equal(got, firstRecord) {
		t.Fatal("a fresh encoder encodes differently from encodeFacts")
	}
	copy(buf, "person/bbbb")
	second := genFacts(100, 0)
	second.Nodes[1].ID = unsafe.String(&buf[0], len(buf))
	facts = append(facts, second)
	for _, f := range facts {
		want := encodeFacts(f)
		if got := e.encode(f); !bytes.Equal(got, want) {
			t.Fatalf("reused encoder: record of %s differs from a fresh encoding", f.Interview.Slug)
		}
	}
}

// TestReplaceKeepsValuesAcrossCommits writes enough interviews in one
// call to need many transactions, so that the f/ records are encoded
// into one reused buffer and held across commits.
func TestReplaceKeepsValuesAcrossCommits(t *testing.T) {
	ctx := context.Background()
	small := func(o badger.Options) badger.Options { return o.WithMemTableSize(1 << 20) }
	s, err := open(ctx, Options{Path: filepath.Join(t.TempDir(), "db")}, small)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	facts := genMany(1500, 2)
	want := make([]*graph.Facts, len(facts))
	for i, f := range facts {
		want[i] = canonical(cloneFacts(f))
	}
	if total := len(facts) * len(encodeFacts(facts[0])); int64(total) < 4*s.db.MaxBatchSize() {
		t.Fatalf("%d bytes of records fit in %d transactions; the test needs more", total, total/int(s.db.MaxBatchSize())+1)
	}
	replaceAll(t, s, facts...)
	for _, f := range want {
		got, err := s.Facts(ctx, f.Interview.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Fatalf("Facts(%s) = %+v, want %+v", f.Interview.Slug, got, f)
		}
	}
}
