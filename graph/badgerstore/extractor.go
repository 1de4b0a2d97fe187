package badgerstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// ExtractedWith returns the fingerprint that SetExtractedWith last
// recorded, or "" if none was: the stored interviews were then read by
// an extractor nobody named, and may differ from what any reads now.
func (s *Store) ExtractedWith(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	var fp string
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keyExtractor)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			fp = string(v)
			return nil
		})
	})
	if err != nil {
		return "", fmt.Errorf("read %s: %w", s.path, err)
	}
	return fp, nil
}

// SetExtractedWith records fp as the fingerprint of the extractor that
// read every stored interview. Call it once they all have been read
// with it: a build cut short before then leaves the old fingerprint, so
// the next build reads them all again.
func (s *Store) SetExtractedWith(ctx context.Context, fp string) error {
	if s.readOnly {
		return fmt.Errorf("record the extractor in %s: %w", s.path, ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyExtractor, []byte(fp)) }); err != nil {
		return fmt.Errorf("record the extractor in %s: %w", s.path, err)
	}
	return nil
}
