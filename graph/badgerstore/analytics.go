package badgerstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// SetAnalytics stores analytics computed from the current graph, stores
// the graph snapshot Load reads (the graph as the keys give it, with these
// analytics), and marks both current. A large graph needs several
// transactions and a file: m/stale stays set until the last transaction,
// which writes the snapshot's header, so a crash part-way leaves analytics
// and snapshot stale and unused, never half-written. It assumes no interview changes
// between the Load the analytics came from and this call.
func (s *Store) SetAnalytics(ctx context.Context, a *graph.Analytics) error {
	if s.readOnly {
		return fmt.Errorf("set analytics in %s: %w", s.path, ErrReadOnly)
	}
	if a == nil {
		return fmt.Errorf("set analytics in %s: nil analytics", s.path)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	// The graph a Load read just before, if nothing changed since, is the
	// graph the snapshot must hold; taken before this call's own commits.
	scanned := s.takeScanned()
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

	header, err := s.writeSnapshot(ctx, scanned)
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
	// The older snapshot files are unused now; one left by a failure
	// here is removed by the next SetAnalytics or read-write Open.
	if err := removeSnapshotFiles(s.path, header.file); err != nil {
		s.log.Warn("graph snapshot cleanup", "err", err)
	}
	return nil
}

// writeSnapshot reads the graph key by key (or takes scanned, read from
// the same keys) with the analytics written so far and writes it, durably,
// to a new snapshot file. It returns the header to write with the
// clearing of m/stale.
func (s *Store) writeSnapshot(ctx context.Context, scanned *scannedGraph) (snapshotHeader, error) {
	var blob []byte
	err := s.db.View(func(txn *badger.Txn) error {
		var g *graph.Graph
		var err error
		if scanned != nil {
			var a *graph.Analytics
			if a, err = readAnalytics(ctx, txn, scanned.nodes); err != nil {
				return err
			}
			g = graph.New(scanned.nodes, scanned.edges, scanned.interviews)
			g.Analytics = a
		} else if g, err = scanGraph(ctx, txn, true); err != nil {
			return err
		}
		blob, err = encodeSnapshot(g)
		return err
	})
	if err != nil {
		return snapshotHeader{}, fmt.Errorf("set analytics in %s: %w", s.path, err)
	}
	name := snapshotFileName(s.db.MaxVersion())
	if err := writeSnapshotFile(s.path, name, blob); err != nil {
		return snapshotHeader{}, err
	}
	return newSnapshotHeader(name, blob), nil
}

func single(m mutation) *change {
	c := &change{slug: "(analytics)"}
	c.add(m)
	return c
}
