package badgerstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// PrepareAnalytics does what SetAnalytics can do before the analytics
// are known, so that a build runs it while it computes them: it brings the
// index up to date for the nodes written since the last SetAnalytics and
// encodes the part of the graph snapshot analytics leave alone (its
// strings, edges and interviews), from the graph the last Load returned.
// The index is derived data: m/stale, set by the writes that made it
// out of date, stays set until SetAnalytics. If the last Load was not
// of this store's current records, PrepareAnalytics does nothing and
// SetAnalytics does it all. A Load between PrepareAnalytics and
// SetAnalytics merges every record rather than patch the snapshot.
func (s *Store) PrepareAnalytics(ctx context.Context) error {
	if s.readOnly {
		return fmt.Errorf("prepare analytics in %s: %w", s.path, ErrReadOnly)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	scanned := s.takeScanned()
	if scanned == nil {
		return nil
	}
	// SetAnalytics ends with a sync; writing back what the interviews'
	// writes left in the logs now, while the analytics are computed on
	// the processors, leaves that sync little to wait for.
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("prepare analytics in %s: sync: %w", s.path, err)
	}
	// SetAnalytics comes next and drops the journal at its start; a
	// cold build's journal holds every interview's facts, which the
	// analytics being computed meanwhile need the memory of.
	s.journal = nil
	g, votes, err := s.mergedGraph(ctx, scanned)
	if err != nil {
		return err
	}
	b := s.newBatch()
	defer b.discard()
	if err := s.writeIndex(ctx, b, g, votes, s.dirty, s.dirtyAll); err != nil {
		// Some nodes may be half written; compare everything next time.
		s.dirtyAll = true
		return fmt.Errorf("prepare analytics in %s: write index: %w", s.path, err)
	}
	// Every node is indexed as the records say.
	s.dirty, s.dirtyAll = map[string]bool{}, false
	body, err := encodeSnapshotBody(g, snapEdgeChunk)
	if err != nil {
		return fmt.Errorf("prepare analytics in %s: %w", s.path, err)
	}
	s.prepared = &preparedSnapshot{readTs: s.db.MaxVersion(), g: g, body: body}
	return nil
}

// preparedSnapshot is the graph of the records at database version readTs
// and the body of its snapshot, encoded by PrepareAnalytics.
type preparedSnapshot struct {
	readTs uint64
	g      *graph.Graph
	body   *snapshotBody
}

// takePrepared returns what PrepareAnalytics did if nothing was committed
// since, and forgets it either way. Callers hold writeMu.
func (s *Store) takePrepared() *preparedSnapshot {
	p := s.prepared
	s.prepared = nil
	if p == nil || s.db.MaxVersion() != p.readTs {
		return nil
	}
	return p
}

// SetAnalytics stores analytics computed from the current graph, brings
// the index up to date for the nodes that changed, stores the graph
// snapshot Load reads (the merged records with these analytics), and marks
// all three current. A large graph needs several transactions and a file:
// m/stale stays set until the last transaction, which writes the
// snapshot's header, so a crash part-way leaves analytics, index and
// snapshot stale and unused, never half-written. It assumes no interview
// changes between the Load the analytics came from and this call.
func (s *Store) SetAnalytics(ctx context.Context, a *graph.Analytics) error {
	if s.readOnly {
		return fmt.Errorf("set analytics in %s: %w", s.path, ErrReadOnly)
	}
	if a == nil {
		return fmt.Errorf("set analytics in %s: nil analytics", s.path)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	// What PrepareAnalytics did, or else the graph a Load read just
	// before, if nothing changed since, is the graph the snapshot must
	// hold; both taken before this call's own commits.
	prepared := s.takePrepared()
	var scanned *scannedGraph
	if prepared == nil {
		scanned = s.takeScanned()
	}
	// The snapshot the journal patches goes with the first commit.
	s.journal = nil
	b := s.newBatch()
	defer b.discard()
	start := &change{slug: "(analytics)"}
	start.add(mutation{key: keyStale, value: []byte{}})
	start.add(mutation{key: keyAnalytics, delete: true})
	start.add(mutation{key: keySnapshot, delete: true})
	if err := b.apply(start); err != nil {
		return err
	}
	if err := b.commit(); err != nil {
		return err
	}
	// A prepared snapshot is written while the centralities are.
	var snapshot func() (snapshotHeader, error)
	if prepared != nil {
		snapshot = s.writeSnapshotAsync(prepared, a)
		defer snapshot() // on the way out of a failure, wait for it
	}

	var old [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte(prefixCentral), false, func(key, _ []byte) error {
			if _, ok := a.Centrality[string(key[len(prefixCentral):])]; !ok {
				old = append(old, append([]byte(nil), key...))
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("set analytics in %s: %w", s.path, err)
	}
	for _, k := range old {
		if err := b.apply(single(mutation{key: k, delete: true})); err != nil {
			return err
		}
	}
	ids := make([]string, 0, len(a.Centrality))
	for id := range a.Centrality {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := checkPart("node ID", id); err != nil {
			return fmt.Errorf("set analytics in %s: %w", s.path, err)
		}
		m := mutation{key: centralityKey(id), value: encodeCentrality(a.Centrality[id])}
		if err := b.apply(single(m)); err != nil {
			return err
		}
	}
	if err := b.apply(single(mutation{key: keyAnalytics, value: encodeAnalytics(a)})); err != nil {
		return err
	}
	if err := b.commit(); err != nil {
		return err
	}

	if prepared == nil {
		g, votes, err := s.mergedGraph(ctx, scanned)
		if err != nil {
			return err
		}
		if err := s.writeIndex(ctx, b, g, votes, s.dirty, s.dirtyAll); err != nil {
			// Some nodes may be half written; compare everything next time.
			s.dirtyAll = true
			return fmt.Errorf("set analytics in %s: write index: %w", s.path, err)
		}
		prepared = &preparedSnapshot{g: g}
		snapshot = s.writeSnapshotAsync(prepared, a)
	}
	g := prepared.g
	header, err := snapshot()
	if err != nil {
		return err
	}
	done := &change{slug: "(analytics)"}
	done.add(mutation{key: keySnapshot, value: encodeSnapshotHeader(header)})
	done.add(mutation{key: keyStale, delete: true})
	if err := b.apply(done); err != nil {
		return err
	}
	if err := b.commit(); err != nil {
		return err
	}
	// A build's end: what it wrote survives a power loss from here.
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("set analytics in %s: sync: %w", s.path, err)
	}
	s.dirty, s.dirtyAll, s.votes, s.previous = map[string]bool{}, false, nil, nil
	s.journal = map[string]journalEntry{}
	s.scannedMu.Lock()
	s.published = &publishedGraph{version: s.db.MaxVersion(), g: g}
	s.scannedMu.Unlock()
	// The older snapshot files are unused now; one left by a failure
	// here is removed by the next SetAnalytics or read-write Open.
	if err := removeSnapshotFiles(s.path, header.file); err != nil {
		s.log.Warn("graph snapshot cleanup", "err", err)
	}
	return nil
}

// mergedGraph returns the graph of the stored records without analytics,
// and the votes of the nodes whose index entries must be rewritten:
// scanned and the votes counted with it, when a Load just read it, or
// merged afresh.
func (s *Store) mergedGraph(ctx context.Context, scanned *scannedGraph) (*graph.Graph, map[string][]nodeVote, error) {
	if scanned != nil && s.votes != nil {
		return scanned.g, s.votes, nil
	}
	var facts []*graph.Facts
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		facts, err = readAllFacts(ctx, txn)
		return err
	})
	if err != nil {
		// PrepareAnalytics and SetAnalytics both come here.
		return nil, nil, fmt.Errorf("merge the interviews' records in %s: %w", s.path, err)
	}
	g, votes := mergeWithVotes(facts, s.dirtyNode())
	return g, votes, nil
}

// writeSnapshot writes p's graph with the analytics a, durably, to a new
// snapshot file called name, with p's body if it has one. It returns the
// header to write with the clearing of m/stale. It sets the analytics of
// p's graph and the centrality of its nodes.
func (s *Store) writeSnapshot(p *preparedSnapshot, a *graph.Analytics, name string) (snapshotHeader, error) {
	g := p.g
	g.Analytics = a
	for i := range g.Nodes {
		if c, ok := a.Centrality[g.Nodes[i].ID]; ok {
			g.Nodes[i].Centrality = &c
		} else {
			g.Nodes[i].Centrality = nil
		}
	}
	body := p.body
	if body == nil {
		var err error
		if body, err = encodeSnapshotBody(g, snapEdgeChunk); err != nil {
			return snapshotHeader{}, fmt.Errorf("set analytics in %s: %w", s.path, err)
		}
	}
	blob, err := body.encode(g)
	if err != nil {
		return snapshotHeader{}, fmt.Errorf("set analytics in %s: %w", s.path, err)
	}
	if err := writeSnapshotFile(s.path, name, blob); err != nil {
		return snapshotHeader{}, err
	}
	return newSnapshotHeader(name, blob), nil
}

// writeSnapshotAsync starts writeSnapshot on another goroutine and
// returns a function that waits for its result, as often as called. The
// file is named after the database version, read here: Badger's version
// may not be read during a commit.
func (s *Store) writeSnapshotAsync(p *preparedSnapshot, a *graph.Analytics) func() (snapshotHeader, error) {
	name := snapshotFileName(s.db.MaxVersion())
	var (
		header snapshotHeader
		err    error
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		header, err = s.writeSnapshot(p, a, name)
	}()
	return func() (snapshotHeader, error) {
		<-done
		return header, err
	}
}

func single(m mutation) *change {
	c := &change{slug: "(analytics)"}
	c.add(m)
	return c
}
