//go:build !unix

package badgerstore

// lockFree cannot probe Badger's lock on this platform; Open relies on
// recognising Badger's own error instead.
func lockFree(dir string, readOnly bool) (bool, error) { return true, nil }
