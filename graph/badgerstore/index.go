package badgerstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// The index (n/, e/, r/ and a/ keys) describes the merged graph node by
// node. It is derived from the f/ records and rewritten, for the nodes
// that changed, by SetAnalytics; while m/stale is set it may lag behind
// the records and nothing reads it.

// maxChunk is the encoded size past which an adjacency list continues in
// a new chunk, so that no value, however popular its node, outgrows a
// Badger transaction.
const maxChunk = 256 << 10

// entry is one index key with its value.
type entry struct{ key, value []byte }

func compareEntries(a, b entry) int { return bytes.Compare(a.key, b.key) }

// nodeEntries returns the index entries of node i of g, sorted by key;
// votes are the node's votes (see votes.go).
func nodeEntries(g *graph.Graph, i int, votes []nodeVote) []entry {
	n := g.Nodes[i]
	out := []entry{{key: nodeKey(n.ID), value: appendVotes(appendNode(nil, n, nil), votes)}}
	for _, name := range foldedNames(n) {
		out = append(out, entry{key: nameKey(name, n.ID), value: []byte{}})
	}
	// Out-edges come sorted by (rel, to); in-edges by (from, rel).
	out = appendAdjacency(out, prefixEdge, n.ID, g.Out(i), func(e *graph.Edge) graph.Edge {
		return graph.Edge{To: e.To, Sources: interviewsOf(e.Sources)}
	})
	in := g.In(i)
	slices.SortStableFunc(in, func(a, b *graph.Edge) int { return strings.Compare(string(a.Rel), string(b.Rel)) })
	out = appendAdjacency(out, prefixReverse, n.ID, in, func(e *graph.Edge) graph.Edge {
		return graph.Edge{From: e.From}
	})
	slices.SortFunc(out, compareEntries)
	return out
}

// interviewsOf returns one source per interview among ss, naming only the
// interview: what an out-list records of an edge's evidence. The evidence
// itself is in those interviews' f/ records (see resolveSources).
func interviewsOf(ss []graph.Source) []graph.Source {
	var out []graph.Source
	for _, s := range ss {
		if len(out) == 0 || out[len(out)-1].Interview != s.Interview {
			out = append(out, graph.Source{Interview: s.Interview})
		}
	}
	return out
}

// appendAdjacency appends the chunks of node's adjacency lists, one list
// per relation, to out. edges are grouped by relation; item gives what a
// list item records of an edge (the key holds the node and relation).
func appendAdjacency(out []entry, prefix, node string, edges []*graph.Edge, item func(*graph.Edge) graph.Edge) []entry {
	for start := 0; start < len(edges); {
		rel := edges[start].Rel
		chunk, value := 0, []byte(nil)
		k := start
		for ; k < len(edges) && edges[k].Rel == rel; k++ {
			if len(value) >= maxChunk {
				out = append(out, entry{adjacencyKey(prefix, node, rel, chunk), value})
				chunk, value = chunk+1, nil
			}
			e := item(edges[k])
			value = appendMessage(value, fListItem, func(b []byte) []byte { return appendEdge(b, e, "", nil) })
		}
		out = append(out, entry{adjacencyKey(prefix, node, rel, chunk), value})
		start = k
	}
	return out
}

// decodeAdjacency appends the edges of one chunk of an e/ (out) or r/ (in)
// list to dst, filling in the node and relation its key names. Out-list
// edges have one source per interview, naming only the interview.
func decodeAdjacency(dst []graph.Edge, key, value []byte) ([]graph.Edge, error) {
	prefix, node, rel, _, err := parseAdjacencyKey(key)
	if err != nil {
		return dst, err
	}
	var inner error
	err = eachField(value, func(f field) bool {
		if f.num != fListItem {
			return true
		}
		if !f.isBytes() {
			return false
		}
		e, err := decodeEdge(f.bytes, "", nil)
		if err != nil {
			inner = err
		}
		e.Rel = rel
		if prefix == prefixEdge {
			e.From = node
		} else {
			e.To = node
		}
		dst = append(dst, e)
		return true
	})
	return dst, errors.Join(err, inner)
}

// foldedNames returns the distinct non-empty folded name and aliases of
// n, sorted.
func foldedNames(n graph.Node) []string {
	var out []string
	add := func(name string) {
		// A node has few names, so a linear search beats a set.
		if f := graph.Fold(name); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	add(n.Name)
	for _, a := range n.Aliases {
		add(a)
	}
	sort.Strings(out)
	return out
}

// writeIndex makes the index entries of the nodes ids (every node, if all
// is set) those g and votes imply, writing only the keys that differ,
// through b. With all unset, the index must be current for every node
// not in ids. votes must hold every written node of g.
func (s *Store) writeIndex(ctx context.Context, b *batch, g *graph.Graph, votes map[string][]nodeVote, ids map[string]bool, all bool) error {
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	r, err := newIndexReader(txn, all)
	if err != nil {
		return err
	}
	defer r.close()
	if all {
		ids = r.ids
		for _, n := range g.Nodes {
			ids[n.ID] = true
		}
	}
	sorted := sortedKeys(ids)
	wants := entriesAhead(g, votes, sorted)
	defer wants.close()
	for k, id := range sorted {
		if err := ctx.Err(); err != nil {
			return err
		}
		have, err := r.entries(id)
		if err != nil {
			return fmt.Errorf("read the index of %s: %w", id, err)
		}
		want, err := wants.get(k)
		if err != nil {
			return err
		}
		c := diffEntries(id, have, want)
		if c.entries == 0 {
			continue
		}
		if c.entries > b.maxCount/2 || c.bytes > b.maxBytes/2 {
			// Derived data under m/stale need not change atomically:
			// a very popular node's lists go in as they fit.
			for _, m := range c.muts {
				if err := b.apply(single(m)); err != nil {
					return err
				}
			}
			continue
		}
		if err := b.apply(c); err != nil {
			return err
		}
	}
	return b.commit()
}

// wantedEntries computes the index entries of a sorted list of nodes on
// every processor, a bounded number of chunks ahead of the one reader
// that writes them in order: encoding the entries costs about as much as
// writing them.
type wantedEntries struct {
	chunks []chan wantedChunk
	ahead  chan struct{} // a token per chunk being computed or not yet read
	stop   chan struct{}
	done   sync.WaitGroup
	// The reader's chunk.
	current wantedChunk
	at      int
}

// wantedChunk is the entries of entriesChunk nodes, or of those before
// errAt and an error for the node at errAt.
type wantedChunk struct {
	entries [][]entry
	errAt   int
	err     error
}

// entriesChunk is how many nodes a goroutine of entriesAhead encodes at
// a time.
const entriesChunk = 256

// entriesAhead starts computing the entries of the nodes ids, which g and
// votes give (a node missing from g has none; one in g needs votes). The
// caller reads them in order with get and calls close when done.
func entriesAhead(g *graph.Graph, votes map[string][]nodeVote, ids []string) *wantedEntries {
	w := &wantedEntries{
		chunks: make([]chan wantedChunk, (len(ids)+entriesChunk-1)/entriesChunk),
		ahead:  make(chan struct{}, 2*runtime.GOMAXPROCS(0)),
		stop:   make(chan struct{}),
		at:     -1,
	}
	for k := range w.chunks {
		w.chunks[k] = make(chan wantedChunk, 1) // never blocks a worker
	}
	w.done.Go(func() {
		for k := range w.chunks {
			select {
			case w.ahead <- struct{}{}:
			case <-w.stop:
				return
			}
			w.done.Go(func() {
				part := ids[k*entriesChunk : min((k+1)*entriesChunk, len(ids))]
				c := wantedChunk{entries: make([][]entry, len(part)), errAt: len(part)}
				for j, id := range part {
					i := g.Index(id)
					if i < 0 {
						continue
					}
					v, ok := votes[id]
					if !ok {
						c.errAt, c.err = j, fmt.Errorf("index of %s: no votes for the node", id)
						break
					}
					c.entries[j] = nodeEntries(g, i, v)
				}
				w.chunks[k] <- c
			})
		}
	})
	return w
}

// get returns the entries of the k-th node; k must not go backwards.
func (w *wantedEntries) get(k int) ([]entry, error) {
	if c := k / entriesChunk; c != w.at {
		w.current, w.at = <-w.chunks[c], c
		<-w.ahead
	}
	j := k % entriesChunk
	if j >= w.current.errAt {
		return nil, w.current.err
	}
	return w.current.entries[j], nil
}

// close stops computing entries nobody will read, and waits for the
// goroutines reading the graph to end.
func (w *wantedEntries) close() {
	close(w.stop)
	w.done.Wait()
}

// diffEntries returns the mutations that turn have into want, both
// sorted by key.
func diffEntries(id string, have, want []entry) *change {
	c := &change{slug: "(index of " + id + ")"}
	i, j := 0, 0
	for i < len(have) || j < len(want) {
		switch {
		case j == len(want) || (i < len(have) && bytes.Compare(have[i].key, want[j].key) < 0):
			c.add(mutation{key: have[i].key, delete: true})
			i++
		case i == len(have) || bytes.Compare(have[i].key, want[j].key) > 0:
			c.add(mutation{key: want[j].key, value: want[j].value})
			j++
		default:
			if !bytes.Equal(have[i].value, want[j].value) {
				c.add(mutation{key: want[j].key, value: want[j].value})
			}
			i++
			j++
		}
	}
	return c
}

// indexReader reads the current index entries of one node after another,
// in ID order, with one iterator per key range.
type indexReader struct {
	txn   *badger.Txn
	edges *badger.Iterator // nil when the range is empty
	rev   *badger.Iterator
	// In full mode, every indexed node and its a/ keys, found by a scan;
	// otherwise a node's a/ keys are read off the names its n/ value
	// gives, which the index keeps in step.
	ids   map[string]bool
	names map[string][]entry
	full  bool
	// noNodes says there are no n/ keys: a cold build reads none then.
	noNodes bool
}

func newIndexReader(txn *badger.Txn, full bool) (*indexReader, error) {
	r := &indexReader{txn: txn, full: full}
	hasNodes, err := hasPrefix(txn, []byte(prefixNode))
	if err != nil {
		return nil, err
	}
	r.noNodes = !hasNodes
	if r.edges, err = rangeIterator(txn, prefixEdge); err != nil {
		return nil, err
	}
	if r.rev, err = rangeIterator(txn, prefixReverse); err != nil {
		r.close()
		return nil, err
	}
	if !full {
		return r, nil
	}
	r.ids, r.names = map[string]bool{}, map[string][]entry{}
	for _, prefix := range []string{prefixNode, prefixEdge, prefixReverse, prefixName} {
		err := scan(txn, []byte(prefix), false, func(key, _ []byte) error {
			id := keyNode(key)
			r.ids[id] = true
			if prefix == prefixName {
				r.names[id] = append(r.names[id], entry{key: slices.Clone(key), value: []byte{}})
			}
			return nil
		})
		if err != nil {
			r.close()
			return nil, err
		}
	}
	return r, nil
}

// rangeIterator returns an iterator over the keys with prefix, or nil if
// there are none (a cold build's index is empty: no seeks at all then).
func rangeIterator(txn *badger.Txn, prefix string) (*badger.Iterator, error) {
	if ok, err := hasPrefix(txn, []byte(prefix)); err != nil || !ok {
		return nil, err
	}
	return txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)}), nil
}

func (r *indexReader) close() {
	if r.edges != nil {
		r.edges.Close()
	}
	if r.rev != nil {
		r.rev.Close()
	}
}

// entries returns the stored index entries of node id, sorted by key.
func (r *indexReader) entries(id string) ([]entry, error) {
	var out []entry
	var value []byte
	if !r.noNodes {
		var err error
		if value, err = readValue(r.txn, nodeKey(id)); err != nil {
			return nil, err
		}
	}
	if value != nil {
		out = append(out, entry{nodeKey(id), value})
		if !r.full {
			n, err := decodeNode(value, nil)
			if err != nil {
				return nil, fmt.Errorf("decode %q: %w", nodeKey(id), err)
			}
			for _, name := range foldedNames(n) {
				out = append(out, entry{nameKey(name, id), []byte{}})
			}
		}
	}
	if r.full {
		out = append(out, r.names[id]...)
	}
	for _, span := range []struct {
		it     *badger.Iterator
		prefix string
	}{{r.edges, prefixEdge}, {r.rev, prefixReverse}} {
		if span.it == nil {
			continue
		}
		prefix := []byte(span.prefix + id + sep)
		for span.it.Seek(prefix); span.it.ValidForPrefix(prefix); span.it.Next() {
			item := span.it.Item()
			v, err := item.ValueCopy(nil)
			if err != nil {
				return nil, err
			}
			out = append(out, entry{item.KeyCopy(nil), v})
		}
	}
	slices.SortFunc(out, compareEntries)
	return out, nil
}
