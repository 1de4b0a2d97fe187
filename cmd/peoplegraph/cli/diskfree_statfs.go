//go:build linux || darwin || freebsd

package cli

import "golang.org/x/sys/unix"

// freeBytes reports the space available to this user on the file system
// holding path.
func freeBytes(path string) (uint64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, false
	}
	// Bavail is signed on some systems (FreeBSD), unsigned on others.
	avail := uint64(st.Bavail)
	if int64(avail) < 0 {
		return 0, false
	}
	return avail * uint64(st.Bsize), true
}
