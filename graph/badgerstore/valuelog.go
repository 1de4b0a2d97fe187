package badgerstore

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// bulkLoadThreshold is the value size from which the process that
// creates a database writes values to Badger's value log rather than into
// the LSM tree. Of this store's records only f/ records are that large (2
// to 10 KB at 10,000 interviews; i/, n/ and c/ records stay under 400
// bytes). Written once to the log, a cold build's records stay out of the
// memtables, the table builds and the compactions: at 10,000 interviews
// its ingest took 11% less time and its peak 110 MB less memory (medians
// of 15 paired runs).
//
// Later processes keep Badger's default threshold (1 MB), so a record
// replaced by an incremental build goes into the LSM tree: every process
// that writes to the log starts a log file of its own, and one-file
// rebuilds would leave a file each. The log's stale records are therefore
// at most the first build's; collectValueLog reclaims them.
const bulkLoadThreshold = 1 << 10

// bulkLoad returns tune with the value threshold of a new database.
func bulkLoad(tune tuneFunc) tuneFunc {
	return func(o badger.Options) badger.Options {
		if tune != nil {
			o = tune(o)
		}
		return o.WithValueThreshold(bulkLoadThreshold)
	}
}

// collectValueLog rewrites the value-log files that are at least half
// stale, keeping their live records. Badger knows a record is stale once
// a compaction has dropped the older version of its key, so the space
// that replaced records take comes back as compactions run; when none
// is due, this costs a lookup. A read-write Open calls it before any
// write.
func (s *Store) collectValueLog() error {
	for {
		err := s.db.RunValueLogGC(0.5)
		if errors.Is(err, badger.ErrNoRewrite) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("rewrite the value log of %s: %w", s.path, err)
		}
	}
}
