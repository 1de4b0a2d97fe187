package badgerstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// SetAnalytics stores analytics computed from the current graph and marks
// them current. Centrality for a large graph needs several transactions:
// m/stale stays set until the last one, so a crash part-way leaves the
// analytics stale, never half-written. It assumes no interview changes
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

	b := s.newBatch()
	defer b.discard()
	start := &change{slug: "(analytics)"}
	start.add(mutation{key: keyStale, value: []byte{}})
	start.add(mutation{key: keyAnalytics, delete: true})
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
	if err := b.commit(); err != nil {
		return err
	}

	done := &change{slug: "(analytics)"}
	done.add(mutation{key: keyAnalytics, value: encodeAnalytics(a)})
	done.add(mutation{key: keyStale, delete: true})
	if err := b.apply(done); err != nil {
		return err
	}
	return b.commit()
}

func single(m mutation) *change {
	c := &change{slug: "(analytics)"}
	c.add(m)
	return c
}
