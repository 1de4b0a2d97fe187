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
	// Bavail is signed on some systems (FreeBSD), where it turns
	// negative once the root reserve is in use: no space for us at all.
	avail := uint64(st.Bavail)
	if int64(avail) < 0 {
		return 0, true
	}
	return avail * uint64(st.Bsize), true
}
