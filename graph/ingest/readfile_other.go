//go:build !unix

package ingest

import "os"

// ReadFile reads an interview file as Sync does, refusing one that is not
// a regular file or is larger than extract.MaxFileSize.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := refuse(fi.Mode().IsRegular(), fi.Size()); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
