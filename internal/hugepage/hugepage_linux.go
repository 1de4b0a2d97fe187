package hugepage

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// advise marks n bytes from p, a huge-page-aligned range, for huge pages.
// An error (no transparent huge pages in this kernel) leaves the memory as
// it was, which is correct, only slower.
func advise(p unsafe.Pointer, n uintptr) {
	_ = unix.Madvise(unsafe.Slice((*byte)(p), n), unix.MADV_HUGEPAGE)
}
