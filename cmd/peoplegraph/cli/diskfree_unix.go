//go:build unix

package cli

import "golang.org/x/sys/unix"

// freeBytes reports the space available to this user on the file system
// holding path.
func freeBytes(path string) (uint64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
