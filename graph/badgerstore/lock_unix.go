//go:build unix

package badgerstore

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lockFree reports whether the directory lock Badger takes (flock on the
// directory, shared for read-only) could be taken now. Probing first lets
// Open report ErrLocked precisely instead of parsing Badger's message.
func lockFree(dir string, readOnly bool) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", dir, err)
	}
	defer f.Close()
	how := unix.LOCK_EX | unix.LOCK_NB
	if readOnly {
		how = unix.LOCK_SH | unix.LOCK_NB
	}
	err = unix.Flock(int(f.Fd()), how)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", dir, err)
	}
	// Closing the descriptor releases the lock.
	return true, nil
}
