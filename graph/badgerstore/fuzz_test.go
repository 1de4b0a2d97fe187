package badgerstore

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// FuzzDecodeFacts feeds arbitrary bytes to the f/ record decoder: it must
// not panic, and whatever it accepts must re-encode to a record that
// decodes to the same facts.
func FuzzDecodeFacts(f *testing.F) {
	f.Add(encodeFacts(canonical(genFacts(1, 0))))
	f.Add(encodeFacts(&graph.Facts{}))
	f.Add([]byte{0x0a, 0x80})
	f.Add([]byte{0x12, 0x02, 0x08, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		facts, err := decodeFacts(b, "slug")
		if err != nil {
			return
		}
		facts.Interview.Slug = "slug"
		again, err := decodeFacts(encodeFacts(facts), "slug")
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		again.Interview.Slug = "slug"
		if !reflect.DeepEqual(normalizeEmpty(again), normalizeEmpty(facts)) {
			t.Fatalf("round trip changed facts:\n%+v\n%+v", facts, again)
		}
	})
}

// normalizeEmpty makes empty and nil slices compare equal.
func normalizeEmpty(f *graph.Facts) *graph.Facts {
	for i := range f.Nodes {
		if len(f.Nodes[i].Aliases) == 0 {
			f.Nodes[i].Aliases = nil
		}
	}
	for i := range f.Edges {
		if len(f.Edges[i].Sources) == 0 {
			f.Edges[i].Sources = nil
		}
	}
	if len(f.Nodes) == 0 {
		f.Nodes = nil
	}
	if len(f.Edges) == 0 {
		f.Edges = nil
	}
	return f
}

// FuzzDecodeValues feeds arbitrary bytes to the decoders of the other
// values; none may panic, and accepted sources and centrality round-trip.
func FuzzDecodeValues(f *testing.F) {
	facts := []*graph.Facts{genFacts(1, 0), genFacts(2, 0)}
	g, votes := graph.Merge(facts...), votesFromFacts(facts, nil)
	for i := range g.Nodes {
		f.Add(nodeValue(g, i, votes[g.Nodes[i].ID]))
	}
	f.Add(encodeCentrality(graph.Centrality{PageRank: 0.5, Degree: -2, Approximate: true}))
	f.Add(encodeAnalytics(&graph.Analytics{Modularity: 0.3, Communities: 4}))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeNode(b, nil)
		decodeVotes(b)
		decodeAnalytics(b)
		decodeInfo(b)
		decodeSnapshotHeader(b)
		decodeSchema(b)
		if c, err := decodeCentrality(b); err == nil {
			again, err := decodeCentrality(encodeCentrality(c))
			if err != nil || !bytes.Equal(encodeCentrality(again), encodeCentrality(c)) {
				t.Fatalf("centrality round trip: %+v -> %+v, %v", c, again, err)
			}
		}
	})
}

// FuzzKeys checks that a node key parses back to its ID, for any ID
// without NUL bytes.
func FuzzKeys(f *testing.F) {
	f.Add("person/ada")
	f.Add("topic/c++")
	f.Fuzz(func(t *testing.T, id string) {
		if checkPart("id", id) != nil {
			return
		}
		if got, err := parseNodeKey(nodeKey(id)); err != nil || got != id {
			t.Errorf("node key %q: %q %v", nodeKey(id), got, err)
		}
	})
}

// FuzzDecodeSnapshot feeds arbitrary bytes to the snapshot decoder: it must
// not panic, and whatever it accepts must re-encode to a snapshot that
// decodes to the same graph.
func FuzzDecodeSnapshot(f *testing.F) {
	g := graph.Merge(fixtures(f)...)
	g.Analytics = fakeAnalytics(g, 1)
	for i := range g.Nodes[:4] {
		c := g.Analytics.Centrality[g.Nodes[i].ID]
		g.Nodes[i].Centrality = &c
	}
	for _, g := range []*graph.Graph{g, graph.New(nil, nil, nil)} {
		blob, err := encodeSnapshot(g)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(blob)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// Deferred decoding checks less, so it may accept what the
		// full decoding refuses; either way reading every edge's
		// sources must not panic.
		deferred, deferredErr := decodeSnapshotDeferred(b)
		var deferredEdges []graph.Edge
		if deferredErr == nil {
			deferredEdges = edgesWithSources(deferred)
		}
		g, err := decodeSnapshot(b)
		if err != nil {
			return
		}
		if deferredErr != nil {
			t.Fatalf("decodes, but not with sources deferred: %v", deferredErr)
		}
		// Both decode nodes the same way; edges hold no measures that
		// could be NaN.
		if !reflect.DeepEqual(deferredEdges, g.Edges) {
			t.Fatal("deferred decoding reads other edges or sources")
		}
		blob, err := encodeSnapshot(g)
		if err != nil {
			t.Fatalf("a decoded snapshot does not encode: %v", err)
		}
		again, err := decodeSnapshot(blob)
		if err != nil {
			t.Fatalf("re-encoded snapshot does not decode: %v", err)
		}
		// Compare encodings: measures may be NaN, which DeepEqual
		// never finds equal.
		if blob2, err := encodeSnapshot(again); err != nil || !bytes.Equal(blob2, blob) {
			t.Fatalf("round trip changed the graph (%v)", err)
		}
	})
}

// skipVarintsByByte is skipVarints one byte at a time: past the byte
// that ends the n-th varint.
func skipVarintsByByte(b []byte, pos, n int) int {
	if n == 0 {
		return pos
	}
	for i, c := range b[pos:] {
		if c >= 0x80 {
			continue
		}
		if n--; n == 0 {
			return pos + i + 1
		}
	}
	return -1
}

func FuzzSkipVarints(f *testing.F) {
	f.Add([]byte{0x01, 0x80, 0x01, 0xff, 0xff, 0x7f, 0x00, 0x05, 0x81, 0x81, 0x01}, 0, 4)
	f.Add([]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80}, 1, 1)
	f.Add([]byte{}, 0, 0)
	f.Fuzz(func(t *testing.T, b []byte, pos, n int) {
		if pos < 0 || pos > len(b) || n < 0 {
			return
		}
		if got, want := skipVarints(b, pos, n), skipVarintsByByte(b, pos, n); got != want {
			t.Errorf("skipVarints(%x, %d, %d) = %d, want %d", b, pos, n, got, want)
		}
	})
}
