package badgerstore

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// batch packs whole changes into Badger transactions, committing before a
// change would push the transaction past Badger's limits, so a change is
// never split across commits.
type batch struct {
	s        *Store
	txn      *badger.Txn
	bytes    int64
	entries  int64
	maxBytes int64
	maxCount int64
}

// newBatch starts a batch. Callers hold writeMu, so no other batch is
// pending: the store's held values are all committed or discarded.
func (s *Store) newBatch() *batch {
	s.held = s.held[:0]
	return &batch{
		s:   s,
		txn: s.db.NewTransaction(true),
		// Badger refuses a transaction at its limits, and every
		// transaction starts with one entry and a few bytes of its own:
		// the marker that ends it in the log.
		maxBytes: s.db.MaxBatchSize() - 64,
		maxCount: s.db.MaxBatchCount() - 2,
	}
}

// apply adds c to the batch, first committing what is pending if c does
// not fit beside it.
func (b *batch) apply(c *change) error {
	if c.bytes > b.maxBytes || c.entries > b.maxCount {
		return fmt.Errorf("interview %s (%d nodes, %d edges: %d keys, ~%d bytes; the limit is %d keys, %d bytes): %w",
			c.slug, c.nodes, c.edges, c.entries, c.bytes, b.maxCount, b.maxBytes, ErrTooLarge)
	}
	if b.bytes+c.bytes > b.maxBytes || b.entries+c.entries > b.maxCount {
		if err := b.commit(); err != nil {
			return err
		}
	}
	for _, m := range c.muts {
		var err error
		switch {
		case m.delete:
			err = b.txn.Delete(m.key)
		case m.reused:
			err = b.txn.Set(m.key, b.keep(m.value))
		default:
			err = b.txn.Set(m.key, m.value)
		}
		if err != nil {
			// The size estimate is above Badger's, so ErrTxnTooBig here is
			// a bug; nothing of this batch has been committed.
			return fmt.Errorf("write interview %s: %w", c.slug, err)
		}
	}
	b.bytes += c.bytes
	b.entries += c.entries
	return nil
}

// commit commits what is pending and starts a new transaction.
func (b *batch) commit() error {
	if b.entries == 0 {
		return nil
	}
	err := b.txn.Commit()
	b.txn = b.s.db.NewTransaction(true)
	b.bytes, b.entries = 0, 0
	// Badger has copied the committed values into its logs.
	b.s.held = b.s.held[:0]
	if err != nil {
		return fmt.Errorf("commit to %s: %w", b.s.path, err)
	}
	return nil
}

// discard drops what is pending; call it deferred.
func (b *batch) discard() { b.txn.Discard() }

// keep copies v into the store's held buffer, where it stays until the
// transaction commits: Badger reads a value when it commits, and the
// buffer is reused by the next transaction rather than allocated afresh.
func (b *batch) keep(v []byte) []byte {
	held := b.s.held
	if len(held)+len(v) > cap(held) {
		// The values pending keep the old buffer alive until the commit.
		held = make([]byte, 0, max(2*cap(held), len(v), 1<<20))
	}
	start := len(held)
	held = append(held, v...)
	b.s.held = held
	return held[start:len(held):len(held)]
}
