package ingest

import (
	"errors"
	"fmt"

	"github.com/peoplegraph/peoplegraph/extract"
)

// refuse says why ReadFile does not read a file of this kind and size,
// or returns nil. It is asked before reading, so a huge file is
// reported, not loaded.
func refuse(regular bool, size int64) error {
	if !regular {
		return errors.New("not a regular file")
	}
	if size > extract.MaxFileSize {
		return fmt.Errorf("file is %d MB, larger than the %d MB limit for an interview", size>>20, extract.MaxFileSize>>20)
	}
	return nil
}
