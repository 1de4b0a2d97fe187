//go:build unix

package ingest

import (
	"fmt"
	"io/fs"
	"syscall"

	"github.com/peoplegraph/peoplegraph/extract"
)

// ReadFile reads an interview file as Sync does, refusing one that is not
// a regular file or is larger than extract.MaxFileSize. It makes five
// system calls for most files (open, fstat, two reads, close) where
// os.Stat and os.ReadFile make about ten, among them registering the
// file with the network poller, which refuses regular files; a build
// reads ten thousand files.
func ReadFile(path string) ([]byte, error) {
	fd, err := openRetry(path)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if err := refuse(st.Mode&syscall.S_IFMT == syscall.S_IFREG, st.Size); err != nil {
		return nil, err
	}
	// One byte more than the size, so that a file that grew since is
	// read to its end by the loop rather than cut.
	data := make([]byte, 0, st.Size+1)
	blocking := false
	for {
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN && !blocking {
			// A file system that honours O_NONBLOCK on regular files
			// (some FUSE ones): read blocking, as os.ReadFile would.
			if err := syscall.SetNonblock(fd, false); err != nil {
				return nil, &fs.PathError{Op: "read", Path: path, Err: err}
			}
			blocking = true
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) > extract.MaxFileSize {
			return nil, fmt.Errorf("file grew past the %d MB limit for an interview while it was read", extract.MaxFileSize>>20)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// openRetry opens path for reading without blocking, and without making
// a terminal the controlling one: opening a named pipe would otherwise
// wait for a writer before fstat could refuse it.
func openRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
