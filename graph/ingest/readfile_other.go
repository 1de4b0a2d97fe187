//go:build !unix

package ingest

import (
	"errors"
	"fmt"
	"os"

	"github.com/peoplegraph/peoplegraph/extract"
)

// ReadFile reads an interview file as Sync does, refusing one that is not
// a regular file or is larger than extract.MaxFileSize.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	// Checked before reading, so a huge file is reported, not loaded.
	if fi.Size() > extract.MaxFileSize {
		return nil, fmt.Errorf("file is %d MB, larger than the %d MB limit for an interview", fi.Size()>>20, extract.MaxFileSize>>20)
	}
	return os.ReadFile(path)
}
