package badgerstore

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/peoplegraph/peoplegraph/graph"
)

// The index is one n/ key per node of the merged graph: the node as the
// merge gave it, and the votes of the interviews that name it. It is
// derived from the f/ records and rewritten, for the nodes that changed,
// by PrepareAnalytics or SetAnalytics; while m/stale is set it may lag
// behind the records and nothing reads it. Loading the graph by patching
// the snapshot reads the votes of the nodes an edit touched (patch.go).

// nodeValue returns the n/ value of node i of g; votes are the node's
// votes (see votes.go).
func nodeValue(g *graph.Graph, i int, votes []nodeVote) []byte {
	return appendVotes(appendNode(nil, g.Nodes[i], nil), votes)
}

// writeIndex makes the n/ values of the nodes ids (every node, if all is
// set) those g and votes imply, writing only the keys that differ,
// through b. With all unset, the index must be current for every node
// not in ids. votes must hold every written node of g.
func (s *Store) writeIndex(ctx context.Context, b *batch, g *graph.Graph, votes map[string][]nodeVote, ids map[string]bool, all bool) error {
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	hasNodes, err := hasPrefix(txn, []byte(prefixNode))
	if err != nil {
		return err
	}
	if all {
		ids = map[string]bool{}
		err := scan(txn, []byte(prefixNode), false, func(key, _ []byte) error {
			ids[string(key[len(prefixNode):])] = true
			return nil
		})
		if err != nil {
			return err
		}
		for _, n := range g.Nodes {
			ids[n.ID] = true
		}
	}
	sorted := sortedKeys(ids)
	wants := valuesAhead(g, votes, sorted)
	defer wants.close()
	for k, id := range sorted {
		if err := ctx.Err(); err != nil {
			return err
		}
		var have []byte
		if hasNodes { // a cold build's index is empty: no reads at all then
			if have, err = readValue(txn, nodeKey(id)); err != nil {
				return fmt.Errorf("read the index of %s: %w", id, err)
			}
		}
		want, err := wants.get(k)
		if err != nil {
			return err
		}
		var m mutation
		switch {
		case want == nil && have == nil, bytes.Equal(have, want):
			continue
		case want == nil:
			m = mutation{key: nodeKey(id), delete: true}
		default:
			m = mutation{key: nodeKey(id), value: want}
		}
		if err := b.apply(single(m)); err != nil {
			return err
		}
	}
	return b.commit()
}

// wantedValues computes the n/ values of a sorted list of nodes on every
// processor, a bounded number of chunks ahead of the one reader that
// writes them in order.
type wantedValues struct {
	chunks []chan wantedChunk
	ahead  chan struct{} // a token per chunk being computed or not yet read
	stop   chan struct{}
	done   sync.WaitGroup
	// The reader's chunk.
	current wantedChunk
	at      int
}

// wantedChunk is the values of valuesChunk nodes (nil for a node not in
// the graph), or of those before errAt and an error for the node at
// errAt.
type wantedChunk struct {
	values [][]byte
	errAt  int
	err    error
}

// valuesChunk is how many nodes a goroutine of valuesAhead encodes at a
// time.
const valuesChunk = 256

// valuesAhead starts computing the n/ values of the nodes ids, which g
// and votes give (a node missing from g has none; one in g needs votes).
// The caller reads them in order with get and calls close when done.
func valuesAhead(g *graph.Graph, votes map[string][]nodeVote, ids []string) *wantedValues {
	w := &wantedValues{
		chunks: make([]chan wantedChunk, (len(ids)+valuesChunk-1)/valuesChunk),
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
				part := ids[k*valuesChunk : min((k+1)*valuesChunk, len(ids))]
				c := wantedChunk{values: make([][]byte, len(part)), errAt: len(part)}
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
					c.values[j] = nodeValue(g, i, v)
				}
				w.chunks[k] <- c
			})
		}
	})
	return w
}

// get returns the value of the k-th node; k must not go backwards.
func (w *wantedValues) get(k int) ([]byte, error) {
	if c := k / valuesChunk; c != w.at {
		w.current, w.at = <-w.chunks[c], c
		<-w.ahead
	}
	j := k % valuesChunk
	if j >= w.current.errAt {
		return nil, w.current.err
	}
	return w.current.values[j], nil
}

// close stops computing values nobody will read, and waits for the
// goroutines reading the graph to end.
func (w *wantedValues) close() {
	close(w.stop)
	w.done.Wait()
}

// dropRetiredIndex deletes the keys of the index's older layouts: e/ and
// r/ adjacency lists and a/ names (schema 4 and before), which the graph
// snapshot made redundant. DropPrefix is atomic per call.
func (s *Store) dropRetiredIndex() error {
	return s.db.DropPrefix([]byte(prefixEdge), []byte(prefixReverse), []byte(prefixName))
}
